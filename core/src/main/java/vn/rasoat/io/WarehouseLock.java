package vn.rasoat.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * One writer per warehouse: a job holds {@code <warehouse>/_rasoat.lock} (created atomically, failing if it
 * exists) while it writes. A second job waits up to its timeout, then fails naming the holder. A lock left by a
 * process of this host that no longer runs is taken over, with a message.
 */
public final class WarehouseLock implements AutoCloseable {
    private final FileSystem fs;
    private final Path path;

    private WarehouseLock(FileSystem fs, Path path) {
        this.fs = fs;
        this.path = path;
    }

    public static WarehouseLock acquire(String warehouse, String job, Duration wait) {
        Path path = new Path(warehouse, WarehouseLayout.LOCK);
        Instant deadline = Instant.now().plus(wait);
        try {
            FileSystem fs = path.getFileSystem(new Configuration());
            fs.mkdirs(path.getParent());
            String me = ProcessHandle.current().pid() + "@" + host();
            while (true) {
                try (FSDataOutputStream out = fs.create(path, false)) {
                    out.write((me + "\n" + job + "\n" + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
                    return new WarehouseLock(fs, path);
                } catch (FileAlreadyExistsException e) {
                    String holder = read(fs, path);
                    if (stale(holder)) {
                        System.err.println("[lock] removing a stale lock on " + warehouse + " left by " + firstLine(holder));
                        fs.delete(path, false);
                        continue;
                    }
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("the warehouse " + warehouse + " is in use by another rasoat run ("
                                + holder.replace('\n', ' ').trim() + "); wait for it to finish, or delete " + path
                                + " if that run is gone");
                    }
                    Thread.sleep(500);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + path, e);
        }
    }

    private static String read(FileSystem fs, Path p) throws IOException {
        try (FSDataInputStream in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.FileNotFoundException gone) {
            return "";
        }
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    /** Held by a process of this host that has ended (or an empty file from a crash before it was written). */
    static boolean stale(String holder) {
        String first = firstLine(holder);
        if (first.isBlank()) {
            return true;
        }
        String[] parts = first.split("@", 2);
        if (parts.length != 2 || !parts[1].equals(host())) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(parts[0])).map(ph -> !ph.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        try {
            fs.delete(path, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + path, e);
        }
    }
}
