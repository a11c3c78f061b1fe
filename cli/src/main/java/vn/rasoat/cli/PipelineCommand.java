package vn.rasoat.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.marts.MartChecksums;
import vn.rasoat.marts.MartsJob;
import vn.rasoat.scoring.ScoringJob;
import vn.rasoat.spark.Sessions;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Ingest, score and build the marts in one Spark application: what to spark-submit to a cluster.",
                "Prints the reconciliation and the marts' checksums (compare them with another run's: rasoat checksums).",
                "Example: rasoat pipeline --input data-samples/csv --warehouse data/wh",
                "         spark-submit --master spark://host:7077 --class vn.rasoat.cli.Main rasoat.jar pipeline \\",
                "             --input hdfs:///rasoat/in --warehouse hdfs:///rasoat/wh"},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:done, the ingest reconciled without a warning",
                "1:an error",
                "2:a wrong option",
                "3:a file does not reconcile (nothing is scored)",
                "4:done, but the ingest warned (see rasoat ingest --help; the warning lines name the files)"})
public final class PipelineCommand implements Callable<Integer>, WarehouseOption.Creates {
    @Mixin
    CommonOptions common;

    @Option(names = "--input", required = true, paramLabel = "DIR",
            description = "Input folder: one sub-folder per record type (local, hdfs:// or s3a://).")
    String input;

    @Mixin
    WarehouseOption warehouseOption;

    @Override
    public Integer call() {
        String warehouse = warehouseOption.path();
        try (var lock = common.lock(warehouse, "pipeline")) {
            SchemaSource source = common.source();
            SparkSession spark = Sessions.get(common.verbose());
            IngestJob.Result r = IngestJob.run(spark, source, input, warehouse);
            IngestCommand.printReconciliation(r);
            if (!r.balanced()) {
                return 3;
            }
            ScoringJob.run(spark, source, warehouse);
            Map<String, Long> marts = MartsJob.run(spark, source, warehouse, MartsJob.Options.defaults());
            marts.forEach((k, v) -> System.out.printf("  %-30s %,12d rows%n", k, v));
            ChecksumsCommand.print(MartChecksums.of(spark, warehouse));
            return r.exitStatus(); // 4 when the ingest warned (see rasoat ingest --help)
        }
    }
}
