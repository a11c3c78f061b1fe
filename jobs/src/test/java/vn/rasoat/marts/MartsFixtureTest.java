package vn.rasoat.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.SparkTestBase;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One commune (Kiên Giang 30730), 20 households, review years 2021–2023, with every movement type, in the fixture
 * files {@code src/test/resources/fixtures/commune-30730/*.csv} (household-runs, start lists, commune totals,
 * hamlets). The expected figures below were worked out by hand from the table in the comments; members of
 * Hn = 1 + n mod 5, as the files say.
 *
 * <pre>
 *        2021 end   2022 start  2022 end       2023 start     2023 end
 * H01    poor       poor        poor           poor           poor
 * H02    poor       poor        near           near           poor
 * H03    poor       poor        not_poor       -              poor (re-poor)
 * H04    poor       poor        poor           poor           near
 * H05    poor       poor/moved  -              -              -
 * H06    near       near        poor           poor           middle
 * H07    near       near        near           near           not_poor
 * H08    near       near        not_poor       -              near (re-near-poor)
 * H09    near       near/died   -              -              -
 * H10    not_poor   -           poor (new)     poor           poor
 * H11    poor       poor        near           near           near
 * H12    near       near        near           near/merged    -
 * H13    -          -           poor (origin new) poor/split  -
 * H14    -          -           poor (moved in) poor          poor
 * H15    -          -           -              -              poor (split from H13)
 * H16    -          -           -              -              near (new)
 * H17    -          -           -              -              poor (regular run 2023-03, then annual)
 * H18    -          -           -              -              not_poor (applicant)
 * H19    -          -           near (new)     near           - (vanished, no reason)
 * H20    -          -           -              -              near (moved in)
 * H21    -          -           not_scored     poor/moved     -
 * </pre>
 * H21's 2022 forms are held (status not_scored; the commune recorded it poor): it is counted in
 * not_scored_households and in the upper bounds of 2022, never as not poor; the 2023 start list carries it, so the
 * year boundary 2022 → 2023 names it (listed_not_classified_last_year).
 */
class MartsFixtureTest extends SparkTestBase {
    private static final List<String> CODES = List.of("employment", "dependants", "nutrition", "health_insurance",
            "adult_education", "child_schooling", "housing_quality", "housing_area", "water", "latrine", "telecom",
            "information_means", "health_care_access", "waste_treatment");

    @TempDir
    static Path tmp;
    static String wh;

    static int members(String hh) {
        return 1 + Integer.parseInt(hh.substring(1)) % 5;
    }

    static Object[] scored(int year, String run, String runType, String date, String hh, String status, String origin,
                           String parent, int deprived, String ethnicity) {
        List<Object> v = new ArrayList<>(List.of(hh, year, run, runType, Date.valueOf(date), "2022_2025", "2022_2025-r1",
                "91", "899", "30730", "T01", "DBSCL", members(hh), false, ethnicity, false, false, false, status, origin));
        v.add(parent);
        v.add(deprived);
        for (int i = 0; i < CODES.size(); i++) {
            v.add(i < 12 ? (Object) (i < deprived) : null);
        }
        v.add("fixture-v1");
        v.add(null);   // score_a: not needed by these marts
        v.add(false);  // any_mismatch
        v.add(status.equals("not_scored") ? "poor" : null); // recorded_status
        return v.toArray();
    }

    static StructType scoredSchema() {
        StructType s = new StructType().add("household_id", "string").add("review_year", "int").add("run_id", "string")
                .add("run_type", "string").add("run_date", "date").add("standard", "string")
                .add("rulebook_version", "string").add("province_code", "string").add("district_code", "string")
                .add("commune_code", "string").add("hamlet_code", "string").add("region_key", "string")
                .add("members", "int").add("urban", "boolean").add("head_ethnicity", "string")
                .add("no_working_capacity", "boolean").add("meritorious_person", "boolean").add("female_head", "boolean")
                .add("status", "string").add("origin", "string").add("parent_household_id", "string")
                .add("deprived_count", "int");
        for (String c : CODES) {
            s = s.add("dep_" + c, "boolean");
        }
        return s.add("input_version", "string").add("score_a", "int").add("any_mismatch", "boolean")
                .add("recorded_status", "string");
    }

    /** A fixture file under {@code src/test/resources/fixtures/<folder>/}: its rows, each a map of header to text. */
    static List<Map<String, String>> fixture(String folder, String file) {
        return csvResource("/fixtures/" + folder + "/" + file);
    }

    /**
     * The scored household-runs of a fixture file ({@code household_runs.csv}: one row per household and run, with
     * its status, origin, parent, members, number of deprivations and the head's ethnic group), as the scoring job's
     * table: a household deprived in n indicators is deprived in the first n of the twelve; the rest is constant.
     */
    static List<Object[]> householdRuns(String folder) {
        List<Object[]> rows = new ArrayList<>();
        for (Map<String, String> r : fixture(folder, "household_runs.csv")) {
            Object[] v = scored(Integer.parseInt(r.get("review_year")), r.get("run_id"), r.get("run_type"), r.get("run_date"),
                    r.get("household_id"), r.get("status"), r.get("origin"),
                    r.get("parent_household_id").isEmpty() ? null : r.get("parent_household_id"),
                    Integer.parseInt(r.get("deprived_count")), r.get("head_ethnicity"));
            v[5] = r.get("standard");
            v[6] = r.get("rulebook_version");
            v[12] = Integer.parseInt(r.get("members"));
            rows.add(v);
        }
        return rows;
    }

    /** The start-of-year lists of a fixture file ({@code start_list.csv}) of commune 30730, as the staged table. */
    static Dataset<Row> startList(String folder, boolean withInputVersion) {
        List<Row> start = new ArrayList<>();
        for (Map<String, String> r : fixture(folder, "start_list.csv")) {
            List<Object> v = new ArrayList<>(List.of(Integer.parseInt(r.get("review_year")), "91", "30730",
                    r.get("household_id"), r.get("status"), Integer.parseInt(r.get("members"))));
            v.add(r.get("change_reason").isEmpty() ? null : r.get("change_reason"));
            if (withInputVersion) {
                v.add("fixture-v1");
            }
            start.add(RowFactory.create(v.toArray()));
        }
        StructType schema = new StructType().add("review_year", "int").add("province_code", "string")
                .add("commune_code", "string").add("household_id", "string").add("status", "string")
                .add("members", "int").add("change_reason", "string");
        return spark().createDataFrame(start, withInputVersion ? schema.add("input_version", "string") : schema);
    }

    /** The scored columns these marts do not read, as nulls, so the fact table has every column of its contract. */
    static Dataset<Row> withAllScoredColumns(Dataset<Row> df) {
        List<String> have = List.of(df.columns());
        for (var c : vn.rasoat.contracts.MartContract.load(schemas(), "fct_household_status").columns()) {
            if (!have.contains(c.name()) && !List.of("household_key", "parent_household_key", "official").contains(c.name())) {
                df = df.withColumn(c.name(), org.apache.spark.sql.functions.lit(null).cast(c.type()));
            }
        }
        return df;
    }

    @BeforeAll
    static void buildMarts() {
        wh = tmp.resolve("wh").toString();
        // the hand-made commune: src/test/resources/fixtures/commune-30730 (the table above, as files)
        String folder = "commune-30730";
        withAllScoredColumns(spark().createDataFrame(householdRuns(folder).stream().map(RowFactory::create).toList(),
                scoredSchema())).write().partitionBy("review_year").parquet(wh + "/intermediate/int_household_scored");
        startList(folder, true).write().partitionBy("review_year").parquet(wh + "/staging/stg_start_list");
        List<Row> totals = new ArrayList<>();
        for (Map<String, String> r : fixture(folder, "commune_totals.csv")) {
            totals.add(RowFactory.create(Integer.parseInt(r.get("reference_year")), r.get("province_code"),
                    r.get("district_code"), r.get("commune_code"), Long.parseLong(r.get("households_total")),
                    Long.parseLong(r.get("population_total")), r.get("source")));
        }
        spark().createDataFrame(totals, new StructType().add("reference_year", "int").add("province_code", "string")
                        .add("district_code", "string").add("commune_code", "string").add("households_total", "long")
                        .add("population_total", "long").add("source", "string"))
                .write().partitionBy("reference_year").parquet(wh + "/staging/stg_commune_totals");
        List<Row> hamlets = new ArrayList<>();
        for (Map<String, String> r : fixture(folder, "hamlets.csv")) {
            hamlets.add(RowFactory.create(Integer.parseInt(r.get("reference_year")), r.get("province_code"),
                    r.get("commune_code"), r.get("hamlet_code"), r.get("hamlet_name"), "fixture"));
        }
        spark().createDataFrame(hamlets, new StructType().add("reference_year", "int").add("province_code", "string")
                        .add("commune_code", "string").add("hamlet_code", "string").add("hamlet_name", "string")
                        .add("input_version", "string"))
                .write().partitionBy("reference_year").parquet(wh + "/staging/stg_hamlets");
        // the hand-computed values below are checked against the large-input path (adaptive execution, generated
        // code; the other tests run small), the re-run test against the small one
        asLargeInput(() -> MartsJob.run(spark(), schemas(), wh,
                new MartsJob.Options(List.of(), List.of(LocalDate.of(2023, 6, 30)), null, false)));
    }

    static Dataset<Row> mart(String name) {
        return MartsJob.read(spark(), wh, name);
    }

    static Map<String, long[]> movements(int year, String group) {
        Map<String, long[]> out = new TreeMap<>();
        mart("mart_transitions").where(col("review_year").equalTo(year).and(col("group").equalTo(group))
                        .and(col("level").equalTo("commune")))
                .collectAsList().forEach(r -> out.put(r.getAs("movement"),
                        new long[]{r.<Long>getAs("households"), r.<Long>getAs("people")}));
        return out;
    }

    static Map<String, long[]> m(Object... kv) {
        Map<String, long[]> out = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], (long[]) kv[i + 1]);
        }
        return out;
    }

    static void assertMovements(Map<String, long[]> expected, Map<String, long[]> actual) {
        Map<String, String> e = new TreeMap<>();
        Map<String, String> a = new TreeMap<>();
        expected.forEach((k, v) -> e.put(k, v[0] + " hh / " + v[1] + " people"));
        actual.forEach((k, v) -> a.put(k, v[0] + " hh / " + v[1] + " people"));
        assertEquals(e, a);
    }

    @Test
    void transitionsPoor2022() {
        assertMovements(m("start", new long[]{6, 17}, "poor_to_near_poor", new long[]{2, 5},
                "exit_above_near_poverty_line", new long[]{1, 4}, "other_decrease_moved", new long[]{1, 1},
                "near_poor_to_poor_in", new long[]{1, 2}, "newly_poor", new long[]{2, 5},
                "other_increase_moved_in", new long[]{1, 5}, "members_change_of_stayers", new long[]{0, 0},
                "end_previous_year", new long[]{6, 17},
                "end", new long[]{6, 19}), movements(2022, "poor"));
    }

    @Test
    void transitionsNearPoor2022() {
        assertMovements(m("start", new long[]{5, 17}, "near_poor_to_poor", new long[]{1, 2},
                "exit_near_poverty", new long[]{1, 4}, "other_decrease_died_out", new long[]{1, 5},
                "poor_to_near_poor_in", new long[]{2, 5}, "newly_near_poor", new long[]{1, 5},
                "members_change_of_stayers", new long[]{0, 0}, "end_previous_year", new long[]{5, 17},
                "end", new long[]{5, 16}), movements(2022, "near_poor"));
    }

    @Test
    void transitionsPoor2023() {
        assertMovements(m("start", new long[]{7, 21}, "poor_to_near_poor", new long[]{1, 5},
                "exit_above_near_poverty_line", new long[]{1, 2}, "other_decrease_split", new long[]{1, 4},
                "other_decrease_moved", new long[]{1, 2},
                "end_previous_year", new long[]{6, 19}, "listed_not_classified_last_year", new long[]{1, 2},
                "near_poor_to_poor_in", new long[]{1, 3}, "re_poor", new long[]{1, 4},
                "other_increase_split", new long[]{1, 1}, "newly_poor", new long[]{1, 3},
                "members_change_of_stayers", new long[]{0, 0}, "end", new long[]{7, 19}), movements(2023, "poor"));
    }

    @Test
    void transitionsNearPoor2023() {
        assertMovements(m("start", new long[]{5, 16}, "near_poor_to_poor", new long[]{1, 3},
                "exit_near_poverty", new long[]{1, 3}, "other_decrease_merged", new long[]{1, 3},
                "other_decrease_unrecorded", new long[]{1, 5}, "poor_to_near_poor_in", new long[]{1, 5},
                "re_near_poor", new long[]{1, 4}, "newly_near_poor", new long[]{1, 2},
                "other_increase_moved_in", new long[]{1, 1}, "members_change_of_stayers", new long[]{0, 0},
                "end_previous_year", new long[]{5, 16}, "end", new long[]{5, 14}), movements(2023, "near_poor"));
    }

    @Test
    void transitionMatrix2023() {
        Map<String, String> got = new TreeMap<>();
        mart("mart_transition_matrix").where(col("review_year").equalTo(2023).and(col("level").equalTo("commune")))
                .collectAsList().forEach(r -> got.put(r.getAs("from_status") + "→" + r.getAs("to_status"),
                        r.getAs("households") + " " + r.<BigDecimal>getAs("row_share").stripTrailingZeros().toPlainString()));
        Map<String, String> want = new TreeMap<>(Map.ofEntries(
                Map.entry("poor→poor", "3 0.428571"), Map.entry("poor→near_poor", "1 0.142857"),
                Map.entry("poor→middle", "1 0.142857"), Map.entry("poor→split", "1 0.142857"),
                Map.entry("poor→moved", "1 0.142857"),
                Map.entry("near_poor→poor", "1 0.2"), Map.entry("near_poor→near_poor", "1 0.2"),
                Map.entry("near_poor→not_poor", "1 0.2"), Map.entry("near_poor→merged", "1 0.2"),
                Map.entry("near_poor→left_unrecorded", "1 0.2"),
                Map.entry("not_listed→poor", "3 0.428571"), Map.entry("not_listed→near_poor", "3 0.428571"),
                Map.entry("not_listed→not_poor", "1 0.142857")));
        assertEquals(want, got);
    }

    @Test
    void spells2023() {
        Map<String, Long> got = new TreeMap<>();
        mart("mart_spells").where(col("review_year").equalTo(2023).and(col("level").equalTo("commune")))
                .collectAsList().forEach(r -> got.put(r.getAs("metric") + "=" + r.getAs("value"), r.getAs("households")));
        assertEquals(new TreeMap<>(Map.of("years_poor=0", 5L, "years_poor=1", 4L, "years_poor=2", 5L, "years_poor=3", 1L,
                "current_spell=0", 8L, "current_spell=1", 4L, "current_spell=2", 2L, "current_spell=3", 1L)), got);
        assertEquals(3, mart("mart_spells").where(col("review_year").equalTo(2023)).first().<Integer>getAs("years_observed"));
    }

    private static Row rates(String snapshot, String level) {
        return mart("mart_rates").where(col("snapshot").equalTo(snapshot).and(col("level").equalTo(level))
                .and(col("breakdown").equalTo("all"))).first();
    }

    @Test
    void ratesAtTheEndOfEachAnnualReview() {
        Row r21 = rates("annual_2021-annual", "commune");
        assertEquals(6L, (long) r21.getAs("poor_households"));
        assertEquals(5L, (long) r21.getAs("near_poor_households"));
        assertEquals(17L, (long) r21.getAs("poor_people"));
        assertEquals(new BigDecimal("6.0000"), r21.getAs("poor_rate_pct"));
        assertEquals(new BigDecimal("4.8571"), r21.getAs("poor_people_rate_pct"));
        Row r22 = rates("annual_2022-annual", "commune");
        assertEquals(new BigDecimal("6.0000"), r22.getAs("poor_rate_pct"));
        assertEquals(2021, (int) r22.getAs("denominator_year_min"), "2022 has no total of its own: the 2021 figure");
        Row r23 = rates("annual_2023-annual", "national");
        assertEquals(7L, (long) r23.getAs("poor_households"));
        assertEquals(1L, (long) r23.getAs("middle_households"));
        assertEquals(104L, (long) r23.getAs("households_total"));
        assertEquals(new BigDecimal("6.7308"), r23.getAs("poor_rate_pct"));
        assertEquals(new BigDecimal("4.8077"), r23.getAs("near_poor_rate_pct"));
        assertEquals(new BigDecimal("0.9615"), r23.getAs("middle_rate_pct"));
        assertEquals("2022_2025-r1", r23.getAs("rulebook_version"));
        assertEquals("fixture-v1", r23.getAs("input_version"));
        Row minority = mart("mart_rates").where(col("snapshot").equalTo("annual_2023-annual").and(col("level").equalTo("commune"))
                .and(col("breakdown").equalTo("ethnic_minority")).and(col("breakdown_value").equalTo("yes"))).first();
        assertEquals(2L, (long) minority.getAs("poor_households"));
        org.junit.jupiter.api.Assertions.assertNull(minority.getAs("poor_rate_pct"), "no denominator for a subgroup of households");
    }

    /** H21 (2022, forms held, recorded poor): counted apart, in the upper bound only; 13 of 14 classified. */
    @Test
    void notScoredHouseholdsAreCountedApartWithBoundsAndCompleteness() {
        Row r22 = rates("annual_2022-annual", "commune");
        assertEquals(13L, (long) r22.getAs("reviewed_households"), "H21 is not a reviewed (classified) household");
        assertEquals(1L, (long) r22.getAs("not_scored_households"));
        assertEquals(1L, (long) r22.getAs("not_scored_recorded_poor"));
        assertEquals(0L, (long) r22.getAs("not_scored_recorded_near_poor"));
        assertEquals(6L, (long) r22.getAs("poor_households"), "never counted as poor either");
        assertEquals(new BigDecimal("0.9285"), r22.getAs("completeness"), "13/14 = 0.928571…, truncated");
        assertTrue(r22.<Boolean>getAs("incomplete"), "under the 0.99 threshold of schemas/marts/settings.json");
        assertEquals(new BigDecimal("6.0000"), r22.getAs("poor_rate_low"));
        assertEquals(new BigDecimal("7.0000"), r22.getAs("poor_rate_high"), "(6 + 1) / 100");
        assertEquals(new BigDecimal("5.0000"), r22.getAs("near_poor_rate_low"));
        assertEquals(new BigDecimal("5.0000"), r22.getAs("near_poor_rate_high"));
        Row n22 = rates("annual_2022-annual", "national");
        assertEquals(1L, (long) n22.getAs("not_scored_households"));
        assertTrue(n22.<Boolean>getAs("incomplete"));
        Row r23 = rates("annual_2023-annual", "commune");
        assertEquals(0L, (long) r23.getAs("not_scored_households"));
        assertEquals(new BigDecimal("1.0000"), r23.getAs("completeness"));
        assertFalse(r23.<Boolean>getAs("incomplete"));
        assertEquals(r23.<BigDecimal>getAs("poor_rate_pct"), r23.getAs("poor_rate_high"));
        Row yoy = mart("mart_yoy").where("level = 'commune' AND breakdown = 'all' AND base_year = 2022 AND review_year = 2023")
                .first();
        assertTrue(yoy.<Boolean>getAs("base_incomplete"));
        assertFalse(yoy.<Boolean>getAs("target_incomplete"));
        assertTrue(yoy.<Boolean>getAs("incomplete"));
        assertEquals(1L, (long) yoy.getAs("base_not_scored_households"));
        // not poor nowhere: H21 is in no deprivation or AF denominator of 2022, and a matrix row of its own
        assertEquals(13L, (long) mart("mart_deprivation_af").where(col("review_year").equalTo(2022)
                .and(col("level").equalTo("commune")).and(col("breakdown").equalTo("all")).and(col("k").equalTo(1)))
                .first().getAs("households"));
        assertEquals(1L, (long) mart("mart_transition_matrix").where(col("review_year").equalTo(2022)
                .and(col("level").equalTo("commune")).and(col("to_status").equalTo("not_scored"))).first().getAs("households"));
    }

    @Test
    void ratesAtAMonthEndCountTheMonthlyRegularReviews() {
        Row r = rates("month_end_2023-06-30", "commune");
        // start list: poor H01 H04 H06 H10 H13 H14 H21, near-poor H02 H07 H11 H12 H19; H13 (split), H12 (merged) and
        // H21 (moved) left during the year and count until the annual review of 14 December; H17 poor from the
        // regular run of March
        assertEquals(8L, (long) r.getAs("poor_households"));
        assertEquals(5L, (long) r.getAs("near_poor_households"));
        assertEquals(new BigDecimal("7.6923"), r.getAs("poor_rate_pct"));
        assertEquals(Boolean.FALSE, r.getAs("official"));
        assertEquals(Date.valueOf("2023-06-30"), r.getAs("as_of_date"));
    }

    @Test
    void deprivationSharesAndAlkireFoster2023() {
        Dataset<Row> shares = mart("mart_deprivation").where(col("review_year").equalTo(2023).and(col("level").equalTo("commune")));
        Row hi = shares.where(col("status_group").equalTo("poor").and(col("indicator").equalTo("health_insurance"))).first();
        assertEquals(7L, (long) hi.getAs("households"));
        assertEquals(4L, (long) hi.getAs("deprived_households"));
        assertEquals(new BigDecimal("57.1429"), hi.getAs("deprived_share_pct"));
        Row dep = shares.where(col("status_group").equalTo("near_poor").and(col("indicator").equalTo("dependants"))).first();
        assertEquals(new BigDecimal("60.0000"), dep.getAs("deprived_share_pct"));
        assertEquals(0, shares.where(col("indicator").equalTo("waste_treatment")).count());

        Row af = mart("mart_deprivation_af").where(col("review_year").equalTo(2023).and(col("level").equalTo("commune"))
                .and(col("breakdown").equalTo("all")).and(col("k").equalTo(3))).first();
        assertEquals(15L, (long) af.getAs("households"));
        assertEquals(7L, (long) af.getAs("poor_households"));
        assertEquals(new BigDecimal("0.46666667"), af.getAs("h"));
        assertEquals(new BigDecimal("0.33333333"), af.getAs("a"));
        assertEquals(new BigDecimal("0.15555556"), af.getAs("m0"));
        assertTrue(af.<Boolean>getAs("headline"));
        Row minority = mart("mart_deprivation_af").where(col("review_year").equalTo(2023).and(col("level").equalTo("commune"))
                .and(col("breakdown").equalTo("ethnic_minority")).and(col("breakdown_value").equalTo("yes")).and(col("k").equalTo(3))).first();
        assertEquals(new BigDecimal("0.45833333"), minority.getAs("m0"));
        assertEquals(new BigDecimal("0.13333333"), minority.getAs("population_share"));

        Dataset<Row> ind = mart("mart_deprivation_af_indicator").where(col("review_year").equalTo(2023)
                .and(col("level").equalTo("commune")).and(col("breakdown").equalTo("all")).and(col("k").equalTo(3)));
        Row emp = ind.where(col("indicator").equalTo("employment")).first();
        assertEquals(new BigDecimal("0.80000000"), emp.getAs("uncensored_headcount_ratio"));
        assertEquals(new BigDecimal("0.46666667"), emp.getAs("censored_headcount_ratio"));
        assertEquals(new BigDecimal("25.000000"), emp.getAs("contribution_pct"));
        assertEquals(new BigDecimal("14.285714"), ind.where(col("indicator").equalTo("health_insurance")).first()
                .getAs("contribution_pct"));
        assertEquals(12, ind.count(), "the 2022-2025 rulebook's twelve indicators, no others");
    }

    @Test
    void factTableIsPseudonymousOneRowPerHouseholdPerRun() {
        Dataset<Row> fct = mart("fct_household_status");
        assertEquals(12 + 14 + 15 + 1, fct.count());
        assertFalse(List.of(fct.columns()).contains("household_id"));
        assertFalse(List.of(fct.columns()).contains("parent_household_id"));
        assertEquals(21, fct.select("household_key").distinct().count());
        for (Row r : fct.select("household_key").collectAsList()) {
            assertTrue(r.getString(0).matches("[0-9a-f]{64}"));
        }
        String h13 = fct.where(col("review_year").equalTo(2022).and(col("origin").equalTo("new"))).first().getAs("household_key");
        String parentOfH15 = fct.where(col("origin").equalTo("split")).first().getAs("parent_household_key");
        assertEquals(h13, parentOfH15, "a split household points to its parent's pseudonym");
        assertEquals(1, fct.where(col("run_type").equalTo("regular")).count());
    }

    @Test
    void sparkAndJavaHmacAgree() {
        Pseudonyms p = new Pseudonyms("a test key that is long enough");
        String spark = spark().range(1).select(p.hmac(org.apache.spark.sql.functions.lit("30730-000001"))).first().getString(0);
        assertEquals(p.hmac("30730-000001"), spark);
        assertEquals(64, spark.length());
        assertTrue(!spark.equals(new Pseudonyms("another test key, long enough").hmac("30730-000001")));
    }

    private static java.util.Set<String> files(Path dir) throws java.io.IOException {
        try (var s = java.nio.file.Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).map(p -> dir.relativize(p).toString())
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    /** Publication: re-running replaces the partitions of the years rewritten and leaves the others alone. */
    @Test
    void rerunningReplacesOnlyTheYearsWritten() throws java.io.IOException {
        Path copy = tmp.resolve("rerun");
        try (var walk = java.nio.file.Files.walk(Path.of(wh))) {
            for (Path f : walk.toList()) {
                Path target = copy.resolve(Path.of(wh).relativize(f).toString());
                if (java.nio.file.Files.isDirectory(f)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(f, target);
                }
            }
        }
        Path rates21 = copy.resolve("marts/mart_rates/review_year=2021/snapshot=annual_2021-annual");
        Path rates23 = copy.resolve("marts/mart_rates/review_year=2023/snapshot=annual_2023-annual");
        var before21 = files(rates21);
        var before23 = files(rates23);
        // 2021 leaves the scored table: a re-run writes 2022 and 2023 only
        try (var walk = java.nio.file.Files.walk(copy.resolve("intermediate/int_household_scored/review_year=2021"))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        MartsJob.run(spark(), schemas(), copy.toString(), MartsJob.Options.defaults());
        assertEquals(before21, files(rates21), "the 2021 partition was not touched");
        assertFalse(files(rates23).isEmpty());
        assertTrue(java.util.Collections.disjoint(before23, files(rates23)), "the 2023 partition was rewritten");
        assertFalse(java.nio.file.Files.exists(copy.resolve("marts/_staging")), "no staging leftovers");
        try (var s = java.nio.file.Files.list(rates23)) {
            assertEquals(1, s.count(), "only the published version of 2023 is kept");
        }
    }

    /** Year over year: the commune's 2021 → 2023 change by hand (6/100 = 6 %, 7/104 = 6.7308 %). */
    @Test
    void yearOverYearChangesByHand() {
        Row r = mart("mart_yoy").where("level = 'commune' AND unit_code = '30730' AND breakdown = 'all' "
                + "AND base_year = 2021 AND review_year = 2023").first();
        assertEquals(new java.math.BigDecimal("6.0000"), r.getAs("base_poor_rate_pct"));
        assertEquals(new java.math.BigDecimal("6.7308"), r.getAs("target_poor_rate_pct"));
        assertEquals(0, new java.math.BigDecimal("0.7308").compareTo(r.getAs("poor_rate_change_pp")));
        assertEquals(0, new java.math.BigDecimal("12.18").compareTo(r.getAs("poor_rate_change_rel_pct")));
        assertEquals(6L, (long) r.<Long>getAs("base_poor_households"));
        assertEquals(7L, (long) r.<Long>getAs("target_poor_households"));
        assertEquals(false, r.getAs("standard_changed"));
        assertEquals("2022_2025", r.getAs("target_standard"));
        // every ordered pair of the three years, for every unit
        assertEquals(3, mart("mart_yoy").where("level = 'commune' AND breakdown = 'all'").count());
    }

    /** Administrative units: validity dates from the unit lists; versions of a unit never overlap. */
    @Test
    void adminUnitsCarryValidityDatesWithoutOverlaps() {
        Dataset<Row> dim = mart("dim_admin_unit");
        Row first = dim.where("level = 'commune' AND unit_code = '30730'").orderBy("valid_from").first();
        assertEquals("Phường Vĩnh Thanh Vân", first.getAs("name"));
        assertEquals("899", first.getAs("parent_code"));
        assertEquals(java.sql.Date.valueOf("2021-11-01"), first.getAs("valid_from"));
        java.sql.Date to = first.getAs("valid_to");
        assertTrue(to != null && to.toLocalDate().isBefore(LocalDate.of(2025, 7, 1)), "ends before the 2025 reform: " + to);
        assertTrue(dim.where("level = 'commune' AND unit_code = '30730' AND valid_from = DATE'" + to.toLocalDate().plusDays(1) + "'")
                .count() <= 1, "the next version, if any, starts the day after");
        assertEquals("63_provinces", first.getAs("boundary"));
        Row hanoi = dim.where("level = 'province' AND unit_code = '01'").orderBy("valid_from").first();
        assertEquals("Thành phố Hà Nội", hanoi.getAs("name"));
        assertTrue(dim.where("boundary = '34_provinces' AND level = 'province'").count() == 34, "34 provinces from 2025-07-01");
        Dataset<Row> a = dim.select(col("level"), col("unit_code"), col("valid_from").as("f1"), col("valid_to").as("t1"));
        Dataset<Row> b = dim.select(col("level").as("l2"), col("unit_code").as("u2"), col("valid_from").as("f2"), col("valid_to").as("t2"));
        long overlaps = a.join(b, col("level").equalTo(col("l2")).and(col("unit_code").equalTo(col("u2")))
                        .and(col("f1").lt(col("f2"))).and(col("t1").isNull().or(col("t1").geq(col("f2")))))
                .count();
        assertEquals(0, overlaps, "a unit has one version at any date");
    }

    /** The hamlet list is published with the marts (the budget reads it there, never staging), a row per hamlet and year. */
    @Test
    void hamletsArePublishedWithTheMarts() {
        Dataset<Row> dim = mart("dim_hamlet");
        assertEquals(List.of("province_code", "commune_code", "hamlet_code", "hamlet_name", "input_version", "reference_year"),
                List.of(dim.columns()));
        assertEquals(2, dim.where("reference_year = 2023 AND commune_code = '30730'").count());
        assertEquals(1, dim.where("reference_year = 2021").count());
        assertEquals("Khu phố 2", dim.where("reference_year = 2023 AND hamlet_code = 'T02'").first().getAs("hamlet_name"));
    }

    /**
     * A mart whose contract names {@code sorted_by} is written in that order within each file (what lets a reader
     * skip row groups by their statistics): every file's rows, read in file order, never go down.
     */
    @Test
    void martsWithASortOrderAreWrittenInIt() throws Exception {
        int checked = 0;
        for (String mart : MartsJob.ALL_MARTS) {
            List<String> keys = vn.rasoat.contracts.MartContract.load(schemas(), mart).sortedBy();
            if (keys.isEmpty()) {
                continue;
            }
            List<Path> files;
            try (var walk = java.nio.file.Files.walk(Path.of(wh, "marts", mart))) {
                files = walk.filter(f -> f.toString().endsWith(".parquet")).toList();
            }
            for (Path f : files) {
                List<Row> rows = spark().read().parquet(f.toString())
                        .select(keys.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
                        .collectAsList();
                for (int i = 1; i < rows.size(); i++) {
                    assertTrue(compare(rows.get(i - 1), rows.get(i)) <= 0, mart + " " + f.getFileName() + " row " + i + ": "
                            + rows.get(i - 1) + " before " + rows.get(i) + " (sorted by " + keys + ")");
                }
                checked += rows.size() > 1 ? 1 : 0;
            }
        }
        assertTrue(checked >= 4, "files of several sorted marts had rows to compare: " + checked);
    }

    /** Spark's ascending order: nulls first, then the values' natural order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Row a, Row b) {
        for (int i = 0; i < a.length(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c = x == null ? (y == null ? 0 : -1) : y == null ? 1 : ((Comparable) x).compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
