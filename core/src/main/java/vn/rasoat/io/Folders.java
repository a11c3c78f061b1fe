package vn.rasoat.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of the folders a command is given, before it runs, with messages that name the path. */
public final class Folders {
    private Folders() {
    }

    /**
     * {@code value} unchanged if it can be used as the folder {@code what} ("the warehouse", "the work folder"):
     * an existing folder, or — unless {@code mustExist} — a path that does not exist yet and whose nearest existing
     * parent is a folder. Otherwise an {@link IllegalArgumentException} in plain words naming the path. Local paths are
     * checked on disk; {@code hdfs://}, {@code s3a://} and other URIs through Hadoop's FileSystem.
     */
    public static String check(String what, String value, boolean mustExist) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " path is empty");
        }
        URI uri = uri(value);
        if (uri != null && uri.getScheme() != null && uri.getScheme().length() > 1 && !uri.getScheme().equals("file")) {
            return checkRemote(what, value, mustExist);
        }
        Path p = Path.of(uri != null && "file".equals(uri.getScheme()) ? uri.getPath() : value).toAbsolutePath().normalize();
        if (Files.exists(p)) {
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException(what + " " + value + " is not a directory (it is a file)");
            }
            return value;
        }
        Path parent = p.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(what + " " + value + " is not a directory: " + parent + " is a file");
        }
        if (mustExist) {
            throw new IllegalArgumentException(what + " " + value + " does not exist");
        }
        return value;
    }

    private static String checkRemote(String what, String value, boolean mustExist) {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(value);
        try {
            FileSystem fs = p.getFileSystem(new Configuration());
            FileStatus st = fs.getFileStatus(p);
            if (!st.isDirectory()) {
                throw new IllegalArgumentException(what + " " + value + " is not a directory (it is a file)");
            }
        } catch (FileNotFoundException e) {
            if (mustExist) {
                throw new IllegalArgumentException(what + " " + value + " does not exist");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach " + what + " " + value + ": " + e.getMessage());
        }
        return value;
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (java.net.URISyntaxException e) {
            return null; // a local path with characters a URI does not allow
        }
    }
}
