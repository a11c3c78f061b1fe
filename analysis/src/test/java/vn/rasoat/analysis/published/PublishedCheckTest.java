package vn.rasoat.analysis.published;

import org.junit.jupiter.api.Test;
import vn.rasoat.ProjectFiles;
import vn.rasoat.checks.Finding;
import vn.rasoat.reference.ReferenceData;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published-results checker on the shipped table (hand-checked) and on a hand-made consistent table. */
class PublishedCheckTest extends ProjectFiles {
    private static final List<String> REGIONS = List.of("BTB_DHMT", "DBSCL", "DBSH", "DNB", "TDMNPB", "TN");

    /**
     * The shipped table, checked by hand: 2022's national total is 1,057,374 + 915,274 = 1,972,648, not the published
     * 1,972,767; the Red River Delta's 69,239 + 100,237 = 169,476, not 169,566; the Central Highlands' 129,160 +
     * 107,487 = 236,647, not 236,766; the poor districts' (QĐ 353) 311,981 + 159,590 = 471,571, not 417,571; and the
     * six regions' poor households sum to 1,057,284, not the national 1,057,374. Every rate agrees with its row.
     */
    @Test
    void theShippedTableHasItsFiveKnownInconsistencies() {
        ReferenceData ref = ReferenceData.load(schemas());
        List<String> regions = ref.regionsOfProvinces63().stream().map(r -> r.get("region_key")).distinct().sorted().toList();
        assertEquals(REGIONS, regions);
        PublishedCheck.Result r = PublishedCheck.check(ref.publishedResults(), regions);
        List<String> found = r.findings().stream().map(f -> f.row() + " | " + f.column() + " | " + f.published()
                + " | " + f.expectedLow() + " | " + f.difference()).toList();
        assertEquals(List.of(
                "2022 national VN (71/QĐ-LĐTBXH) | poor_and_near_poor_households | 1972767 | 1972648 | 119",
                "2022 region DBSH (71/QĐ-LĐTBXH) | poor_and_near_poor_households | 169566 | 169476 | 90",
                "2022 region TN (71/QĐ-LĐTBXH) | poor_and_near_poor_households | 236766 | 236647 | 119",
                "2023 poor_districts_QD353 QD353 (decision number not found) | poor_and_near_poor_households | 417571 | 471571 | -54000",
                "2022 national VN (71/QĐ-LĐTBXH) | poor_households | 1057374 | 1057284 | 90"), found);
        assertEquals("row 2022 national VN (71/QĐ-LĐTBXH), column poor_and_near_poor_households: published 1,972,767, "
                + "expected 1,972,648 (difference +119) — poor + near-poor households", r.findings().get(0).toString());
        // 2023: only one region publishes its poor households, so the regions' sum is not checked, and said so
        assertTrue(r.notChecked().contains("2023 (decision number not found): regions sum to the nation, poor_households "
                + "(1 of 6 regions publish it)"), r.notChecked().toString());
        // counts: 10 rows with all three (2022: 7, 2023: the nation, TDMNPB, QĐ 353); rate sums: 8 (2022: 7, 2023: the
        // nation); rates against counts (one per published pair, in rows with two or more): 2021 (2), 2022 (7 rows x 3),
        // 2023 the nation (3) and TDMNPB (2), 2024 the nation, TDMNPB and DBSH (2 each), Hải Dương (2); region sums:
        // 2022 (3), 2023 and 2024 poor + near-poor (1 each). The 2023–2025 rows added no finding: they agree.
        assertEquals(10 + 8 + 36 + 5, r.checks());
    }

    /** A nation of two regions, consistent to the household: 15,000 households, 150 poor, 250 near-poor. */
    static List<Map<String, String>> consistent() {
        List<Map<String, String>> t = new ArrayList<>();
        t.add(row("national", "VN", "150", "1.00", "250", "1.67", "400", "2.67"));
        t.add(row("region", "A", "100", "1.00", "200", "2.00", "300", "3.00"));
        t.add(row("region", "B", "50", "1.00", "50", "1.00", "100", "2.00"));
        return t;
    }

