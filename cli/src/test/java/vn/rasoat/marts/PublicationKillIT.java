package vn.rasoat.marts;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.ChildJvm;
import vn.rasoat.GeneratedProvince;
import vn.rasoat.SparkTestBase;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.bit_xor;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A marts run killed at any point leaves the previous marts readable and intact (equal checksums); a re-run
 * produces the same marts. The run is a separate JVM ({@code rasoat marts}), halted at named points of the
 * publication (as a kill -9 would: {@code Runtime.halt}, no shutdown hooks), never on a timer.
 */
class PublicationKillIT extends SparkTestBase {
    @Test
    void killedRunsLeaveThePreviousMartsAndARerunReproducesThem(@TempDir Path tmp) throws Exception {
        // the shared generated district's published marts (built by the jobs module's tests), copied: the killed runs
        // work on the copy
        GeneratedProvince province = GeneratedProvince.get();
        String wh = province.copyOfWarehouse(tmp).toString();
        Map<String, String> before = checksums(wh);
        assertEquals(province.checksums, before, "the copy holds the marts as published");
        assertEquals(MartsJob.ALL_MARTS.size(), before.size(), "every mart, the optional ones too");

        // part-way (some marts written aside, the rest not begun), while moving partitions, just before the switch
        for (String failpoint : List.of("marts:staged:mart_rates", "marts:moving", "marts:before-commit")) {
            long t = System.nanoTime();
            int exit = runMarts(wh, failpoint);
            System.out.printf("PublicationKillIT: child halted at %s after %.1f s%n", failpoint, (System.nanoTime() - t) / 1e9);
            assertEquals(137, exit, failpoint + ": the run was halted");
            assertTrue(Files.exists(Path.of(wh, "marts", "_staging")) || failpoint.equals("marts:before-commit")
                    || hasUnpublishedVersions(wh), failpoint + ": it died half-way, leaving work behind");
            assertEquals(before, checksums(wh), failpoint + ": the previous marts are intact");
        }
        // A complete run (in this JVM: nothing halts it) cleans up what the killed runs left and publishes equal marts.
        long t1 = System.nanoTime();
        MartsJob.run(spark(), schemas(), wh, MartsJob.Options.defaults());
        System.out.printf("PublicationKillIT: complete re-run %.1f s%n", (System.nanoTime() - t1) / 1e9);
        assertEquals(before, checksums(wh), "a re-run reproduces the marts");
        assertFalse(Files.exists(Path.of(wh, "marts", "_staging")), "no staging left");
        assertFalse(hasUnpublishedVersions(wh), "only published versions remain");
    }

    static Map<String, String> checksums(String wh) {
        return MartChecksums.of(spark(), wh);
    }

    private static boolean hasUnpublishedVersions(String wh) throws Exception {
        try (Stream<Path> s = Files.walk(Path.of(wh, "marts"))) {
            return s.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith("version="))
                    .map(Path::getParent).distinct().anyMatch(parent -> {
                        try (Stream<Path> v = Files.list(parent)) {
                            return v.filter(p -> p.getFileName().toString().startsWith("version=")).count() > 1;
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    });
        }
    }

    /** Runs {@code rasoat marts} in a child JVM; a failpoint halts it. */
    private static int runMarts(String wh, String failpoint) throws Exception {
        return ChildJvm.run(List.of("marts", "--warehouse", wh, "--schemas", schemasDir().toString(), "-q"), failpoint,
                new File(wh + "-child-" + System.nanoTime() + ".log"));
    }
}
