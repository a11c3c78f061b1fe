package vn.rasoat.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.spark.Sessions;

import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Validate input files against schemas/inputs and stage them as typed Parquet;",
                "rejected rows go to quarantine with file, row, field, value and reason; prints",
                "the reconciliation.",
                "",
                "Reads .csv (also compressed: .csv.gz, .csv.bz2, .csv.deflate, ... as Hadoop",
                "reads them), .xlsx and legacy .xls workbooks, and .parquet. Every other entry",
                "of the input folder is listed in the reconciliation with its size and why it",
                "was not read (\"skipped: not a data file\", names starting with _ or ., data",
                "files outside a record-type folder, a link back to a parent folder or to a",
                "folder or file already read: each real folder is walked once, each file read",
                "once). A .csv that is not text (a zip archive, a workbook, binary data) is",
                "quarantined as unreadable_file saying what it is; a file with a header and no",
                "rows is listed with 0 rows.",
                "",
                "The staged tables are published together when the run ends",
                "(staging/_published.json, switched by an atomic rename): a run killed half-way",
                "leaves the previous ingest readable and intact, and the next run removes what",
                "it left behind."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:every file reconciles (rows read = accepted + quarantined) and no warning",
                "1:an error (e.g. no input files, the warehouse locked by another run)",
                "2:a wrong option",
                "3:a file does not reconcile",
                "4:reconciled, but with a warning: nothing was accepted from a record type that had rows, or every"
                        + " row of a file was quarantined for the same reason (the warning lines name them)"})
public final class IngestCommand implements Callable<Integer>, WarehouseOption.Creates {
    @Mixin
    CommonOptions common;

    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "Input folder: one sub-folder per record type (csv, csv.gz, xlsx, xls, parquet), or commune workbooks.")
    String input;

    @Mixin
    WarehouseOption warehouseOption;

    @Override
    public Integer call() {
        try (var lock = common.lock(warehouseOption.path(), "ingest")) {
            SparkSession spark = Sessions.get(common.verbose());
            IngestJob.Result r = IngestJob.run(spark, common.source(), input, warehouseOption.path());
            printReconciliation(r);
            QuarantineCommand.printByCommune(vn.rasoat.ingest.Quarantine.byCommune(vn.rasoat.ingest.Quarantine.held(spark,
                    warehouseOption.path(), java.util.List.of(r.inputVersion()))), System.out, 50);
            return r.exitStatus();
        }
    }

    static void printReconciliation(IngestJob.Result r) {
        System.out.println("reconciliation (input version " + r.inputVersion() + "): rows read = accepted + quarantined");
        System.out.printf("  %-17s %-44s %10s %10s %11s%n", "record type", "file", "read", "accepted", "quarantined");
        for (IngestJob.FileCount f : r.counts()) {
            System.out.printf("  %-17s %-44s %,10d %,10d %,11d%s%s%n", f.recordType(), abbreviate(f.sourceFile()),
                    f.read(), f.accepted(), f.quarantined(), f.balanced() ? "" : "  <-- DOES NOT BALANCE",
                    f.note() == null ? "" : "  " + f.note() + (f.sizeBytes() >= 0 ? String.format(" (%,d bytes)", f.sizeBytes()) : ""));
        }
        System.out.printf("  %-17s %-44s %,10d %,10d %,11d  %s%n", "total", "", r.read(), r.accepted(), r.quarantined(),
                r.balanced() ? "balanced" : "NOT BALANCED");
        if (!r.quarantineByReason().isEmpty()) {
            System.out.println("  quarantined by reason: " + r.quarantineByReason());
        }
        for (String w : r.warnings()) {
            System.out.println("warning: " + w);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 44 ? s : "…" + s.substring(s.length() - 43);
    }
}
