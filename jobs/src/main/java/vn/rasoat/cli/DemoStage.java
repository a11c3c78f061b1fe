package vn.rasoat.cli;

import org.apache.spark.sql.SparkSession;
import vn.rasoat.io.SchemaSource;

import java.io.PrintStream;

/** A later stage of the demo contributed by another module (found with ServiceLoader), run after the jobs. */
public interface DemoStage {
    /** Order among stages; lower runs first. */
    int order();

    void run(SparkSession spark, SchemaSource source, String warehouse, String outputDir, PrintStream out);
}
