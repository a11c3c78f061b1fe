package vn.rasoat.dashboards.query;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 14 §6: the dashboards' own percentages (re-aggregated deprivation shares) follow the marts' rule — exact,
 * half up (docs/rules.md#rates) — not a rounded binary double.
 */
class QueryRatesTest {
    @Test
    void reportDeprivationSharesAreExactHalfUp() throws Exception {
        // 23 of 4,000 = 0.575 % → 0.58 (the double 57.49999… rounded gave 0.57); 23 of 20,000 = 0.115 % → 0.12; 1,000,005
        // of 10,000,000 = 10.00005 % → 10.00; 2,000,000,001 of 8,000,000,000 = 25.0000000125 % → 25.00
        long[][] cases = {{23, 4_000}, {23, 20_000}, {1_000_005, 10_000_000}, {2_000_000_001L, 8_000_000_000L}, {7, 3}, {1, 8}};
        NamedQuery q = NamedQuery.load("report_deprivation");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE mart_deprivation (review_year INT, snapshot VARCHAR, level VARCHAR, unit_code VARCHAR,"
                    + " indicator VARCHAR, status_group VARCHAR, households BIGINT, deprived_households BIGINT,"
                    + " official BOOLEAN, rulebook_version VARCHAR, input_version VARCHAR)");
            for (int i = 0; i < cases.length; i++) {
                s.execute(String.format("INSERT INTO mart_deprivation VALUES (2023, 'annual_r1', 'province', '91', 'i%d',"
                        + " 'poor', %d, %d, true, 'rb', 'v'), (2023, 'annual_r1', 'province', '91', 'i%d', 'near_poor', 0, 0, true, 'rb', 'v')",
                        i, cases[i][1], cases[i][0], i));
            }
            Map<String, Object> params = Map.of("year", 2023, "level", "province", "unit", "91");
            try (PreparedStatement ps = c.prepareStatement(q.jdbcSql())) {
                for (int i = 0; i < q.bindOrder().size(); i++) {
                    ps.setObject(i + 1, params.get(q.bindOrder().get(i)));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    int i = 0;
                    while (rs.next()) {
                        BigDecimal expected = BigDecimal.valueOf(cases[i][0] * 100).divide(BigDecimal.valueOf(cases[i][1]),
                                2, RoundingMode.HALF_UP);
                        assertEquals(expected, rs.getBigDecimal("poor_deprived_pct"), cases[i][0] + " of " + cases[i][1]);
                        assertEquals(null, rs.getBigDecimal("near_poor_deprived_pct"), "no share of zero households");
                        i++;
                    }
                    assertEquals(cases.length, i);
                }
            }
        }
    }
}
