package vn.rasoat;

import org.junit.jupiter.api.Test;
import vn.rasoat.marts.MartChecksums;
import vn.rasoat.marts.MartsJob;

import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Builds the shared generated district ({@link GeneratedProvince}) here, in the jobs module's test JVM where Spark is
 * already warm, so that the command line's kill and cluster tests of the same Maven run only copy or read it; and
 * checks what they rely on: a checksum for every mart, equal to the warehouse's own, and a one-year district's marts
 * published with rows (the transitions and year-over-year marts need two years).
 */
class GeneratedProvinceIT extends SparkTestBase {
    @Test
    void theSharedGeneratedDistrictPublishesItsMartsWithRows() {
        GeneratedProvince province = GeneratedProvince.get();
        assertEquals(new TreeSet<>(MartsJob.ALL_MARTS), province.checksums.keySet(), "every mart, the optional ones too");
        assertEquals(province.checksums, MartChecksums.of(spark(), province.warehouse), "the folder holds the marts as published");
        for (String mart : List.of("fct_household_status", "mart_rates", "mart_deprivation", "mart_deprivation_af",
                "mart_report_topics", "mart_diagnostics", "dim_admin_unit")) {
            String sum = province.checksums.get(mart);
            assertFalse(sum.equals("not published") || sum.startsWith("0/"), mart + " has rows: " + sum);
        }
    }
}
