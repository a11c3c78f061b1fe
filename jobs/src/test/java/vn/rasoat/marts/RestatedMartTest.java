package vn.rasoat.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.rasoat.SparkTestBase;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mart_rates_2025 on hand-made commune rows, expected values by hand:
 * <ul>
 *   <li>2024 (63-province system): Phúc Xá 00001 (Hà Nội) went whole into Hồng Hà 00097: poor 10, near-poor 20 of 400
 *       households → 2.5000 % and 5.0000 %; 100 classified and 2 held → completeness 100/102 = 0.9803 (truncated),
 *       incomplete (under 0.99). Cống Vị 00007 was split between Ngọc Hà 00008 and Giảng Võ 00025: its 7 poor are
 *       allocated between them (7 in all). 99998 of Hà Giang (02), a code the crosswalk does not know, stays with
 *       Tuyên Quang (08) as its unallocated row; it has no commune total, so Tuyên Quang has no denominator (null, no
 *       rate) and the nation's households are those of the other communes, 710. Trúc Bạch (00004), missing from the
 *       unit list given, is placed by its district row (province 01) and goes whole into Ba Đình (00004).</li>
 *   <li>2026 (2025 boundaries): Ba Đình 00004 carried as it is: 3 poor of 300 → 1.0000 %.</li>
 * </ul>
 */
class RestatedMartTest extends SparkTestBase {
    static final Map<String, Row> rows = new HashMap<>();

    @BeforeAll
    static void build() {
        StructType rates = new StructType().add("official", "boolean").add("level", "string").add("breakdown", "string")
                .add("review_year", "int").add("unit_code", "string").add("rulebook_version", "string")
                .add("input_version", "string").add("parent_code", "string");
        for (String m : Restatement.MEASURES) {
            rates = rates.add(m, "bigint");
        }
        List<Row> in = new ArrayList<>();
        in.add(commune(2024, "00001", 100, 10, 20, 400L, 2));
        in.add(commune(2024, "00007", 50, 7, 0, 300L, 0));
        in.add(commune(2024, "99998", 5, 5, 0, null, 0)); // no commune total
        in.add(commune(2024, "00004", 1, 0, 0, 10L, 0)); // not in the year's list given: its province from its district
        in.add(commune(2026, "00004", 30, 3, 0, 300L, 0));
        // rows the mart does not restate: another snapshot, another breakdown, a district
        in.add(row(false, "commune", "all", 2024, "00001", 999, 999, 999, 999L, 0));
        in.add(row(true, "commune", "area", 2024, "00001", 999, 999, 999, 999L, 0));
        in.add(row(true, "district", "all", 2024, "001", 999, 999, 999, 999L, 0));
        Dataset<Row> area = spark().createDataFrame(List.of(
                RowFactory.create(2024, "00001", "01"), RowFactory.create(2024, "00007", "01"),
                RowFactory.create(2024, "99998", "02"), RowFactory.create(2026, "00004", "01")),
                new StructType().add("_a_year", "int").add("_a_commune", "string").add("_a_province", "string"));
        for (Row r : RestatedMart.build(spark(), Restatement.load(schemas()), spark().createDataFrame(in, rates), area,
                Set.of(2026), new BigDecimal("0.99")).collectAsList()) {
            rows.put(r.<Integer>getAs("review_year") + "/" + r.getAs("level") + "/" + r.getAs("unit_code"), r);
        }
    }

    static Row commune(int year, String code, long reviewed, long poor, long nearPoor, Long total, long held) {
        return row(true, "commune", "all", year, code, reviewed, poor, nearPoor, total, held);
    }

    static Row row(boolean official, String level, String breakdown, int year, String code, long reviewed, long poor,
                   long nearPoor, Long total, long held) {
        List<Object> v = new ArrayList<>(List.of(official, level, breakdown, year, code, "2022_2025-v1", "in-" + year,
                level.equals("district") ? "01" : "001"));
        for (String m : Restatement.MEASURES) {
            v.add(switch (m) {
                case "reviewed_households" -> reviewed;
                case "poor_households" -> poor;
                case "near_poor_households" -> nearPoor;
                case "households_total", "population_total" -> total == null ? null : m.equals("households_total") ? total : 0L;
                case "not_scored_households" -> held;
                default -> 0L;
            });
        }
        return RowFactory.create(v.toArray());
    }

    static long n(String key, String measure) {
        return rows.get(key).<Long>getAs(measure);
    }