    static Map<String, String> row(String level, String key, String poor, String poorRate, String near, String nearRate,
                                   String both, String bothRate) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("review_year", "2030");
        r.put("decision", "test");
        r.put("geo_level", level);
        r.put("geo_key", key);
        r.put("geo_name", key);
        r.put("poor_households", poor);
        r.put("poor_rate_pct", poorRate);
        r.put("near_poor_households", near);
        r.put("near_poor_rate_pct", nearRate);
        r.put("poor_and_near_poor_households", both);
        r.put("poor_and_near_poor_rate_pct", bothRate);
        return r;
    }

    @Test
    void aConsistentTablePassesEveryCheck() {
        PublishedCheck.Result r = PublishedCheck.check(consistent(), List.of("A", "B"));
        assertEquals(List.of(), r.findings());
        assertEquals(List.of(), r.notChecked());
        assertEquals(3 + 3 + 9 + 3, r.checks());
        assertTrue(r.consistent());
    }

    /** Region B's near-poor rate left at 1.00 % beside 51 of its households: its three (count, rate) pairs disagree. */
    @Test
    void ratesThatDisagreeAmongThemselvesAreNamedPairByPair() {
        List<Map<String, String>> t = consistent();
        t.get(2).put("near_poor_households", "51");
        t.get(2).put("poor_and_near_poor_households", "101");
        List<String> f = PublishedCheck.check(t, List.of("A", "B")).findings().stream()
                .filter(x -> x.row().startsWith("2030 region B")).map(x -> x.column() + " " + x.expectedLow() + "–"
                        + x.expectedHigh()).toList();
        // 50 poor at 1.00 %: 4,975–5,025 households (5,000 / 1.005 … / 0.995); 51 near-poor at 1.00 %: 5,075–5,126;
        // 101 at 2.00 %: 5,038–5,063. Near-poor should be 51 / 5,025.1 … 51 / 4,975.1 = 1.0149–1.0251 % (51 × 1.005 / 50)
        assertEquals(List.of("near_poor_rate_pct 1.0149–1.0251", "poor_and_near_poor_rate_pct 2.0099–2.0301",
                "poor_and_near_poor_rate_pct 1.9704–1.9903"), f);
    }

    /**
     * The nation's poor rate published as 1.10 instead of 1.00: 1.10 + 1.67 = 2.77, beyond 2.67 ± 0.015; and 150 poor
     * households at 1.10 % are 13,575–13,699 households, while the near-poor and total figures imply 14,954–15,009
     * (250 / 1.675 % … 400 / 2.665 %): the rate should lie in 150 / 15,009 … 150 / 14,954 = 0.9993–1.0032 %.
     */
    @Test
    void aRateThatDisagreesWithItsCountsIsNamedWithTheRangeItShouldLieIn() {
        List<Map<String, String>> t = consistent();
        t.get(0).put("poor_rate_pct", "1.10");
        List<Finding> f = PublishedCheck.check(t, List.of("A", "B")).findings();
        assertEquals(2, f.size(), f.toString());
        assertEquals("poor_and_near_poor_rate_pct", f.get(0).column());
        assertEquals(new BigDecimal("2.755"), f.get(0).expectedLow());
        assertEquals(new BigDecimal("2.785"), f.get(0).expectedHigh());
        assertEquals("poor_rate_pct", f.get(1).column());
        assertEquals(new BigDecimal("0.9993"), f.get(1).expectedLow());
        assertEquals(new BigDecimal("1.0032"), f.get(1).expectedHigh());
        assertTrue(f.get(1).toString().contains("expected between 0.9993 and 1.0032"), f.get(1).toString());
    }

    @Test
    void aRegionOffByOneHouseholdIsNamedAtTheNation() {
        List<Map<String, String>> t = consistent();
        // B: 51 near-poor (1.02 %) and 101 in all (2.02 %) of its 5,000 households; the nation still says 250 and 400
        t.get(2).put("near_poor_households", "51");
        t.get(2).put("near_poor_rate_pct", "1.02");
        t.get(2).put("poor_and_near_poor_households", "101");
        t.get(2).put("poor_and_near_poor_rate_pct", "2.02");
        List<String> f = PublishedCheck.check(t, List.of("A", "B")).findings().stream()
                .map(x -> x.row() + " " + x.column() + " " + x.difference()).toList();
        assertEquals(List.of("2030 national VN (test) near_poor_households -1",
                "2030 national VN (test) poor_and_near_poor_households -1"), f);
    }

    @Test
    void aTableWithoutTheColumnsIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PublishedCheck.check(List.of(Map.of("year", "2022")), REGIONS));
        assertTrue(e.getMessage().contains("no column review_year"), e.getMessage());
        List<Map<String, String>> t = consistent();
        t.get(1).put("poor_households", "1.000");
        e = assertThrows(IllegalArgumentException.class, () -> PublishedCheck.check(t, List.of("A", "B")));
        assertEquals("2030 region A (test), column poor_households: '1.000' is not a whole number", e.getMessage());
    }
}
