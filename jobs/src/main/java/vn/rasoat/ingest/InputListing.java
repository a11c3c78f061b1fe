package vn.rasoat.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import vn.rasoat.contracts.Contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the input files under an input root (local, hdfs:// or s3a://). A file under a folder named after a
 * record type is of that type; a workbook elsewhere is read sheet by sheet, each sheet by its name. Data files
 * are CSV (plain, or compressed in any codec Hadoop reads: {@code .csv.gz}, {@code .csv.bz2}, …), workbooks
 * ({@code .xlsx}, legacy {@code .xls}) and Parquet. Every other entry is accounted for as {@link Skipped}, with its
 * reason: names starting with '_' or '.', files of other kinds, data files outside a record-type folder, and a
 * second path to a folder or file already read (a symbolic link; a link to a parent folder is reported as a loop).
 * Each real folder is walked once and each physical file read once.
 */
public final class InputListing {
    private InputListing() {
    }

    /** An entry of the input folder that is not read, and why (the reconciliation lists it); size -1 for a folder. */
    public record Skipped(String relativePath, String recordType, long size, String note) {
    }

    public record Listing(List<InputFile> files, List<Skipped> skipped) {
    }

    public static List<InputFile> list(String root) {
        return listAll(root).files();
    }

    public static Listing listAll(String root) {
        try {
            Path rootPath = new Path(root);
            Configuration conf = new Configuration();
            FileSystem fs = rootPath.getFileSystem(conf);
            if (!fs.exists(rootPath)) {
                throw new IllegalArgumentException("input folder not found: " + root);
            }
            Walk w = new Walk(fs, new CompressionCodecFactory(conf));
            Path qualified = fs.getFileStatus(rootPath).getPath();
            w.dirs.put(realPath(fs, qualified), "");
            w.walk(qualified, "");
            w.files.sort(Comparator.comparing(InputFile::relativePath).thenComparing(InputFile::recordType));
            w.skipped.sort(Comparator.comparing(Skipped::relativePath));
            return new Listing(w.files, w.skipped);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** The format a file is read as (csv, xlsx, xls, parquet), or null when it is not a data file. */
    static String format(String fileName, CompressionCodecFactory codecs) {
        String name = fileName.toLowerCase(Locale.ROOT);
        CompressionCodec codec = codecs.getCodec(new Path(fileName));
        if (codec != null) {
            String base = name.substring(0, name.length() - codec.getDefaultExtension().length());
            return base.endsWith(".csv") ? "csv" : null;
        }
        return name.endsWith(".csv") ? "csv" : name.endsWith(".xlsx") ? "xlsx" : name.endsWith(".xls") ? "xls"
                : name.endsWith(".parquet") ? "parquet" : null;
    }

    static boolean isWorkbook(String format) {
        return format.equals("xlsx") || format.equals("xls");
    }

    private static final class Walk {
        final FileSystem fs;
        final CompressionCodecFactory codecs;
        final List<InputFile> files = new ArrayList<>();
        final List<Skipped> skipped = new ArrayList<>();
        /** Real path of every folder walked (and of every file read) to the relative path it was first seen at. */
        final Map<String, String> dirs = new HashMap<>();
        final Map<String, String> seenFiles = new HashMap<>();

        Walk(FileSystem fs, CompressionCodecFactory codecs) {
            this.fs = fs;
            this.codecs = codecs;
        }

        void walk(Path dir, String rel) throws IOException {
            FileStatus[] entries = fs.listStatus(dir);
            Arrays.sort(entries, Comparator.comparing(s -> s.getPath().getName()));
            for (FileStatus st : entries) {
                String name = st.getPath().getName();
                String childRel = rel.isEmpty() ? name : rel + "/" + name;
                String type = typeFolder(childRel);
                if (name.startsWith("_") || name.startsWith(".")) {
                    skipped.add(new Skipped(childRel, type, st.isDirectory() ? -1 : st.getLen(),
                            "skipped: " + (st.isDirectory() ? "folder" : "file") + " name starts with '_' or '.'"));
                    continue;
                }
                String real = realPath(fs, st.getPath());
                if (st.isDirectory()) {
                    String first = dirs.putIfAbsent(real, childRel);
                    if (first != null) {
                        boolean loop = first.isEmpty() || childRel.startsWith(first + "/");
                        skipped.add(new Skipped(childRel, type, -1, loop
                                ? "skipped: link loop, a link to its own parent folder " + (first.isEmpty() ? "(the input folder)" : first)
                                : "skipped: the same folder as " + first + " (a link), read there once"));
                        continue;
                    }
                    walk(st.getPath(), childRel);
                    continue;
                }
                String firstFile = seenFiles.putIfAbsent(real, childRel);
                if (firstFile != null) {
                    skipped.add(new Skipped(childRel, type, st.getLen(),
                            "skipped: the same file as " + firstFile + " (a link), read there once"));
                    continue;
                }
                String format = format(name, codecs);
                if (format == null) {
                    skipped.add(new Skipped(childRel, type, st.getLen(), "skipped: not a data file"));
                    continue;
                }
                String full = st.getPath().toString();
                if (type == null && !isWorkbook(format)) {
                    skipped.add(new Skipped(childRel, null, st.getLen(),
                            "skipped: not in a record-type folder (e.g. household_roster/)"));
                } else if (type == null) {
                    for (String t : Contracts.RECORD_TYPES) {
                        files.add(new InputFile(full, childRel, t, format, st.getLen(), false));
                    }
                } else {
                    files.add(new InputFile(full, childRel, type, format, st.getLen(), true));
                }
            }
        }
    }

    /** The real path of a local file or folder (links resolved); the path itself on other file systems. */
    private static String realPath(FileSystem fs, Path p) {
        if ("file".equals(p.toUri().getScheme()) || "file".equals(fs.getUri().getScheme())) {
            try {
                return Paths.get(fs.makeQualified(p).toUri()).toRealPath().toString();
            } catch (IOException | RuntimeException e) {
                return p.toString();
            }
        }
        return p.toString();
    }

    private static String typeFolder(String rel) {
        String[] parts = rel.split("/");
        for (int i = parts.length - 2; i >= 0; i--) {
            if (Contracts.RECORD_TYPES.contains(parts[i])) {
                return parts[i];
            }
        }
        return null;
    }
}
