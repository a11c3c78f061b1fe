package vn.rasoat.analysis.restate;

import org.junit.jupiter.api.Test;
import vn.rasoat.SparkTestBase;
import vn.rasoat.dashboards.query.QueryResult;
import vn.rasoat.dashboards.site.DashboardSession;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestatementIT extends SparkTestBase {
    private static Restatement.Allocation share(double s) {
        return new Restatement.Allocation("x", "01", "01", "y", "census_households", s);
    }

    @Test
    void ratesAreRoundedHalfUpLikeTheMarts() {
        // issue 14 §6: 1,001 of 80,000 = 1.25125 %; mart_rates says 1.2513, so must the restatement
        assertEquals(new java.math.BigDecimal("1.2513"), Restatement.ratePct(1001, 80000));
        assertEquals(new java.math.BigDecimal("0.0063"), Restatement.ratePct(1, 16000));
        assertEquals(null, Restatement.ratePct(5, 0));
    }

    @Test
    void wholeNumbersSplitByLargestRemainderKeepTheTotal() {
        assertArrayEquals(new long[]{4, 3}, Restatement.split(7, List.of(share(0.5), share(0.5))));
        assertArrayEquals(new long[]{4, 3, 3}, Restatement.split(10, List.of(share(1 / 3.0), share(1 / 3.0), share(1 / 3.0))));
        assertArrayEquals(new long[]{1, 9}, Restatement.split(10, List.of(share(0.14), share(0.86))));
        assertArrayEquals(new long[]{0, 0}, Restatement.split(0, List.of(share(0.3), share(0.7))));
        assertArrayEquals(new long[]{5}, Restatement.split(5, List.of(share(1.0))));
    }

    @Test
    void splitCommunesGoByCensusSharesAndUnknownCodesToTheirNewProvince() {
        Restatement r = Restatement.load(schemas());
        // Phường Cống Vị (Ba Đình) was split between Phường Ngọc Hà (00008) and Phường Giảng Võ (00025)
        List<Restatement.Allocation> a = r.allocate("00007", "01");
        assertEquals(List.of("00008", "00025"), a.stream().map(Restatement.Allocation::newCommune).toList());
        assertEquals(1.0, a.stream().mapToDouble(Restatement.Allocation::share).sum(), 1e-12);
        assertTrue(a.stream().allMatch(x -> x.rule().equals("census_households") && x.share() > 0 && x.share() < 1));
        assertEquals(List.of(new Restatement.Allocation("00001", "01", "01", "00097", "whole", 1.0)), r.allocate("00001", "01"));
        // a code the crosswalk does not know: Hà Giang's (02) counts go to Tuyên Quang (08), unallocated
        assertEquals(List.of(new Restatement.Allocation("99998", "02", "08", Restatement.UNALLOCATED, "province_only", 1.0)),
                r.allocate("99998", "02"));
        Restatement.Result res = r.restate(List.of(
                new Restatement.Source("00001", "01", Map.of("poor_households", 10L)),
                new Restatement.Source("00007", "01", Map.of("poor_households", 7L)),
                new Restatement.Source("99998", "02", Map.of("poor_households", 5L))));
        assertEquals(22L, res.national().get("poor_households"));
        assertEquals(17L, res.provinces().get("01").get("poor_households"));
        assertEquals(5L, res.provinces().get("08").get("poor_households"));
    }

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
            Restatement.Result res = Restatement.load(schemas()).restate(Restatement.sources(src));
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
        }
    }
}
