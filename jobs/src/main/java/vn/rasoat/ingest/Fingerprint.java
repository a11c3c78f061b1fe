package vn.rasoat.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * The input data version: SHA-256 over every input file's relative path and content hash (files hashed in
 * parallel), shortened to 16 hex digits. Same bytes, same version, wherever the files sit.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String of(JavaSparkContext jsc, List<InputFile> files) {
        List<String> distinct = new TreeSet<>(files.stream().map(f -> f.path() + "\t" + f.relativePath()).toList())
                .stream().toList();
        if (distinct.isEmpty()) {
            return "empty";
        }
        List<String> hashes = jsc.parallelize(distinct, Math.max(1, Math.min(distinct.size(), 64)))
                .map(line -> {
                    String[] parts = line.split("\t", 2);
                    return parts[1] + "\t" + sha256(parts[0]);
                }).collect();
        MessageDigest md = digest();
        new TreeSet<>(hashes).forEach(h -> md.update((h + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    static String sha256(String path) {
        MessageDigest md = digest();
        try {
            Path p = new Path(path);
            try (InputStream in = p.getFileSystem(new Configuration()).open(p)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
