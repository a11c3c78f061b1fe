package vn.rasoat.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession for a command. Local mode ({@code local[*]}) is the embedded default; under
 * {@code spark-submit} the master and resources come from the submit command and are left alone.
 */
public final class Sessions {
    private Sessions() {
    }

    public static SparkSession get(boolean verbose) {
        Configurator.setRootLevel(verbose ? Level.INFO : Level.ERROR);
        SparkSession.Builder b = SparkSession.builder().appName("rasoat");
        boolean submitted = System.getProperty("spark.master") != null;
        if (!submitted) {
            String master = System.getenv().getOrDefault("RASOAT_SPARK_MASTER", "local[*]");
            b.master(master)
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", System.getenv().getOrDefault("RASOAT_SHUFFLE_PARTITIONS", "4"))
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    // with the UI off nobody reads the status store: keep it small (it holds each query's plan; the
                    // bench runs every stage in one JVM)
                    .config("spark.ui.retainedJobs", "50")
                    .config("spark.ui.retainedStages", "50")
                    .config("spark.sql.ui.retainedExecutions", "20");
        }
        return configure(b).getOrCreate();
    }

    /** Settings every rasoat session needs, local or on a cluster. */
    public static SparkSession.Builder configure(SparkSession.Builder b) {
        return b.config("spark.sql.sources.partitionOverwriteMode", "dynamic")
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                .config("spark.sql.session.timeZone", "Asia/Ho_Chi_Minh")
                .config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
                .config("spark.hadoop.parquet.enable.summary-metadata", "false")
                // partitioned writes keep a writer open per partition value instead of sorting every task's rows
                .config("spark.sql.maxConcurrentOutputFileWriters", "32")
                // whole-stage code over ~8,000 bytes of bytecode is too big for HotSpot to compile and runs interpreted:
                // scoring's joined projection did (38 µs a row nationally); above this Spark generates per-operator code
                .config("spark.sql.codegen.hugeMethodLimit", "8000")
                // cached tables are short-lived (one record type during ingest): not worth compressing
                .config("spark.sql.inMemoryColumnarStorage.compressed", "false")
                // lower() runs only on codes (enumerations, yes/no), never on names: the JVM's case mapping gives the
                // same result there, and ICU's costs every JVM 2-5 s of CPU to build its tables on first use
                .config("spark.sql.icu.caseMappings.enabled", "false")
                // the plan text the SQL listener keeps for every query (nobody reads it with the UI off): the short form
                .config("spark.sql.ui.explainMode", "simple");
    }
}
