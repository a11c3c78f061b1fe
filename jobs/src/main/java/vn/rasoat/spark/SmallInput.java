package vn.rasoat.spark;

import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Spark's adaptive query execution (a job per stage, the plan optimised again after each) and its generated code
 * (Java source compiled for every new query) pay for themselves on large inputs. On a few districts they cost more
 * than the work: a pipeline is some 300 small queries, and the samples' pipeline ran 96 s with them against 77 s
 * without in a fresh JVM, with identical mart checksums (README, "Performance and scale"). Each stage of the pipeline therefore
 * says how big its input is; at or under the stage's limit the session runs without them (expressions interpreted,
 * one job per query), above it with Spark's defaults again (or what the user configured).
 *
 * <p>{@code RASOAT_SMALL_INPUT=auto} (default) decides by size; {@code always} and {@code never} force one way (the
 * cluster test runs {@code never} and compares its marts with a local run made with {@code auto}).
 */
public final class SmallInput {
    public static final String ENV = "RASOAT_SMALL_INPUT";

    /** Ingest: total bytes of the input files (the 1 % national sample, 16 MB of CSV, ingested faster this way). */
    public static final long INGEST_BYTES = 64L << 20;
    /** Scoring: staged roster rows (1 %: 25,817 rows, scored faster this way). */
    public static final long SCORING_ROWS = 100_000;
    /**
     * Marts: scored household-runs. The deprivation marts grow with the number of communes, not households: at 1 %
     * (25,817 household-runs in 10,599 communes) interpreted code was slower (84 s against 55 s), at the samples'
     * 10,550 in 45 communes faster.
     */
    public static final long MARTS_ROWS = 15_000;

    private static final Map<String, String> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("spark.sql.adaptive.enabled", "false");
        SETTINGS.put("spark.sql.codegen.wholeStage", "false");
        SETTINGS.put("spark.sql.codegen.factoryMode", "NO_CODEGEN");
    }

    private static final Map<SparkSession, Map<String, String>> ORIGINAL = new WeakHashMap<>();

    private SmallInput() {
    }

    /** Whether an input of {@code size} (in the unit of {@code limit}) runs as small under the current mode. */
    public static boolean isSmall(long size, long limit) {
        String mode = System.getenv().getOrDefault(ENV, "auto").trim();
        return switch (mode) {
            case "auto", "" -> size <= limit;
            case "always" -> true;
            case "never" -> false;
            default -> throw new IllegalArgumentException(ENV + " must be auto, always or never, not " + mode);
        };
    }

    /**
     * Sets the session for a stage whose input has {@code size} (in the unit of {@code limit}): the small-input
     * settings, or the session's own values back. Returns whether the input ran as small.
     */
    public static synchronized boolean apply(SparkSession spark, long size, long limit) {
        boolean small = isSmall(size, limit);
        Map<String, String> original = ORIGINAL.computeIfAbsent(spark, s -> {
            Map<String, String> m = new LinkedHashMap<>();
            SETTINGS.keySet().forEach(k -> m.put(k, s.conf().getOption(k).isDefined() ? s.conf().get(k) : null));
            return m;
        });
        for (Map.Entry<String, String> e : SETTINGS.entrySet()) {
            String back = original.get(e.getKey());
            if (small) {
                spark.conf().set(e.getKey(), e.getValue());
            } else if (back == null) {
                spark.conf().unset(e.getKey());
            } else {
                spark.conf().set(e.getKey(), back);
            }
        }
        return small;
    }

    /** The progress line of a stage that ran as small. */
    public static String note(String what) {
        return "small input (" + what + "): Spark's adaptive execution and generated code off";
    }
}
