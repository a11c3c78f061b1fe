package vn.rasoat.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.ingest.Quarantine;
import vn.rasoat.spark.Sessions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = {"List the held (quarantined) rows of a commune and review year from the staged input versions:",
                "file, line, field, value, reason, and the run and household each row concerns — the list an officer",
                "fixes the files from. Re-ingesting the fixed files replaces the held rows.",
                "Without --commune: the communes with held rows, most households affected first.",
                "Example: rasoat quarantine --warehouse data/warehouse --commune 30730 --year 2022 --out held.csv"})
public final class QuarantineCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--commune", description = "Commune code, 5 digits.")
    String commune;

    @Option(names = "--year", description = "Review year (reference year for commune totals and hamlets).")
    Integer year;

    @Option(names = "--out", description = "Also write the rows as CSV (UTF-8) to this file.")
    Path out;

    @Override
    public Integer call() {
        if (commune != null && !commune.matches("[0-9]{5}")) {
            throw new IllegalArgumentException("--commune " + commune + ": a commune code has 5 digits");
        }
        if ((commune == null) != (year == null)) {
            throw new IllegalArgumentException("give --commune and --year together (or neither, for the summary)");
        }
        SparkSession spark = Sessions.get(common.verbose());
        var held = Quarantine.held(spark, warehouse.path(), Quarantine.currentVersions(spark, common.source(), warehouse.path()));
        if (commune == null) {
            printByCommune(Quarantine.byCommune(held), System.out, Integer.MAX_VALUE);
            return 0;
        }
        List<Quarantine.HeldRow> rows = Quarantine.list(held, commune, year);
        System.out.printf("commune %s, %d: %,d held row(s)%n", commune, year, rows.size());
        System.out.printf("  %-12s %-40s %7s  %-22s %-20s %-17s %-14s %s%n", "record type", "file", "line", "field", "value",
                "reason", "run", "household");
        for (Quarantine.HeldRow r : rows) {
            System.out.printf("  %-12s %-40s %7d  %-22s %-20s %-17s %-14s %s%n", r.recordType(), r.sourceFile(), r.sourceRow(),
                    r.field(), r.value(), r.reason(), r.runId(), r.householdId());
        }
        if (out != null) {
            writeCsv(rows, out);
            System.out.println("  wrote " + out);
        }
        return 0;
    }

    /** The per-commune lines printed at the end of ingest and by {@code rasoat quarantine} without a commune. */
    static void printByCommune(List<Quarantine.ByCommune> rows, java.io.PrintStream out, int limit) {
        if (rows.isEmpty()) {
            out.println("no held rows in the staged input versions");
            return;
        }
        out.println("held rows per commune (households affected; list them with ./rasoat quarantine --commune C --year Y):");
        out.printf("  %-6s %-8s %10s %10s%n", "year", "commune", "rows", "households");
        for (Quarantine.ByCommune r : rows.subList(0, Math.min(limit, rows.size()))) {
            out.printf("  %-6s %-8s %,10d %,10d%n", r.year() == null ? "?" : r.year(),
                    r.communeCode() == null ? "(unread)" : r.communeCode(), r.rows(), r.households());
        }
        if (rows.size() > limit) {
            out.printf("  … %,d more commune-years with %,d held rows (./rasoat quarantine lists them all)%n",
                    rows.size() - limit, rows.subList(limit, rows.size()).stream().mapToLong(Quarantine.ByCommune::rows).sum());
        }
    }

    static void writeCsv(List<Quarantine.HeldRow> rows, Path file) {
        StringBuilder sb = new StringBuilder("record_type,source_file,source_row,field,value,reason,errors,run_id,household_id\n");
        for (Quarantine.HeldRow r : rows) {
            sb.append(String.join(",", List.of(csv(r.recordType()), csv(r.sourceFile()), String.valueOf(r.sourceRow()),
                    csv(r.field()), csv(r.value()), csv(r.reason()), csv(r.errors()), csv(r.runId()), csv(r.householdId()))))
                    .append('\n');
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        return s.matches("[^,\"\\r\\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
