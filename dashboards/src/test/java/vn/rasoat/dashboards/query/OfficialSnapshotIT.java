package vn.rasoat.dashboards.query;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.rasoat.dashboards.SampleDashboards;
import vn.rasoat.dashboards.site.DashboardSession;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A year with two annual runs under two standards (the sample warehouse holds 2021 under 2016–2020, official, and
 * under 2022–2025): no named query shows a unit twice, YoY pairs
 * are official to official, the alternative run stays in mart_rates as its own series.
 */
class OfficialSnapshotIT extends SampleDashboards {
    private static DashboardSession session;

    @BeforeAll
    static void open() throws Exception {
        session = openSample("vi");
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
    }

    /** The golden cases, moved to the year with two annual runs (2021, or the pair ending in 2022 for movements). */
    static List<GoldenQueriesIT.Case> casesOnTheTwoRunYear() {
        List<GoldenQueriesIT.Case> out = new ArrayList<>();
        for (GoldenQueriesIT.Case k : GoldenQueriesIT.CASES) {
            Map<String, Object> p = new LinkedHashMap<>(k.params());
            if (p.containsKey("year")) {
                p.put("year", k.query().contains("movements") ? 2022 : 2021);
            }
            out.add(new GoldenQueriesIT.Case(k.id(), k.query(), p));
        }
        return out;
    }

    @Test
    void noNamedQueryShowsAUnitTwice() throws Exception {
        int checked = 0;
        for (GoldenQueriesIT.Case k : casesOnTheTwoRunYear()) {
            QueryResult r = session.dashboard().queries().run(k.query(), k.params());
            List<String> key = new ArrayList<>();
            for (String c : List.of("year", "base_year", "review_year", "k", "unit_code", "commune_code", "indicator", "step", "movement", "bin_from", "level", "breakdown",
                    "status_group", "group", "breakdown_value", "target_group", "source", "k1", "k2", "k3")) {
                if (r.columns().contains(c)) {
                    key.add(c);
                }
            }
            Set<List<Object>> seen = new HashSet<>();
            for (int i = 0; i < r.size(); i++) {
                List<Object> v = new ArrayList<>();
                for (String c : key) {
                    v.add(r.get(i, c));
                }
                assertTrue(seen.add(v), k.id() + " (" + k.params() + ") shows " + key + " = " + v + " twice");
            }
            checked += r.size();
        }
        assertTrue(checked > 100, "the queries returned rows for 2021: " + checked);
        QueryResult years = session.dashboard().queries().run("filter_years", Map.of());
        assertEquals("2016_2020", years.string(years.column("year").indexOf(2021), "standard"));
    }

    @Test
    void theAlternativeRunStaysAsItsOwnSeriesInMartRates() throws Exception {
        try (Statement st = session.warehouse().connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT snapshot, official, split_part(rulebook_version, '-', 1) FROM mart_rates"
                     + " WHERE review_year = 2021 AND level = 'province' AND breakdown = 'all' ORDER BY snapshot")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getBoolean(2) + " " + rs.getString(3));
            }
            assertEquals(List.of("annual_2021-annual true 2016_2020", "annual_" + ALTERNATIVE_RUN + " false 2022_2025"), rows);
        }
        try (Statement st = session.warehouse().connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT (level, unit_code, breakdown, breakdown_value, review_year)),"
                     + " count(*) FILTER (WHERE base_standard <> '2016_2020') FROM mart_yoy WHERE base_year = 2021")) {
            rs.next();
            assertTrue(rs.getLong(1) > 0);
            assertEquals(rs.getLong(1), rs.getLong(2), "one YoY pair per unit and target year");
            assertEquals(0, rs.getLong(3), "YoY pairs start from the official 2021 snapshot");
        }
    }
}
