package vn.rasoat.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.rasoat.SparkTestBase;
import vn.rasoat.reference.ReferenceData;
import vn.rasoat.rules.Rulebooks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Month-end lists from a warehouse's first year on, and one official annual snapshot a year (hand-made households,
 * hand-computed counts).
 *
 * <p>Commune 30730 (Rạch Giá, Kiên Giang). 2021 is the first year of data: no household has an earlier row.
 * Start list 2021: H01 poor, H02 poor, H03 near-poor, H04 near-poor, H05 poor (moved away during the year), H06
 * near-poor. Regular run of 15 March: H02 not poor, H07 (new) poor. Regular run of 15 August: H03 poor, H08 (new)
 * near-poor. Annual run of 14 December: H01 poor, H02 not poor, H03 poor, H04 near-poor, H06 near-poor, H07 poor,
 * H08 near-poor. 2022: start list H01 poor, H03 poor, H07 poor, H04 near-poor, H06 near-poor (died out), H08
 * near-poor; regular run of 15 February: H01 near-poor; annual run of 10 December.
 */
class SnapshotsTest extends SparkTestBase {
    static final Rulebooks RULEBOOKS = Rulebooks.load(schemas());

    static Object[] row(int year, String run, String type, String date, String hh, String status) {
        Object[] r = MartsFixtureTest.scored(year, run, type, date, hh, status, "continuing", null, 0, "01");
        r[5] = year == 2021 ? "2016_2020" : "2022_2025";
        r[6] = year == 2021 ? "2016_2020-r1" : "2022_2025-r1";
        return r;
    }

    static Dataset<Row> scored(List<Object[]> rows) {
        return spark().createDataFrame(rows.stream().map(RowFactory::create).toList(), MartsFixtureTest.scoredSchema());
    }

    /** The runs described above: {@code src/test/resources/fixtures/snapshots-30730/household_runs.csv}. */
    static Dataset<Row> panel() {
        return scored(MartsFixtureTest.householdRuns(FIXTURE));
    }

    /** The start lists of 2021 and 2022: {@code fixtures/snapshots-30730/start_list.csv}. */
    static Dataset<Row> startLists() {
        return MartsFixtureTest.startList(FIXTURE, false);
    }

    static final String FIXTURE = "snapshots-30730";

    static Map<String, String> statuses(Dataset<Row> snapshot) {
        Map<String, String> out = new TreeMap<>();
        snapshot.select("household_id", "status").collectAsList().forEach(r -> out.put(r.getString(0), r.getString(1)));
        return out;
    }

    static long count(Map<String, String> s, String status) {
        return s.values().stream().filter(status::equals).count();
    }

    static Dataset<Row> monthEnd(Dataset<Row> scored, String date) {
        Map<Integer, Snapshots.AnnualRun> official = Snapshots.officialRuns(scored, null, RULEBOOKS);
        Dataset<Row> area = MartsJob.communeArea(spark(), ReferenceData.load(schemas()), List.of(2021, 2022));
        return Snapshots.monthEnd(scored, startLists(), area, LocalDate.parse(date), official, RULEBOOKS);
    }

    @Test
    void monthEndsOfTheFirstYearStartFromTheStartList() {
        Dataset<Row> panel = panel();
        Map<String, String> june = statuses(monthEnd(panel, "2021-06-30"));
        // H05 left during the year but no run records when: it counts until the annual review of 14 December
        assertEquals(Map.of("H01", "poor", "H02", "not_poor", "H03", "near_poor", "H04", "near_poor", "H05", "poor",
                "H06", "near_poor", "H07", "poor"), june);
        assertEquals(3, count(june, "poor"));
        assertEquals(3, count(june, "near_poor"));
        Map<String, String> sept = statuses(monthEnd(panel, "2021-09-30"));
        assertEquals(4, count(sept, "poor"));      // H01, H03 (August), H05, H07
        assertEquals(3, count(sept, "near_poor")); // H04, H06, H08 (August)
        Map<String, String> nov = statuses(monthEnd(panel, "2021-11-30"));
        assertEquals("poor", nov.get("H05"), "a household that left counts until its departure is recorded");
        Map<String, String> dec = statuses(monthEnd(panel, "2021-12-31"));
        assertFalse(dec.containsKey("H05"), "after the annual review a household that left is out");
        assertEquals(3, count(dec, "poor"));       // H01, H03, H07
        assertEquals(3, count(dec, "near_poor"));  // H04, H06, H08
    }

