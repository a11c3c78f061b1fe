package vn.rasoat.cli;

import picocli.CommandLine.Option;
import vn.rasoat.io.Progress;
import vn.rasoat.io.SchemaSource;

import java.nio.file.Path;

/** Options every command takes. */
public class CommonOptions {
    @Option(names = "--schemas", paramLabel = "DIR",
            description = "Folder of contracts, rulebooks and reference data (default: ./schemas, else the copy in the jar).")
    Path schemas;

    @Option(names = {"-v", "--verbose"}, description = "Show Spark's own log output.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    @Option(names = "--lock-wait", defaultValue = "0", paramLabel = "SECONDS",
            description = "If another run holds the warehouse, wait this long before failing (default: ${DEFAULT-VALUE}).")
    long lockWaitSeconds;

    /** Holds the warehouse for one writing run (see WarehouseLock). */
    public vn.rasoat.io.WarehouseLock lock(String warehouse, String job) {
        return vn.rasoat.io.WarehouseLock.acquire(warehouse, job, java.time.Duration.ofSeconds(lockWaitSeconds));
    }

    public SchemaSource source() {
        Progress.setQuiet(quiet);
        return SchemaSource.resolve(schemas);
    }

    public boolean verbose() {
        return verbose;
    }
}
