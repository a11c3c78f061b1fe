package vn.rasoat.dashboards.query;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.rasoat.dashboards.SampleDashboards;
import vn.rasoat.dashboards.site.DashboardSession;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden files: every named query, with fixed parameters, on the warehouse built from data-samples/ — the query
 * text, its result schema and its rows. Regenerate with {@code -Drasoat.golden.update=true} and review the diff.
 */
class GoldenQueriesIT extends SampleDashboards {
    record Case(String id, String query, Map<String, Object> params) {
    }

    static final List<Case> CASES = List.of(
            c("filter_years", "filter_years"),
            c("filter_units_2023", "filter_units", "year", 2023),
            c("province_overview_2023", "province_overview", "year", 2023),
            c("rates_by_unit_province_91_2023", "rates_by_unit", "year", 2023, "level", "province", "unit", "91"),
            c("rates_by_unit_district_899_2022", "rates_by_unit", "year", 2022, "level", "district", "unit", "899"),
            c("rates_by_unit_province_91_2023_rural", "rates_by_unit", "year", 2023, "level", "province", "unit", "91",
                    "subgroup", "area.rural"),
            c("rates_by_unit_province_91_2023_ethnic_minority", "rates_by_unit", "year", 2023, "level", "province", "unit", "91",
                    "subgroup", "ethnic_minority.yes"),
            c("rates_series_province_91", "rates_series", "level", "province", "unit", "91"),
            c("deprivation_by_unit_province_91_2023", "deprivation_by_unit", "year", 2023, "level", "province", "unit", "91"),
            c("deprivation_contribution_province_91_2023", "deprivation_contribution", "year", 2023, "level", "province", "unit", "91"),
            c("movements_poor_province_91_2023", "movements", "year", 2023, "level", "province", "unit", "91", "group", "poor"),
            c("movements_near_poor_district_903_2022", "movements", "year", 2022, "level", "district", "unit", "903", "group", "near_poor"),
            c("score_distribution_district_899_2023", "score_distribution", "year", 2023, "level", "district", "unit", "899",
                    "rural_threshold", 140, "urban_threshold", 175),
            c("report_results_province_91_2023", "report_results", "year", 2023, "level", "province", "unit", "91"),
            c("report_movements_district_906_2023", "report_movements", "year", 2023, "level", "district", "unit", "906"),
            c("report_deprivation_province_91_2021", "report_deprivation", "year", 2021, "level", "province", "unit", "91"),
            c("report_target_groups_province_91_2023", "report_target_groups", "year", 2023, "level", "province", "unit", "91"),
            c("report_form_cells_district_906_2023", "report_form_cells", "year", 2023, "level", "district", "unit", "906"),
            c("recheck_by_unit_province_91_2023", "recheck_by_unit", "year", 2023, "level", "province", "unit", "91"),
            c("restate_source_2023", "restate_source", "year", 2023),
            c("rates_2025_VN_2023", "rates_2025", "year", 2023, "unit", "VN"),
            c("rates_2025_province_91_2022", "rates_2025", "year", 2022, "unit", "91"),
            c("diagnostics_2023", "diagnostics", "year", 2023),
            c("completeness_by_commune_2023", "completeness_by_commune", "year", 2023),
            c("diagnostics_summary_2023", "diagnostics_summary", "year", 2023, "min_households", 20),
            c("compare_years_province_91_2021_2023", "compare_years", "level", "province", "unit", "91", "from_year", 2021,
                    "to_year", 2023),
            c("yoy_by_unit_province_91_2023", "yoy_by_unit", "year", 2023, "level", "province", "unit", "91"),
            c("af_by_k_province_91_2023", "af_by_k", "year", 2023, "level", "province", "unit", "91"));

    private static DashboardSession session;

    @BeforeAll
    static void open() throws Exception {
        session = openSample("vi");
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
    }

