package vn.rasoat.analysis.restate;

import org.junit.jupiter.api.Test;
import vn.rasoat.SparkTestBase;
import vn.rasoat.dashboards.query.QueryResult;
import vn.rasoat.dashboards.site.DashboardSession;
import vn.rasoat.marts.Restatement;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restate command's path (restate_source → RestateSources → Restatement) on the shared generated districts, and
 * the marts job's mart_rates_2025 beside it; the allocation rules themselves: jobs' RestatementTest. */
class RestatementIT extends SparkTestBase {
    /**
     * The acceptance: a 2024 review restated in the 2025 boundaries keeps the national totals exactly. The shared
     * generated districts ({@link vn.rasoat.GeneratedProvince}): Ba Đình (Hà Nội: communes split between new wards)
     * and Rạch Giá (Kiên Giang, merged into An Giang).
     */
    @Test
    void restating2024DistrictResultsTo2025BoundariesPreservesNationalTotals() throws Exception {
        String wh = vn.rasoat.GeneratedProvince.get().warehouse;
        try (DashboardSession s = DashboardSession.open(schemas(), wh, "vi")) {
            QueryResult src = s.dashboard().queries().run("restate_source", Map.of("year", 2024));
            assertTrue(src.size() > 20, "communes of two districts: " + src.size());
            Restatement.Result res = Restatement.load(schemas()).restate(RestateSources.of(src));
            assertTrue(res.allocations().stream().anyMatch(a -> a.rule().equals("census_households")), "some communes were split");
            assertTrue(res.provinces().keySet().size() == 2, "two new provinces: " + res.provinces().keySet());
            QueryResult national = s.dashboard().queries().run("province_overview", Map.of("year", 2024));
            int row = national.column("level").indexOf("national");
            for (String m : List.of("poor_households", "near_poor_households", "households_total", "reviewed_households")) {
                assertEquals(national.whole(row, m), res.national().get(m), m + ": national total before = after");
            }
            long poorDistricts = 0;
            for (int i = 0; i < src.size(); i++) {
                poorDistricts += src.whole(i, "poor_households");
            }
            assertEquals(poorDistricts, res.national().get("poor_households"));
            // the marts job restated the same year into mart_rates_2025: the same communes with the same counts
            int compared = 0;
            for (String province : res.provinces().keySet()) {
                QueryResult mart = s.dashboard().queries().run("rates_2025", Map.of("year", 2024, "unit", province));
                Map<String, Integer> rowOf = new java.util.HashMap<>();
                for (int i = 0; i < mart.size(); i++) {
                    if (mart.string(i, "level").equals("commune")) {
                        rowOf.put(mart.string(i, "unit_code"), i);
                    }
                }
                for (Restatement.Target t : res.communes()) {
                    if (!t.newProvince().equals(province)) {
                        continue;
                    }
                    Integer i = rowOf.remove(t.newCommune());
                    assertTrue(i != null, "commune " + t.newCommune() + " of " + province + " in mart_rates_2025");
                    for (String m : List.of("poor_households", "near_poor_households", "households_total", "reviewed_households",
                            "not_scored_households")) {
                        assertEquals(t.counts().get(m), mart.get(i, m) == null ? null : mart.whole(i, m), t.newCommune() + " " + m);
                    }
                    compared++;
                }
                assertTrue(rowOf.isEmpty(), "mart rows the restatement does not have: " + rowOf.keySet());
            }
            assertEquals(res.communes().size(), compared);
        }
    }
}