    @Test
    void aHouseholdWithoutHistoryTakesItsUnitFromTheUnitListAndLeavesOtherAttributesUnknown() {
        Row h05 = monthEnd(panel(), "2021-06-30").where(col("household_id").equalTo("H05")).first();
        assertEquals("30730", h05.getAs("commune_code"));
        assertEquals("899", h05.getAs("district_code"));
        assertEquals("91", h05.getAs("province_code"));
        assertTrue(h05.getAs("region_key") != null);
        assertNull(h05.getAs("female_head"));
        assertNull(h05.getAs("head_ethnicity"));
        assertEquals(3, (int) h05.getAs("members"));
        assertEquals(Boolean.FALSE, h05.getAs(Snapshots.OFFICIAL));
        // the rates mart shows the missing attribute as "unknown", never as "no"
        Dataset<Row> snap = monthEnd(panel(), "2021-06-30").withColumn("ethnic_minority", col("head_ethnicity").equalTo("99"));
        Dataset<Row> counted = snap.withColumn("v", RatesMart.breakdownValue("female_head"));
        assertEquals(5L, counted.where(col("v").equalTo("unknown")).count()); // H01, H03, H04, H05, H06: start list only
        assertEquals(2L, counted.where(col("v").equalTo("no")).count());      // H02 and H07, scored in March
    }

    @Test
    void monthEndsOfALaterYear() {
        Dataset<Row> panel = panel();
        Map<String, String> jan = statuses(monthEnd(panel, "2022-01-31"));
        assertEquals(3, count(jan, "poor"));      // H01, H03, H07
        assertEquals(3, count(jan, "near_poor")); // H04, H06, H08
        Map<String, String> feb = statuses(monthEnd(panel, "2022-02-28"));
        assertEquals(2, count(feb, "poor"));      // H03, H07
        assertEquals(4, count(feb, "near_poor")); // H01 (February), H04, H06, H08
        Row h04 = monthEnd(panel, "2022-02-28").where(col("household_id").equalTo("H04")).first();
        assertEquals(Boolean.FALSE, h04.getAs("female_head"), "attributes from the household's latest earlier row");
        Map<String, String> dec = statuses(monthEnd(panel, "2022-12-31"));
        assertFalse(dec.containsKey("H06"));
        assertEquals(2, count(dec, "poor"));      // H03, H07
        assertEquals(2, count(dec, "near_poor")); // H01, H04 (H08 not poor)
    }

    /** Kiên Giang reviewed 2021 under both standards: two annual runs, one official. */
    static Dataset<Row> twoAnnualRuns() {
        List<Object[]> rows = new ArrayList<>();
        for (String[] a : new String[][]{{"H01", "poor"}, {"H02", "near_poor"}, {"H03", "not_poor"}}) {
            rows.add(row(2021, "2021-annual", "annual", "2021-12-14", a[0], a[1]));
            Object[] alt = row(2021, "2021-annual-2022", "annual", "2021-12-20", a[0], a[0].equals("H03") ? "poor" : a[1]);
            alt[5] = "2022_2025";
            alt[6] = "2022_2025-r1";
            rows.add(alt);
        }
        rows.add(row(2022, "2022-annual", "annual", "2022-12-10", "H01", "near_poor"));
        return scored(rows);
    }

    static Dataset<Row> reviewRuns(String... officialMarks) {
        List<Row> rows = new ArrayList<>();
        for (String run : List.of("2021-annual", "2021-annual-2022")) {
            Boolean mark = null;
            for (String m : officialMarks) {
                String[] kv = m.split("=");
                if (kv[0].equals(run)) {
                    mark = Boolean.parseBoolean(kv[1]);
                }
            }
            rows.add(RowFactory.create(run, 2021, "91", mark));
        }
        return spark().createDataFrame(rows, new StructType().add("run_id", "string").add("review_year", "int")
                .add("province_code", "string").add("official", "boolean"));
    }

    @Test
    void theOfficialRunIsTheCalendarsStandardUnlessReviewRunsMarksAnother() {
        Dataset<Row> s = twoAnnualRuns();
        assertEquals("2021-annual", Snapshots.officialRuns(s, null, RULEBOOKS).get(2021).runId());
        assertEquals("2021-annual", Snapshots.officialRuns(s, reviewRuns(), RULEBOOKS).get(2021).runId());
        assertEquals("2022-annual", Snapshots.officialRuns(s, null, RULEBOOKS).get(2022).runId());
        assertEquals("2021-annual-2022", Snapshots.officialRuns(s, reviewRuns("2021-annual-2022=true"), RULEBOOKS)
                .get(2021).runId());
        assertEquals("2021-annual-2022", Snapshots.officialRuns(s, reviewRuns("2021-annual=false"), RULEBOOKS)
                .get(2021).runId());
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> Snapshots.officialRuns(s,
                reviewRuns("2021-annual=true", "2021-annual-2022=true"), RULEBOOKS));
        assertTrue(two.getMessage().contains("2021-annual-2022"), two.getMessage());

        Dataset<Row> annual = Snapshots.annual(s, Snapshots.officialRuns(s, null, RULEBOOKS));
        assertEquals(3L, annual.where(col(Snapshots.OFFICIAL).and(col("review_year").equalTo(2021))).count());
        assertEquals(3L, annual.where(org.apache.spark.sql.functions.not(col(Snapshots.OFFICIAL))).count(), "the other standard's run stays, not official");
        assertEquals(List.of("annual_2021-annual"), annual.where(col(Snapshots.OFFICIAL).and(col("review_year").equalTo(2021)))
                .select(Snapshots.SNAPSHOT).distinct().collectAsList().stream().map(r -> r.getString(0)).toList());
    }
}
