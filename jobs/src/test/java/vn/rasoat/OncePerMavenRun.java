package vn.rasoat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder under the top-level {@code target/} that one Maven run builds once for the tests of every module: the
 * first test JVM of the run that asks builds it, the others (later modules, the integration JVM after the unit one)
 * find it marked with the run's {@code rasoat.build} value and only read it. Test JVMs running side by side wait on
 * one file lock while the first builds. A folder of an earlier run, or one whose build failed half-way (no marker),
 * is deleted and built again; outside Maven (no {@code rasoat.build}) it is built once per JVM.
 */
public final class OncePerMavenRun {
    private OncePerMavenRun() {
    }

    /** A build step that may throw. */
    public interface Build {
        void into(Path dir) throws Exception;
    }

    /** The folder {@code target/<name>} at the top of the project, built by {@code build} unless this run did. */
    public static Path folder(String name, Build build) {
        Path dir = ProjectFiles.projectDir().resolve("target").resolve(name);
        String run = System.getProperty("rasoat.build", "");
        boolean inMaven = !run.isBlank() && !run.startsWith("$");
        Path marker = dir.resolve("_built_by_maven_run");
        try {
            Files.createDirectories(dir.getParent());
            try (FileChannel ch = FileChannel.open(dir.resolveSibling(name + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                if (inMaven && Files.isRegularFile(marker) && Files.readString(marker).equals(run)) {
                    return dir;
                }
                delete(dir);
                Files.createDirectories(dir);
                build.into(dir);
                Files.writeString(marker, run);
                return dir;
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("building target/" + name + " for the tests failed", e);
        }
    }

    /** A copy of the folder {@code from} as {@code to}, for a test that changes what it read. */
    public static Path copy(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
