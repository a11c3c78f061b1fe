package vn.rasoat.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.spark.Sessions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run every stage end to end on the bundled samples (data-samples/) and print where each output is."})
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--samples", defaultValue = "data-samples", description = "Samples folder (default: ${DEFAULT-VALUE}).")
    Path samples;

    @Option(names = "--out", defaultValue = "demo-output", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    /** The short summary: province poor and near-poor rates per year, at the end of each annual review. */
    static void printProvinceRates(SparkSession spark, String warehouse) {
        var rates = vn.rasoat.marts.MartsJob.read(spark, warehouse, "mart_rates")
                .where("level = 'province' and breakdown = 'all' and official")
                .orderBy("unit_code", "review_year", "snapshot").collectAsList();
        System.out.println("province rates at the end of each annual review (households; denominator = commune totals)");
        System.out.printf("  %-8s %-4s %-22s %-14s %9s %8s %11s %8s %11s%n", "province", "year", "snapshot", "rulebook",
                "poor", "rate %", "near-poor", "rate %", "households");
        for (var r : rates) {
            System.out.printf("  %-8s %-4d %-22s %-14s %,9d %8s %,11d %8s %,11d%n", r.getAs("unit_code"),
                    (int) r.getAs("review_year"), r.getAs("snapshot"), r.getAs("rulebook_version"),
                    (long) r.getAs("poor_households"), r.getAs("poor_rate_pct"), (long) r.getAs("near_poor_households"),
                    r.getAs("near_poor_rate_pct"), (long) r.getAs("households_total"));
        }
    }

    @Override
    public Integer call() throws Exception {
        SchemaSource source = common.source();
        Path input = samples.resolve("csv");
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("samples not found at " + input.toAbsolutePath());
        }
        Files.createDirectories(out);
        String warehouse = out.resolve("warehouse").toAbsolutePath().toString();
        try (var lock = common.lock(warehouse, "demo")) {
            return demo(source, input, warehouse);
        }
    }

    private Integer demo(SchemaSource source, Path input, String warehouse) throws Exception {
        SparkSession spark = Sessions.get(common.verbose());
        System.out.println("== ingest: " + input);
        IngestJob.Result r = IngestJob.run(spark, source, input.toAbsolutePath().toString(), warehouse);
        IngestCommand.printReconciliation(r);
        List<String> outputs = new ArrayList<>();
        outputs.add("staged tables (Parquet, by review year): " + IngestJob.stagingRoot(warehouse) + "/stg_*");
        outputs.add("quarantine: " + IngestJob.stagingRoot(warehouse) + "/quarantine");
        outputs.add("reconciliation: " + IngestJob.stagingRoot(warehouse) + "/ingest_reconciliation");
        System.out.println();
        System.out.println("== score");
        vn.rasoat.scoring.ScoringJob.Result scored = vn.rasoat.scoring.ScoringJob.run(spark, source, warehouse);
        System.out.printf("scored %,d household-runs: %s%n", scored.households(), scored.byStatus());
        ScoreCommand.printNotScored(scored.notScored(), System.out);
        System.out.printf("recorded-vs-recomputed mismatches: %,d%n", scored.mismatches());
        outputs.add("scored households: " + vn.rasoat.io.WarehouseLayout.scored(warehouse));
        System.out.println();
        System.out.println("== marts");
        java.util.Map<String, Long> marts = vn.rasoat.marts.MartsJob.run(spark, source, warehouse,
                vn.rasoat.marts.MartsJob.Options.defaults());
        marts.forEach((k, v) -> outputs.add(String.format("%-30s %,9d rows: %s", k, v,
                vn.rasoat.marts.MartsJob.martPath(warehouse, k))));
        printProvinceRates(spark, warehouse);
        List<DemoStage> stages = new ArrayList<>();
        ServiceLoader.load(DemoStage.class).forEach(stages::add);
        stages.sort(Comparator.comparingInt(DemoStage::order));
        for (DemoStage s : stages) {
            s.run(spark, source, warehouse, out.toAbsolutePath().toString(), System.out);
        }
        System.out.println();
        System.out.println("== outputs");
        outputs.forEach(o -> System.out.println("  " + o));
        if (!r.balanced()) {
            System.err.println("reconciliation does not balance");
            return 3;
        }
        return 0;
    }
}
