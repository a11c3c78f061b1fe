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

    @Override
    public Integer call() throws Exception {
        SchemaSource source = common.source();
        Path input = samples.resolve("csv");
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("samples not found at " + input.toAbsolutePath());
        }
        Files.createDirectories(out);
        String warehouse = out.resolve("warehouse").toAbsolutePath().toString();
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
        System.out.printf("recorded-vs-recomputed mismatches: %,d%n", scored.mismatches());
        outputs.add("scored households: " + warehouse + "/intermediate/" + vn.rasoat.scoring.ScoringJob.TABLE);
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
