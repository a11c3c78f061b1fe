package vn.rasoat.spark;

import org.apache.spark.sql.SparkSession;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Spark's adaptive query execution (a job per stage, the plan optimised again after each) and its generated code
 * (Java source compiled for every new query) pay for themselves on large inputs. On a few districts they cost more
 * than the work: a pipeline is some 300 small queries, and the samples' pipeline ran 95.7 s with them against 78.5 s
 * without in a fresh JVM, with identical mart checksums (README, "Performance and scale"). Each stage of the pipeline
 * therefore says how big its input is; at or under the stage's limit it runs without them (expressions interpreted,
 * one job per query), and when it ends the session's settings are as they were before ({@link #enter}).
 *
 * <p>The mode: the system property {@code rasoat.small_input}, else the environment variable
 * {@code RASOAT_SMALL_INPUT}: {@code auto} (default) decides by size, {@code always} and {@code never} force one way
 * ({@code never} keeps whatever the session was given, e.g. {@code --conf} under spark-submit). In small mode the
 * three settings below replace the session's own for the stage.
 */
public final class SmallInput {
    public static final String ENV = "RASOAT_SMALL_INPUT";
    public static final String PROPERTY = "rasoat.small_input";

    /** Ingest: total bytes of the input files (the 1 % national sample, 16 MB of CSV, ingested faster this way). */
    public static final long INGEST_BYTES = 64L << 20;
    /** Scoring: staged roster rows (1 %: 25,817 rows, scored faster this way). */
    public static final long SCORING_ROWS = 100_000;
    /**
     * Marts: scored household-runs. The deprivation marts grow with the number of communes, not households: at 1 %
     * (25,817 household-runs in 10,599 communes) interpreted code was slower (84 s against 55 s), at the samples'
     * 8,426 in 45 communes faster.
     */
    public static final long MARTS_ROWS = 15_000;

    /**
     * The small-input settings. {@code factoryMode} is marked internal by Spark (its own tests run both modes with
     * it). The test JVMs run with these settings (their inputs are small); the hand-computed three-year fixture marts
     * are built without them ({@code MartsFixtureTest}), and the cluster test runs the whole pipeline with
     * {@code never} (adaptive execution, generated code) and compares its marts with a local baseline.
     */
    public static final Map<String, String> SETTINGS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spark.sql.adaptive.enabled", "false");
        m.put("spark.sql.codegen.wholeStage", "false");
        m.put("spark.sql.codegen.factoryMode", "NO_CODEGEN");
        SETTINGS = Collections.unmodifiableMap(m);
    }

    private SmallInput() {
    }

    /** The mode in force: auto, always or never. */
    public static String mode() {
        String v = System.getProperty(PROPERTY);
        if (v == null) {
            v = System.getenv().getOrDefault(ENV, "auto");
        }
        String mode = v.trim().toLowerCase(Locale.ROOT);
        if (mode.isEmpty()) {
            return "auto";
        }
        if (!mode.equals("auto") && !mode.equals("always") && !mode.equals("never")) {
            throw new IllegalArgumentException(ENV + " (or -D" + PROPERTY + ") must be auto, always or never, not " + v);
        }
        return mode;
    }

    /** Whether an input of {@code size} (in the unit of {@code limit}) runs as small under the current mode. */
    public static boolean isSmall(long size, long limit) {
        return switch (mode()) {
            case "always" -> true;
            case "never" -> false;
            default -> size <= limit;
        };
    }

    /** A stage's settings; closing it puts the session's own back. */
    public static final class Scope implements AutoCloseable {
        private final SparkSession spark;
        private final Map<String, String> before;
        private final boolean small;

        private Scope(SparkSession spark, Map<String, String> before, boolean small) {
            this.spark = spark;
            this.before = before;
            this.small = small;
        }

        /** Whether the stage runs as small. */
        public boolean small() {
            return small;
        }

        @Override
        public void close() {
            before.forEach((k, v) -> {
                if (v == null) {
                    spark.conf().unset(k);
                } else {
                    spark.conf().set(k, v);
                }
            });
        }
    }

    /**
     * Enters a stage whose input has {@code size} (in the unit of {@code limit}): under the limit the small-input
     * settings, else the session's own, untouched. Close the scope when the stage ends.
     */
    public static Scope enter(SparkSession spark, long size, long limit) {
        boolean small = isSmall(size, limit);
        Map<String, String> before = new LinkedHashMap<>();
        if (small) {
            for (Map.Entry<String, String> e : SETTINGS.entrySet()) {
                before.put(e.getKey(), spark.conf().getOption(e.getKey()).isDefined() ? spark.conf().get(e.getKey()) : null);
                spark.conf().set(e.getKey(), e.getValue());
            }
        }
        return new Scope(spark, before, small);
    }

    /** The progress line of a stage that runs as small. */
    public static String note(String what) {
        return "small input (" + what + "): Spark's adaptive execution and generated code off";
    }
}
