package vn.rasoat.dashboards;

import org.junit.jupiter.api.Test;
import vn.rasoat.SampleWarehouse;
import vn.rasoat.marts.MartsJob;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarehouseIT extends SampleWarehouse {
    @Test
    void duckDbReadsEveryMartWithHivePartitioning() throws Exception {
        // the sample warehouse (2021-2023), rescored under 2022-2025 when it was built, so that the optional
        // harmonised rates are published too
        String wh = sampleWarehouse().toString();
        // the rows the marts run wrote of each mart (it counts them by reading each write back): no Spark session here
        java.util.Map<String, Long> rows = sampleMartRows();
        assertTrue(rows.keySet().containsAll(MartsJob.MARTS), "the marts run wrote every mart: " + rows.keySet());
        try (Warehouse w = Warehouse.open(schemas(), wh); Statement s = w.connection().createStatement()) {
            assertEquals(MartsJob.ALL_MARTS, w.views(), "a view for every mart (the harmonised rates and the hamlets here published)");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM dim_hamlet")) {
                rs.next();
                assertEquals(rows.get("dim_hamlet"), rs.getLong(1), "the published hamlets");
                assertTrue(rs.getLong(1) > 0, "the generated province has hamlets");
            }
            // 2022 and 2023 were reviewed under 2022-2025: rescoring them under it reproduces the official rates
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE harmonised_poor_households = official_poor_households "
                    + "AND harmonised_near_poor_households = official_near_poor_households "
                    + "AND harmonised_poor_rate_pct = official_poor_rate_pct), count(DISTINCT harmonised_as), "
                    + "max(length(coalesce(underivable_indicators, ''))) FROM mart_rates_harmonised WHERE review_year IN (2022, 2023)")) {
                rs.next();
                assertTrue(rs.getLong(1) > 0, "harmonised rows");
                assertEquals(rs.getLong(1), rs.getLong(2), "harmonised = official under the same standard");
                assertEquals(1, rs.getLong(3));
                assertEquals(0, rs.getLong(4), "nothing underivable within one standard");
            }
            // 2021 was reviewed under 2016-2020 (the official run): its harmonised rows name the indicators the old forms did not collect
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE underivable_indicators IS NULL "
                    + "OR underivable_indicators = '') FROM mart_rates_harmonised WHERE review_year = 2021 AND official")) {
                rs.next();
                assertTrue(rs.getLong(1) > 0, "2021 harmonised rows");
                assertEquals(0, rs.getLong(2), "every 2021 row names what could not be derived");
            }
            for (String mart : MartsJob.MARTS) {
                long written = rows.get(mart);
                if (mart.startsWith("dim_")) { // partitioned by boundary, not by review year
                    try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT boundary) FROM " + mart)) {
                        rs.next();
                        assertEquals(written, rs.getLong(1), mart);
                        assertEquals(2, rs.getLong(2), mart + ": 63- and 34-province boundaries");
                    }
                    continue;
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*), min(typeof(review_year)), count(DISTINCT review_year) FROM " + mart)) {
                    rs.next();
                    assertEquals(written, rs.getLong(1), mart);
                    assertEquals("INTEGER", rs.getString(2), mart + ": review_year typed by hive_types");
                    assertTrue(rs.getLong(3) >= 1, mart);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT review_year, poor_households, poor_rate_pct FROM mart_rates "
                    + "WHERE level = 'province' AND breakdown = 'all' AND snapshot = 'annual_2023-annual'")) {
                assertTrue(rs.next());
                assertEquals(2023, rs.getInt(1));
                assertTrue(rs.getLong(2) > 0);
                assertTrue(rs.getBigDecimal(3).signum() > 0);
            }
        }
    }
}
