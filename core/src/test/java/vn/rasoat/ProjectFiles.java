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

    /** The checkout's top folder. */
    protected static Path projectDir() {
        return schemasDir().getParent();
    }
}
