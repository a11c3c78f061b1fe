package vn.rasoat;

import org.apache.spark.sql.SparkSession;
import vn.rasoat.spark.Sessions;


/** One local SparkSession for the whole test JVM (local[2], UI off, few shuffle partitions). */
public abstract class SparkTestBase extends ProjectFiles {
    private static SparkSession spark;

    protected static synchronized SparkSession spark() {
        if (spark == null) {
            org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.ERROR);
            SparkSession.Builder b = SparkSession.builder();
            // The tests' inputs are a few districts at most: they run with the settings the product gives such inputs
            // (SmallInput: no adaptive execution, interpreted expressions), which took a quarter off the slow tests.
            // The large-input path (adaptive execution, generated code) is tested where it counts: the hand-computed
            // three-year marts (MartsFixtureTest, asLargeInput) and the cluster test's whole pipeline, whose marts
            // must equal the local baseline's.
            vn.rasoat.spark.SmallInput.SETTINGS.forEach(b::config);
            // RASOAT_TEST_SPARK_CONF="k=v;k=v": extra settings for one run of the tests (to measure a setting)
            for (String kv : System.getenv().getOrDefault("RASOAT_TEST_SPARK_CONF", "").split(";")) {
                if (kv.contains("=")) {
                    b.config(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
            }
            spark = Sessions.configure(b.appName("rasoat-tests").master("local[2]")
                            .config("spark.ui.enabled", "false")
                            .config("spark.sql.shuffle.partitions", "2")
                            .config("spark.driver.host", "127.0.0.1")
                            .config("spark.driver.bindAddress", "127.0.0.1")
                            // one JVM runs every test class: keep the status store small (it holds each query's plan)
                            .config("spark.ui.retainedJobs", "20")
                            .config("spark.ui.retainedStages", "20")
                            .config("spark.ui.retainedTasks", "200")
                            .config("spark.sql.ui.retainedExecutions", "5")
                            .config("spark.cleaner.periodicGC.interval", "1min"))
                    .getOrCreate();
        }
        return spark;
    }

    /** Spark's own values of the small-input settings: adaptive execution and generated code on. */
    private static final java.util.Map<String, String> LARGE = java.util.Map.of("spark.sql.adaptive.enabled", "true",
            "spark.sql.codegen.wholeStage", "true", "spark.sql.codegen.factoryMode", "FALLBACK");

    /**
     * Runs {@code work} the way a large input runs (adaptive execution, generated code; the jobs' small-input mode
     * {@code never}), then puts the test session's settings back.
     */
    protected static void asLargeInput(Runnable work) {
        java.util.Map<String, String> before = new java.util.HashMap<>();
        LARGE.forEach((k, v) -> {
            before.put(k, spark().conf().get(k));
            spark().conf().set(k, v);
        });
        System.setProperty(vn.rasoat.spark.SmallInput.PROPERTY, "never");
        try {
            work.run();
        } finally {
            System.clearProperty(vn.rasoat.spark.SmallInput.PROPERTY);
            before.forEach((k, v) -> spark().conf().set(k, v));
        }
    }

    /** Cached tables of one test class do not outlive it (the JVM runs every class). */
    @org.junit.jupiter.api.AfterAll
    static void freeCaches() {
        if (spark != null) {
            spark.catalog().clearCache();
        }
    }
}
