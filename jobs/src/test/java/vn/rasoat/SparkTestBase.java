package vn.rasoat;

import org.apache.spark.sql.SparkSession;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.spark.Sessions;

import java.nio.file.Path;
import java.nio.file.Paths;

/** One local SparkSession for the whole test JVM (local[2], UI off, few shuffle partitions). */
public abstract class SparkTestBase {
    private static SparkSession spark;

    protected static synchronized SparkSession spark() {
        if (spark == null) {
            org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.ERROR);
            spark = Sessions.configure(SparkSession.builder().appName("rasoat-tests").master("local[2]")
                            .config("spark.ui.enabled", "false")
                            .config("spark.sql.shuffle.partitions", "2")
                            .config("spark.driver.host", "127.0.0.1")
                            .config("spark.driver.bindAddress", "127.0.0.1"))
                    .getOrCreate();
        }
        return spark;
    }

    /** The project's schemas folder (tests run with the module folder as working directory). */
    protected static SchemaSource schemas() {
        return SchemaSource.folder(schemasDir());
    }

    protected static Path schemasDir() {
        Path p = Paths.get("..", "schemas").toAbsolutePath().normalize();
        return p.toFile().isDirectory() ? p : Paths.get("schemas").toAbsolutePath();
    }
}
