package vn.rasoat.dashboards.query;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamedQueryTest {
    @Test
    void placeholdersBecomeBoundMarkersInOrderAndCastsStay() {
        NamedQuery q = NamedQuery.parse("t", """
                -- title: a test
                -- params: year int, unit code
                SELECT x::VARCHAR FROM t WHERE y = :year AND u = :unit AND z = :year
                """);
        assertEquals("SELECT x::VARCHAR FROM t WHERE y = ? AND u = ? AND z = ?", q.jdbcSql());
        assertEquals(List.of("year", "unit", "year"), q.bindOrder());
        assertEquals("a test", q.title());
    }

    @Test
    void undeclaredOrUnusedParametersAreRejectedAtLoad() {
        assertThrows(IllegalArgumentException.class, () -> NamedQuery.parse("t", "-- title: x\n-- params: year int\nSELECT :unit"));
        assertThrows(IllegalArgumentException.class, () -> NamedQuery.parse("t", "-- title: x\n-- params: year int, unit code\nSELECT :year"));
        assertThrows(IllegalArgumentException.class, () -> NamedQuery.parse("t", "SELECT 1"));
        assertThrows(IllegalArgumentException.class, () -> NamedQuery.load("../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> NamedQuery.load("no_such_query"));
    }

    @Test
    void everyShippedQueryParses() {
        List<String> names = NamedQuery.names();
        assertTrue(names.size() >= 13, "queries found: " + names);
        for (String n : names) {
            NamedQuery q = NamedQuery.load(n);
            assertTrue(!q.title().isBlank(), n);
        }
    }

    @Test
    void valuesAreCheckedAgainstTheirTypes() {
        NamedQuery q = NamedQuery.load("rates_by_unit");
        Map<String, Object> ok = Queries.check(q, Map.of("year", "2023", "level", "province", "unit", "91"));
        assertEquals(2023, ok.get("year"));
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("year", "2023; DROP TABLE x", "level", "province", "unit", "91"),
                Map.<String, Object>of("year", "2023", "level", "province' OR '1'='1", "unit", "91"),
                Map.<String, Object>of("year", "2023", "level", "province", "unit", "91' UNION SELECT 1 --"),
                Map.<String, Object>of("year", "2023", "level", "province", "unit", "9"),
                Map.<String, Object>of("year", "2023", "level", "province"),
                Map.<String, Object>of("year", "2023", "level", "province", "unit", "91", "extra", "1"))) {
            assertThrows(IllegalArgumentException.class, () -> Queries.check(q, bad), bad.toString());
        }
    }
}