    static Case c(String id, String query, Object... kv) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return new Case(id, query, p);
    }

    static Path goldenDir() {
        return Paths.get("src", "test", "resources", "golden");
    }

    /** Cases whose result on the samples is empty, and why (their golden file still fixes the SQL and its schema). */
    static final Map<String, String> EMPTY_ON_SAMPLES = Map.of("recheck_by_unit_province_91_2023",
            "the samples hold no re-check (mart_recheck is written by rasoat recheck report; RecheckPlanIT runs the query on one)");

    @Test
    void everyQueryMatchesItsGoldenFile() throws Exception {
        boolean update = Boolean.getBoolean("rasoat.golden.update");
        List<String> differ = new ArrayList<>();
        for (Case k : CASES) {
            QueryResult r = session.dashboard().queries().run(k.query(), k.params());
            if (EMPTY_ON_SAMPLES.containsKey(k.id())) {
                assertEquals(0, r.size(), k.id() + ": " + EMPTY_ON_SAMPLES.get(k.id()) + " — it has rows now: make it an ordinary case");
            } else {
                assertTrue(r.size() > 0, k.id() + " returned no rows on the sample warehouse");
            }
            String text = render(k, r);
            Path file = goldenDir().resolve(k.id() + ".txt");
            if (update) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8);
                continue;
            }
            if (!Files.exists(file)) {
                fail("no golden file " + file + "; run with -Drasoat.golden.update=true and review it");
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(text)) {
                differ.add(k.id());
                Path actual = Paths.get("target", "golden-actual", k.id() + ".txt");
                Files.createDirectories(actual.getParent());
                Files.writeString(actual, text, StandardCharsets.UTF_8);
            }
        }
        assertEquals(List.of(), differ, "results differ from their golden files (actual under target/golden-actual/)");
    }

    /** Every sample year restated into the 2025 boundaries keeps the nation's counts of its own boundaries exactly. */
    @Test
    void resultsRestatedInto2025BoundariesKeepTheNationalTotals() throws Exception {
        for (int year : List.of(2021, 2022, 2023)) {
            QueryResult own = session.dashboard().queries().run("province_overview", Map.of("year", year));
            QueryResult restated = session.dashboard().queries().run("rates_2025", Map.of("year", year, "unit", "VN"));
            int a = own.column("level").indexOf("national");
            int b = restated.column("level").indexOf("national");
            assertTrue(a >= 0 && b >= 0, year + ": a national row in both");
            for (String m : List.of("households_total", "reviewed_households", "poor_households", "near_poor_households",
                    "not_scored_households")) {
                assertEquals(own.whole(a, m), restated.whole(b, m), year + " " + m);
            }
            assertEquals(own.get(a, "poor_rate_pct"), restated.get(b, "poor_rate_pct"), year + ": the same ratio of the same sums");
            // Kiên Giang (91) went whole into An Giang (91); the samples have no other province
            assertEquals(List.of("national", "province"), restated.column("level").stream().distinct().toList());
            assertEquals("91", restated.string(1, "unit_code"));
        }
    }

    /**
     * A subgroup's rows are its own households: urban + rural make every district's households and poor (the
     * samples' households all have an area), and a subgroup without a household total shows counts, no rate.
     */
    @Test
    void theSubgroupsOfTheUnitsBelowAddUpToAllTheirHouseholds() throws Exception {
        Map<String, Object> base = Map.of("year", 2023, "level", "province", "unit", "91");
        QueryResult all = session.dashboard().queries().run("rates_by_unit", base);
        assertEquals(3, all.size(), "the sample province's three districts");
        Map<String, long[]> sums = new java.util.HashMap<>();
        for (String part : List.of("area.urban", "area.rural")) {
            Map<String, Object> p = new java.util.HashMap<>(base);
            p.put("subgroup", part);
            QueryResult r = session.dashboard().queries().run("rates_by_unit", p);
            for (int i = 0; i < r.size(); i++) {
                long[] s = sums.computeIfAbsent(r.string(i, "unit_code"), k -> new long[3]);
                s[0] += r.whole(i, "households_total");
                s[1] += r.whole(i, "reviewed_households");
                s[2] += r.whole(i, "poor_households");
            }
        }
        for (int i = 0; i < all.size(); i++) {
            long[] s = sums.get(all.string(i, "unit_code"));
            assertEquals(all.whole(i, "households_total"), s[0], all.string(i, "unit_code") + " households");
            assertEquals(all.whole(i, "reviewed_households"), s[1], all.string(i, "unit_code") + " reviewed");
            assertEquals(all.whole(i, "poor_households"), s[2], all.string(i, "unit_code") + " poor");
        }
        Map<String, Object> p = new java.util.HashMap<>(base);
        p.put("subgroup", "ethnic_minority.yes");
        QueryResult minority = session.dashboard().queries().run("rates_by_unit", p);
        assertTrue(minority.size() > 0 && minority.column("poor_rate_pct").stream().allMatch(java.util.Objects::isNull),
                "counts without a denominator have no rate");
        p.put("subgroup", "area.suburb");
        assertThrows(IllegalArgumentException.class, () -> session.dashboard().queries().run("rates_by_unit", p));
    }

    @Test
    void everyShippedQueryHasAGoldenCase() {
        Set<String> covered = new HashSet<>();
        CASES.forEach(k -> covered.add(k.query()));
        for (String name : NamedQuery.names()) {
            assertTrue(covered.contains(name), "dashboards/sql/" + name + ".sql has no golden case");
        }
    }

    static String render(Case k, QueryResult r) {
        NamedQuery q = NamedQuery.load(k.query());
        StringBuilder b = new StringBuilder();
        b.append("-- query: ").append(k.query()).append('\n');
        b.append("-- params: ").append(k.params()).append('\n');
        b.append("-- sql:\n");
        for (String line : q.jdbcSql().split("\n")) {
            b.append("--   ").append(line.stripTrailing()).append('\n');
        }
        b.append("-- schema:");
        for (int i = 0; i < r.columns().size(); i++) {
            b.append(i == 0 ? " " : ", ").append(r.columns().get(i)).append(' ').append(r.types().get(i));
        }
        b.append("\n-- rows: ").append(r.size()).append('\n');
        b.append(r.toTsv());
        return b.toString();
    }
}
