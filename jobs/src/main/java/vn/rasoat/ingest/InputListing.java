package vn.rasoat.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import vn.rasoat.contracts.Contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the input files under an input root (local, hdfs:// or s3a://). A file under a folder named after a
 * record type is of that type; a workbook elsewhere is read sheet by sheet, each sheet by its name. Names
 * starting with '_' or '.' are skipped.
 */
public final class InputListing {
    private InputListing() {
    }

    public static List<InputFile> list(String root) {
        try {
            Path rootPath = new Path(root);
            FileSystem fs = rootPath.getFileSystem(new Configuration());
            if (!fs.exists(rootPath)) {
                throw new IllegalArgumentException("input folder not found: " + root);
            }
            String rootUri = fs.getFileStatus(rootPath).getPath().toString();
            List<InputFile> out = new ArrayList<>();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(rootPath, true);
            while (it.hasNext()) {
                FileStatus st = it.next();
                String full = st.getPath().toString();
                String rel = full.startsWith(rootUri) ? full.substring(rootUri.length()).replaceFirst("^/", "") : full;
                if (skipped(rel)) {
                    continue;
                }
                String name = st.getPath().getName().toLowerCase(Locale.ROOT);
                String format = name.endsWith(".csv") ? "csv" : name.endsWith(".xlsx") ? "xlsx"
                        : name.endsWith(".parquet") ? "parquet" : null;
                if (format == null) {
                    continue;
                }
                String type = typeFolder(rel);
                if (type == null && !format.equals("xlsx")) {
                    continue;
                }
                if (type == null) {
                    for (String t : Contracts.RECORD_TYPES) {
                        out.add(new InputFile(full, rel, t, format, st.getLen(), false));
                    }
                } else {
                    out.add(new InputFile(full, rel, type, format, st.getLen(), true));
                }
            }
            out.sort(Comparator.comparing(InputFile::relativePath).thenComparing(InputFile::recordType));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static boolean skipped(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith("_") || part.startsWith(".")) {
                return true;
            }
        }
        return false;
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
