package vn.rasoat.marts;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.SparkTestBase;
import vn.rasoat.generate.GenerateJob;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.scoring.ScoringJob;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bunching diagnostic flags a commune whose reviewers pushed households just above the threshold. */
class DiagnosticsIT extends SparkTestBase {
    @Test
    void aManipulatedCommuneIsFlaggedAndRankedFirstTheCleanOnesAreNot(@TempDir Path tmp) {
        String in = tmp.resolve("in").toString();
        String wh = tmp.resolve("wh").toString();
        // Rạch Giá: 12 wards; in Vĩnh Quang (30736) 60 % of the poor and near-poor are pushed just above 175
        GenerateJob.run(spark(), schemas(), new GenerateJob.Options(List.of("91"), List.of("899"), null, 2022,
                List.of(2023), 17, 0.3, 0, in, 1, Map.of("30736", 0.6)));
        IngestJob.run(spark(), schemas(), in, wh);
        ScoringJob.run(spark(), schemas(), wh);
        MartsJob.run(spark(), schemas(), wh, MartsJob.Options.defaults());
        List<Row> d = MartsJob.read(spark(), wh, "mart_diagnostics").orderBy("review_year", "recheck_rank").collectAsList();
        assertEquals(12, d.size(), "one row per commune and year");
        for (int year : List.of(2023)) {
            List<Row> y = d.stream().filter(r -> r.<Integer>getAs("review_year") == year).toList();
            Row first = y.get(0);
            assertEquals("30736", first.getAs("commune_code"), year + ": the manipulated ward is ranked first");
            assertTrue(first.<Boolean>getAs("flag_bunching"), year + ": flagged");
            assertTrue(first.<Double>getAs("bunching_p_value") < 1e-6, "p = " + first.getAs("bunching_p_value"));
            long cleanFlagged = y.stream().skip(1).filter(r -> r.<Boolean>getAs("flag_bunching")).count();
            assertEquals(0, cleanFlagged, year + ": no clean ward is flagged for bunching");
            for (Row r : y) {
                assertEquals(r.<Integer>getAs("flags"), (r.<Boolean>getAs("flag_bunching") ? 1 : 0) + (r.<Boolean>getAs("flag_mismatch") ? 1 : 0)
                        + (r.<Boolean>getAs("flag_quarantine") ? 1 : 0) + (r.<Boolean>getAs("flag_swing") ? 1 : 0)
                        + (r.<Boolean>getAs("flag_vanished") ? 1 : 0));
            }
        }
        assertTrue(MartsJob.read(spark(), wh, "mart_diagnostics").where(col("poor_rate_change_pp").isNotNull()).isEmpty(),
                "no change in the first year");
    }
}
