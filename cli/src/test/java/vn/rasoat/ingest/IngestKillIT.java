package vn.rasoat.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.ChildJvm;
import vn.rasoat.GeneratedProvince;
import vn.rasoat.SparkTestBase;
import vn.rasoat.generate.GenerateJob;
import vn.rasoat.marts.MartChecksums;
import vn.rasoat.scoring.ScoringJob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An ingest killed right after its roster is staged (a child JVM halted at the named point
 * {@code ingest:staged:household_roster}) leaves the previous ingest published and intact: scoring reads that
 * version only (before publication it scored the new roster against the old forms, with no warning), with equal
 * checksums. The next ingest removes what the killed one left (and Spark's {@code .spark-staging-*} leftovers) and
 * publishes the new input as one version.
 */
class IngestKillIT extends SparkTestBase {
    private static final List<String> TABLES = List.of("stg_household_roster", "stg_form_b1", "stg_form_b2", "stg_review_runs");

    @Test
    void aKilledIngestLeavesThePreviousVersionForScoring(@TempDir Path tmp) throws Exception {
        // input A: the shared generated district, ingested and scored (a copy of its warehouse); B: another draw
        String b = tmp.resolve("in-b").toString();
        String wh = GeneratedProvince.get().copyOfWarehouse(tmp).toString();
        GenerateJob.run(spark(), schemas(), GeneratedProvince.options(6, b));
        Set<String> versionsA = versions(wh, "stg_household_roster");
        assertEquals(1, versionsA.size(), "one input version staged: " + versionsA);
        String versionA = versionsA.iterator().next();
        Map<String, String> staged = checksums(wh);
        String scored = scoredChecksum(wh);
        Path leftover = Path.of(wh, "staging", "stg_household_roster", ".spark-staging-0f3c");
        Files.createDirectories(leftover.resolve("review_year=2024"));
        Files.writeString(leftover.resolve("review_year=2024/part-0.parquet"), "a killed Spark write's leftover");

        int exit = ChildJvm.run(List.of("ingest", "--input", b, "--warehouse", wh, "--schemas", schemasDir().toString(), "-q"),
                "ingest:staged:household_roster", tmp.resolve("child.log").toFile());
        assertEquals(137, exit, "the ingest was halted after its roster was staged: " + Files.readString(tmp.resolve("child.log")));
        assertTrue(unpublishedWork(wh), "it died half-way, its roster written but not published");

        assertEquals(staged, checksums(wh), "the published staged tables are the previous ingest's, unchanged");
        for (String t : TABLES) {
            assertEquals(Set.of(versionA), versions(wh, t), t + ": only the previous complete input version is visible");
        }
        ScoringJob.run(spark(), schemas(), wh);
        assertEquals(scored, scoredChecksum(wh), "score reads the previous complete version only");

        String versionB = IngestJob.run(spark(), schemas(), b, wh).inputVersion();
        assertNotEquals(versionA, versionB);
        for (String t : TABLES) {
            assertEquals(Set.of(versionB), versions(wh, t), t + ": the new input, published as one version");
        }
        assertFalse(unpublishedWork(wh), "the next run removed what the killed run left");
        assertFalse(Files.exists(leftover), ".spark-staging-* leftovers removed");
        assertNotEquals(staged, checksums(wh));
    }

    private static Map<String, String> checksums(String wh) {
        Map<String, String> out = new TreeMap<>();
        for (String t : TABLES) {
            out.put(t, MartChecksums.of(Staging.read(spark(), wh, t)));
        }
        return out;
    }

    private static String scoredChecksum(String wh) {
        return MartChecksums.of(spark().read().parquet(wh + "/intermediate/" + ScoringJob.TABLE));
    }

    private static Set<String> versions(String wh, String table) {
        Dataset<Row> d = Staging.read(spark(), wh, table);
        return d.select(IngestJob.INPUT_VERSION).distinct().collectAsList().stream().map(r -> String.valueOf(r.get(0)))
                .collect(Collectors.toSet());
    }

    /** A staging folder of a run, or a partition with more than one version folder. */
    private static boolean unpublishedWork(String wh) throws Exception {
        if (Files.exists(Path.of(wh, "staging", "_staging"))) {
            return true;
        }
        try (Stream<Path> s = Files.walk(Path.of(wh, "staging"))) {
            return s.filter(Files::isDirectory).anyMatch(dir -> {
                try (Stream<Path> v = Files.list(dir)) {
                    return v.filter(p -> p.getFileName().toString().startsWith("version=")).count() > 1;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
        }
    }
}
