package vn.rasoat.analysis.compare;

import org.junit.jupiter.api.Test;
import vn.rasoat.dashboards.query.QueryResult;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two hand-made years of a province (the demo's Kiên Giang figures) compared, every figure computed by hand. */
class YearComparisonTest {
    static final List<String> COLUMNS = List.of("year", "breakdown", "breakdown_value", "rulebook_version", "standard",
            "households_total", "poor_households", "near_poor_households", "poor_rate_pct", "near_poor_rate_pct",
            "not_scored_households", "completeness", "incomplete", "harmonised_as", "harmonised_poor_households",
            "harmonised_near_poor_households", "harmonised_poor_rate_pct", "harmonised_near_poor_rate_pct",
            "underivable_indicators", "input_version");

    static List<Object> year(int y, String rulebook, long hh, long poor, String poorRate, long near, String nearRate,
                             long notScored, String completeness, Object... harmonised) {
        List<Object> r = new ArrayList<>(Arrays.asList(y, "all", "all", rulebook, rulebook.substring(0, 9), hh, poor, near,
                new BigDecimal(poorRate), new BigDecimal(nearRate), notScored, new BigDecimal(completeness), false));
        r.addAll(harmonised.length == 0 ? Arrays.asList(null, null, null, null, null, null) : Arrays.asList(harmonised));
        r.add("v1");
        return r;
    }

    static QueryResult result(List<List<Object>> rows) {
        return new QueryResult("compare_years", COLUMNS, COLUMNS.stream().map(c -> "VARCHAR").toList(), rows);
    }

    /**
     * 2021 (2016–2020 standard): 31,792 households, 391 poor (1.2299 %), 970 near-poor (3.0511 %); 2023 (2022–2025):
     * 32,373, 525 (1.6217 %), 885 (2.7338 %). Poor: 1.6217 − 1.2299 = +0.3918 points, 0.3918 / 1.2299 = +31.86 %;
     * near-poor: 2.7338 − 3.0511 = −0.3173 points, −0.3173 / 3.0511 = −10.40 %. 2021 rescored under 2022–2025 (hand-made):
     * 2.2018 % poor, 3.4600 % near-poor: on one standard −0.5801 points (−26.35 %) and −0.7262 points (−20.99 %).
     */
    @Test
    void twoYearsOfAProvinceAreComparedAsComputedByHand() {
        List<List<Object>> rows = List.of(
                year(2021, "2016_2020-r1", 31_792, 391, "1.2299", 970, "3.0511", 0, "1.0000",
                        "2022_2025", 700L, 1100L, new BigDecimal("2.2018"), new BigDecimal("3.4600"), "dependants,employment,nutrition"),
                year(2023, "2022_2025-r1", 32_373, 525, "1.6217", 885, "2.7338", 12, "0.9963"));
        List<YearComparison.Comparison> c = YearComparison.of(result(rows), 2021, 2023);
        assertEquals(1, c.size());
        assertEquals(new BigDecimal("0.3918"), c.get(0).poor().points());
        assertEquals(new BigDecimal("31.86"), c.get(0).poor().relativePct());
        assertEquals(new BigDecimal("-0.3173"), c.get(0).nearPoor().points());
        assertEquals(new BigDecimal("-10.40"), c.get(0).nearPoor().relativePct());
        assertEquals(List.of(
                "Tỉnh Kiên Giang (province 91), official annual reviews 2021 → 2023, all households",
                "                                     2021             2023   change",
                "  rulebook                   2016_2020-r1     2022_2025-r1",
                "  households                       31,792           32,373   +581",
                "  poor households                     391              525   +134",
                "  poor rate %                      1.2299           1.6217   +0.3918 points (+31.86 %)",
                "  near-poor households                970              885   -85",
                "  near-poor rate %                 3.0511           2.7338   -0.3173 points (-10.40 %)",
                "  the two years were reviewed under different standards (2016_2020 → 2022_2025): the change mixes the "
                        + "change of standard with the change in households",
                "  2021 under 2022_2025             2.2018           1.6217   -0.5801 points (-26.35 %) poor, on one standard",
                "                                   3.4600           2.7338   -0.7262 points (-20.99 %) near-poor, on one standard",
                "  2021's forms did not collect dependants, employment, nutrition: its figures under 2022_2025 are bounds, not equals",
                "  2023: 12 household(s) not scored (completeness 0.9963)",
                "  the counts are a census of the listed and applicant households, not a sample: the change has no sampling "
                        + "error (no re-check sample is recorded to estimate the review's own error)"),
                YearComparison.text(c.get(0), "Tỉnh Kiên Giang (province 91)"));
    }

    @Test
    void aBaseOfNoneHasNoRelativeChange() {
        YearComparison.Change c = YearComparison.change(new BigDecimal("0.0000"), new BigDecimal("0.5000"));
        assertEquals(new BigDecimal("0.5000"), c.points());
        assertNull(c.relativePct());
        assertEquals("+0.5000 points (no base to compare with)", c.toString());
        assertNull(YearComparison.change(null, BigDecimal.ONE), "a rate not known gives no change, not 0");
    }

    @Test
    void onlyBreakdownsPresentInBothYearsArePaired() {
        List<Object> a = year(2022, "2022_2025-r1", 100, 4, "4.0000", 5, "5.0000", 0, "1.0000");
        List<Object> b = year(2023, "2022_2025-r1", 100, 3, "3.0000", 5, "5.0000", 0, "1.0000");
        List<Object> onlyLater = new ArrayList<>(b);
        onlyLater.set(1, "female_head");
        onlyLater.set(2, "yes");
        List<YearComparison.Comparison> c = YearComparison.of(result(List.of(a, b, onlyLater)), 2022, 2023);
        assertEquals(1, c.size());
        assertEquals("all", c.get(0).breakdown());
        assertEquals(new BigDecimal("-25.00"), c.get(0).poor().relativePct());
    }

    static QueryResult recheckRow(String plan, String corrected, String low, String high, String recorded) {
        List<String> cols = List.of("plan_id", "level", "unit_code", "corrected_poor_rate_pct", "corrected_poor_rate_low",
                "corrected_poor_rate_high", "recorded_poor_rate_pct", "confidence");
        return new QueryResult("recheck_by_unit", cols, cols.stream().map(c -> "VARCHAR").toList(), List.of(List.of(plan,
                "province", "91", new java.math.BigDecimal(corrected), new java.math.BigDecimal(low), new java.math.BigDecimal(high),
                new java.math.BigDecimal(recorded), new java.math.BigDecimal("0.9500"))));
    }

    /**
     * Two re-checked years, by hand: 2022 corrected 2.0000 % (1.8040–2.1960: standard error 0.0980/1.959964 = 0.05),
     * 2023 corrected 1.5000 % (1.3040–1.6960, the same); change −0.5 points, half width 1.959964 × √(0.05² + 0.05²)
     * = 0.13859, so −0.6386 to −0.3614.
     */
    @org.junit.jupiter.api.Test
    void aChangeBetweenTwoRecheckedYearsHasItsInterval() {
        double h = 1.959964 * 0.05;
        List<String> lines = YearComparison.recheck(
                recheckRow("91_2022_n300_s1", "2.0000", String.valueOf(2 - h), String.valueOf(2 + h), "2.1000"),
                recheckRow("91_2023_n300_s1", "1.5000", String.valueOf(1.5 - h), String.valueOf(1.5 + h), "1.6186"),
                2022, 2023, "91");
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(1).contains("2022: poor rate after re-check 2.0000 %"), lines.get(1));
        assertTrue(lines.get(2).contains("recorded 1.6186 %"), lines.get(2));
        assertEquals("    change of the re-checked poor rate -0.5000 points (95 % CI -0.6386 to -0.3614)", lines.get(3));
        List<String> one = YearComparison.recheck(null, recheckRow("91_2023_n300_s1", "1.5000", "1.3", "1.7", "1.6186"),
                2022, 2023, "91");
        assertTrue(one.get(1).contains("2022: no re-check"), one.toString());
        assertEquals(3, one.size());
        assertTrue(YearComparison.recheck(null, null, 2022, 2023, "91").isEmpty());
    }
}