    @Test
    void aWholeCommuneMovesWithItsCountsRatesAndCompleteness() {
        Row r = rows.get("2024/commune/00097");
        assertEquals("01", r.getAs("parent_code"));
        assertEquals(10L, n("2024/commune/00097", "poor_households"));
        assertEquals(new BigDecimal("2.5000"), r.getAs("poor_rate_pct"));
        assertEquals(new BigDecimal("5.0000"), r.getAs("near_poor_rate_pct"));
        assertEquals(new BigDecimal("0.9803"), r.getAs("completeness"));
        assertEquals(true, r.getAs("incomplete"));
        assertEquals(1, (int) r.getAs("source_communes"));
        assertEquals(0, (int) r.getAs("split_communes"));
        assertEquals("crosswalk_2025", r.getAs("restatement"));
        assertEquals("2022_2025-v1", r.getAs("rulebook_version"));
        assertEquals("in-2024", r.getAs("input_version"));
    }

    @Test
    void aSplitCommuneIsAllocatedInWholeHouseholdsAndEveryTotalIsKept() {
        assertEquals(7L, n("2024/commune/00008", "poor_households") + n("2024/commune/00025", "poor_households"));
        assertEquals(300L, n("2024/commune/00008", "households_total") + n("2024/commune/00025", "households_total"));
        assertEquals(1, (int) rows.get("2024/commune/00008").getAs("split_communes"));
        assertEquals(10L + 7, n("2024/province/01", "poor_households"));
        assertEquals(710L, n("2024/province/01", "households_total"));
        assertEquals(3, (int) rows.get("2024/province/01").getAs("source_communes"));
        assertEquals(1, (int) rows.get("2024/province/01").getAs("split_communes"));
        assertEquals(new BigDecimal("2.3944"), rows.get("2024/province/01").getAs("poor_rate_pct")); // 17 / 710
        assertEquals(22L, n("2024/national/VN", "poor_households"));
        assertEquals(710L, n("2024/national/VN", "households_total"), "99998 has no total: left out, not 0");
        assertEquals(1, (int) rows.get("2024/national/VN").getAs("communes_without_denominator"));
        assertEquals(4, (int) rows.get("2024/national/VN").getAs("source_communes"));
        // Trúc Bạch (00004), absent from the unit list given, found its province (01) through its district row and
        // went whole into Ba Đình (00004)
        assertEquals(10L, n("2024/commune/00004", "households_total"));
        assertEquals("01", rows.get("2024/commune/00004").getAs("parent_code"));
        assertNull(rows.get("2024/national/VN").getAs("parent_code"));
        assertEquals("VN", rows.get("2024/province/01").getAs("parent_code"));
    }

    @Test
    void aCodeTheCrosswalkDoesNotKnowStaysWithItsNewProvinceUnallocated() {
        assertEquals(5L, n("2024/commune/" + Restatement.UNALLOCATED, "poor_households"));
        assertEquals("08", rows.get("2024/commune/" + Restatement.UNALLOCATED).getAs("parent_code"));
        assertEquals(5L, n("2024/province/08", "poor_households"));
        // its only commune has no total: no denominator (null, never 0) and no rate
        assertNull(rows.get("2024/province/08").getAs("households_total"));
        assertNull(rows.get("2024/province/08").getAs("poor_rate_pct"));
        assertEquals(1, (int) rows.get("2024/province/08").getAs("communes_without_denominator"));
        assertEquals(0, (int) rows.get("2024/province/01").getAs("communes_without_denominator"));
    }

    @Test
    void aYearInThe2025BoundariesIsCarriedAsItIs() {
        Row r = rows.get("2026/commune/00004");
        assertEquals(3L, n("2026/commune/00004", "poor_households"));
        assertEquals(new BigDecimal("1.0000"), r.getAs("poor_rate_pct"));
        assertEquals("same_boundaries", r.getAs("restatement"));
        assertEquals(new BigDecimal("1.0000"), r.getAs("completeness"));
        assertEquals(false, r.getAs("incomplete"));
        assertEquals(0, (int) r.getAs("split_communes"));
        // 2024: communes 00097, 00008, 00025, 00004 and the unallocated row, provinces 01 and 08, the nation;
        // 2026: 00004, 01, VN
        assertEquals(5 + 2 + 1 + 3, rows.size(), rows.keySet().toString());
        assertTrue(rows.values().stream().allMatch(x -> Boolean.TRUE.equals(x.getAs("official"))));
    }
}
