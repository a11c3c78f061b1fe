package vn.rasoat.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * Where the project's data files (contracts, rulebooks, cost norms, reference data) are read from.
 *
 * <p>Precedence: an explicit folder ({@code --schemas}), then the environment variable {@code RASOAT_SCHEMAS},
 * then {@code ./schemas} when it exists (so a rulebook table dropped into the checkout takes effect with no
 * rebuild), then the copy packaged inside the jar (so {@code spark-submit} needs no checkout).
 */
public final class SchemaSource implements Serializable {
    private static final String CLASSPATH_ROOT = "rasoat-schemas/";
    private final String folder; // null means the classpath copy

    private SchemaSource(String folder) {
        this.folder = folder;
    }

    public static SchemaSource folder(Path path) {
        Objects.requireNonNull(path, "path is null");
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("schemas folder not found: " + path.toAbsolutePath());
        }
        return new SchemaSource(path.toAbsolutePath().toString());
    }

    public static SchemaSource classpath() {
        return new SchemaSource(null);
    }

    public static SchemaSource resolve(Path explicit) {
        if (explicit != null) {
            return folder(explicit);
        }
        String env = System.getenv("RASOAT_SCHEMAS");
        if (env != null && !env.isBlank()) {
            return folder(Paths.get(env));
        }
        if (Files.isDirectory(Paths.get("schemas", "inputs"))) {
            return folder(Paths.get("schemas"));
        }
        return classpath();
    }

    public boolean exists(String relative) {
        if (folder != null) {
            return Files.isRegularFile(Paths.get(folder, relative));
        }
        return SchemaSource.class.getClassLoader().getResource(CLASSPATH_ROOT + relative) != null;
    }

    public InputStream open(String relative) {
        try {
            if (folder != null) {
                return Files.newInputStream(Paths.get(folder, relative));
            }
            InputStream in = SchemaSource.class.getClassLoader().getResourceAsStream(CLASSPATH_ROOT + relative);
            if (in == null) {
                throw new IOException("not packaged in the jar: " + CLASSPATH_ROOT + relative);
            }
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open schema file " + describe(relative), e);
        }
    }

    public String readString(String relative) {
        try (InputStream in = open(relative)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + describe(relative), e);
        }
    }

    public String describe(String relative) {
        return folder != null ? Paths.get(folder, relative).toString() : "classpath:" + CLASSPATH_ROOT + relative;
    }

    @Override
    public String toString() {
        return folder != null ? folder : "classpath:" + CLASSPATH_ROOT;
    }
}
