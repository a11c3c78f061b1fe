package vn.rasoat;

import vn.rasoat.io.SchemaSource;

import java.nio.file.Path;
import java.nio.file.Paths;

/** The project's own folders for tests, which run with their module folder as working directory. */
public abstract class ProjectFiles {
    /** The project's schemas folder. */
    protected static SchemaSource schemas() {
        return SchemaSource.folder(schemasDir());
    }

    protected static Path schemasDir() {
        Path p = Paths.get("..", "schemas").toAbsolutePath().normalize();
        return p.toFile().isDirectory() ? p : Paths.get("schemas").toAbsolutePath();
    }

    /** A CSV file on the test class path (a module's test resources, or another module's test jar): its rows. */
    public static java.util.List<java.util.Map<String, String>> csvResource(String name) {
        try (java.io.InputStream in = ProjectFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return vn.rasoat.io.SimpleCsv.read(in, name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The checkout's top folder. */
    protected static Path projectDir() {
        return schemasDir().getParent();
    }
}
