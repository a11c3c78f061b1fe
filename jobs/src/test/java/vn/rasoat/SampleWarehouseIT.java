package vn.rasoat;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.rasoat.marts.MartsJob;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Builds the sample warehouse here, in the jobs module's test JVM where Spark is already warm, so that the serving,
 * budget and bench tests of the same Maven run only read it; and checks the figures the demo prints for it.
 */
class SampleWarehouseIT extends SampleWarehouse {
    @Test
    void theSampleProvincesOfficial2023RatesAreTheDemos() {
        Row r = MartsJob.read(spark(), sampleWarehouse().toString(), "mart_rates")
                .where("level = 'province' AND unit_code = '91' AND breakdown = 'all' AND official AND review_year = 2023")
                .first();
        assertEquals(524L, (long) r.<Long>getAs("poor_households"));
        assertEquals(881L, (long) r.<Long>getAs("near_poor_households"));
        assertEquals(32_373L, (long) r.<Long>getAs("households_total"));
        // 524 / 32,373 = 1.61863… %, 881 / 32,373 = 2.72140… % (four places)
        assertEquals(new BigDecimal("1.6186"), r.getAs("poor_rate_pct"));
        assertEquals(new BigDecimal("2.7214"), r.getAs("near_poor_rate_pct"));
    }
}
