package vn.rasoat.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.spark.Sessions;

import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Validate input files against schemas/inputs and stage them as typed Parquet; rejected rows go",
                "to quarantine with file, row, field, value and reason; prints the reconciliation."})
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "Input folder: one sub-folder per record type (csv, xlsx, parquet), or commune workbooks.")
    String input;

    @Mixin
    WarehouseOption warehouseOption;

    @Override
    public Integer call() {
        try (var lock = common.lock(warehouseOption.path(), "ingest")) {
            SparkSession spark = Sessions.get(common.verbose());
            IngestJob.Result r = IngestJob.run(spark, common.source(), input, warehouseOption.path());
            printReconciliation(r);
            String staging = IngestJob.stagingRoot(warehouseOption.path());
            QuarantineCommand.printByCommune(vn.rasoat.ingest.Quarantine.byCommune(vn.rasoat.ingest.Quarantine.held(spark,
                    staging, java.util.List.of(r.inputVersion()))), System.out, 50);
            return r.balanced() ? 0 : 3;
        }
    }

    static void printReconciliation(IngestJob.Result r) {
        System.out.println("reconciliation (input version " + r.inputVersion() + "): rows read = accepted + quarantined");
        System.out.printf("  %-17s %-44s %10s %10s %11s%n", "record type", "file", "read", "accepted", "quarantined");
        for (IngestJob.FileCount f : r.counts()) {
            System.out.printf("  %-17s %-44s %,10d %,10d %,11d%s%n", f.recordType(), abbreviate(f.sourceFile()),
                    f.read(), f.accepted(), f.quarantined(), f.balanced() ? "" : "  <-- DOES NOT BALANCE");
        }
        System.out.printf("  %-17s %-44s %,10d %,10d %,11d  %s%n", "total", "", r.read(), r.accepted(), r.quarantined(),
                r.balanced() ? "balanced" : "NOT BALANCED");
        if (!r.quarantineByReason().isEmpty()) {
            System.out.println("  quarantined by reason: " + r.quarantineByReason());
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 44 ? s : "…" + s.substring(s.length() - 43);
    }
}
