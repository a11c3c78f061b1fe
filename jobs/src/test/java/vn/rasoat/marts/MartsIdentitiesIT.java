package vn.rasoat.marts;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.SparkTestBase;
import vn.rasoat.generate.GenerateJob;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.scoring.ScoringJob;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Identities that must hold on any data: generated Kiên Giang, three districts, 2021–2023, with 2 % dirt (so some
 * households have every form held, some a B1 or B2 held: not scored). */
class MartsIdentitiesIT extends SparkTestBase {
    @TempDir
    static Path tmp;
    static String wh;

    @BeforeAll
    static void pipeline() {
        String in = tmp.resolve("in").toString();
        wh = tmp.resolve("wh").toString();
        GenerateJob.run(spark(), schemas(), new GenerateJob.Options(List.of("91"), List.of("899", "906", "911"), null,
                2022, List.of(2021, 2022, 2023), 8, 0.06, 0.02, in, 2));
        IngestJob.run(spark(), schemas(), in, wh);
        ScoringJob.run(spark(), schemas(), wh);
        // small-input settings, as most tests here (SparkTestBase); the large-input path is run by the hand-computed
        // fixtures (MartsFixtureTest) and the cluster test
        MartsJob.run(spark(), schemas(), wh, new MartsJob.Options(List.of(new int[]{2021, 2023}),
                List.of(java.time.LocalDate.of(2021, 6, 30), java.time.LocalDate.of(2022, 6, 30)), null, false));
    }

    /**
     * The list in force at the end of June, counted independently of {@code Snapshots}: the start-of-year list, each
     * household overridden by its latest classified status in a regular run of the year dated on or before the
     * date; households that left during the year still count (their departure takes effect at the annual review).
     * In 2021, the first year of data, no household has an earlier row.
     */
    @Test
    void monthEndCountsEqualAnIndependentCountFromTheStartListAndTheRegularRuns() {
        for (int year : List.of(2021, 2022)) {
            String date = year + "-06-30";
            spark().read().parquet(wh + "/intermediate/" + ScoringJob.TABLE).createOrReplaceTempView("scored_" + year);
            spark().read().parquet(wh + "/staging/stg_start_list").createOrReplaceTempView("start_" + year);
            Row expected = spark().sql(("""
                    WITH runs AS (
                      SELECT household_id, province_code, status,
                             row_number() OVER (PARTITION BY household_id ORDER BY run_date DESC, run_id DESC) AS r
                      FROM scored_{year} WHERE review_year = {year} AND run_type = 'regular' AND run_date <= DATE '{date}'
                        AND status IN ('poor', 'near_poor', 'middle', 'not_poor')),
                    latest AS (SELECT * FROM runs WHERE r = 1),
                    listed AS (SELECT household_id, province_code, status FROM start_{year} WHERE review_year = {year}),
                    inforce AS (
                      SELECT coalesce(l.status, s.status) AS status
                      FROM listed s FULL OUTER JOIN latest l ON s.household_id = l.household_id)
                    SELECT count_if(status = 'poor') AS poor, count_if(status = 'near_poor') AS near_poor FROM inforce""")
                    .replace("{year}", String.valueOf(year)).replace("{date}", date)).first();
            Row mart = mart("mart_rates").where(col("snapshot").equalTo("month_end_" + date)
                    .and(col("level").equalTo("province")).and(col("breakdown").equalTo("all"))).first();
            long listed = spark().read().parquet(wh + "/staging/stg_start_list").where(col("review_year").equalTo(year)).count();
            assertTrue(expected.getLong(0) + expected.getLong(1) > listed / 2, "the June list is mostly the start list");
            assertEquals(expected.getLong(0), (long) mart.<Long>getAs("poor_households"), "poor at " + date);
            assertEquals(expected.getLong(1), (long) mart.<Long>getAs("near_poor_households"), "near-poor at " + date);
            assertEquals(Boolean.FALSE, mart.getAs("official"));
        }
    }

    static Dataset<Row> mart(String name) {
        return MartsJob.read(spark(), wh, name);
    }

    /** Children summed per parent equal the parent row, for every measure, level by level. */
    static void assertChildrenSumToParents(Dataset<Row> m, List<String> keys, List<String> measures, String child,
                                           String parent) {
        Column[] k = keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Dataset<Row> children = m.where(col("level").equalTo(child)).groupBy(
                        java.util.stream.Stream.concat(java.util.Arrays.stream(k), java.util.stream.Stream.of(col("parent_code").as("unit_code")))
                                .toArray(Column[]::new))
                .agg(sum(measures.get(0)).as(measures.get(0)),
                        measures.subList(1, measures.size()).stream().map(x -> sum(x).as(x)).toArray(Column[]::new));
        Dataset<Row> parents = m.where(col("level").equalTo(parent)).select(
                java.util.stream.Stream.concat(keys.stream(), java.util.stream.Stream.concat(java.util.stream.Stream.of("unit_code"),
                        measures.stream())).map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
        Dataset<Row> c = children.selectExpr(parents.columns());
        assertTrue(parents.count() > 0, "no " + parent + " rows");
        assertEquals(0, c.exceptAll(parents).count(), child + " rows do not sum to their " + parent);
        assertEquals(0, parents.exceptAll(c).count(), parent + " rows without matching " + child + " sums");
    }

    @Test
    void ratesCommunesSumToDistrictsAndDistrictsToProvinces() {
        Dataset<Row> m = mart("mart_rates");
        List<String> keys = List.of("review_year", "snapshot", "breakdown", "breakdown_value");
        List<String> measures = List.of("poor_households", "near_poor_households", "middle_households", "poor_people",
                "near_poor_people", "reviewed_households");
        assertChildrenSumToParents(m, keys, measures, "commune", "district");
        assertChildrenSumToParents(m, keys, measures, "district", "province");
        assertChildrenSumToParents(m.where(col("breakdown").equalTo("all")), keys,
                List.of("households_total", "population_total"), "commune", "district");
        // every rate above the commune is the ratio of the sums
        Row p = m.where(col("level").equalTo("province").and(col("breakdown").equalTo("all"))
                .and(col("review_year").equalTo(2022))).first();
        double expected = 100.0 * p.<Long>getAs("poor_households") / p.<Long>getAs("households_total");
        assertEquals(expected, p.<java.math.BigDecimal>getAs("poor_rate_pct").doubleValue(), 0.00005);
    }

    @Test
    void transitionsBalanceForEveryUnitAndSumUp() {
        Dataset<Row> t = mart("mart_transitions");
        Dataset<Row> balance = t.groupBy("review_year", "base_year", "group", "level", "unit_code").agg(
                sum(when(col("movement").equalTo("start"), col("households")).otherwise(0)).as("start"),
                sum(when(col("movement").equalTo("end"), col("households")).otherwise(0)).as("end"),
                sum(when(col("direction").equalTo("decrease"), col("households")).otherwise(0)).as("dec"),
                sum(when(col("direction").equalTo("increase"), col("households")).otherwise(0)).as("inc"),
                sum(when(col("movement").equalTo("start"), col("people")).otherwise(0)).as("start_p"),
                sum(when(col("movement").equalTo("end"), col("people")).otherwise(0)).as("end_p"),
                sum(when(col("direction").equalTo("decrease"), col("people")).otherwise(0)).as("dec_p"),
                sum(when(col("direction").equalTo("increase"), col("people")).otherwise(0)).as("inc_p"));
        assertTrue(balance.count() > 50);
        assertEquals(0, balance.where(col("end").notEqual(col("start").minus(col("dec")).plus(col("inc")))).count(),
                "end = start - decreases + increases (households)");
        assertEquals(0, balance.where(col("end_p").notEqual(col("start_p").minus(col("dec_p")).plus(col("inc_p")))).count(),
                "end = start - decreases + increases (people)");
        assertTrue(t.where(col("base_year").equalTo(2021).and(col("review_year").equalTo(2023))).count() > 0,
                "the asked-for 2021→2023 pair is there");
        assertChildrenSumToParents(t, List.of("review_year", "base_year", "group", "movement", "direction"),
                List.of("households", "people"), "commune", "district");
        assertChildrenSumToParents(t, List.of("review_year", "base_year", "group", "movement", "direction"),
                List.of("households", "people"), "district", "province");
        // the end of one year is what the rates mart counts at that year's end
        long endPoor = t.where(col("level").equalTo("province").and(col("group").equalTo("poor"))
                .and(col("movement").equalTo("end")).and(col("review_year").equalTo(2023)).and(col("base_year").equalTo(2022)))
                .first().getAs("households");
        long ratesPoor = mart("mart_rates").where(col("level").equalTo("province").and(col("breakdown").equalTo("all"))
                .and(col("snapshot").equalTo("annual_2023-annual"))).first().getAs("poor_households");
        assertEquals(ratesPoor, endPoor);
    }

    /**
     * The report topics: communes sum to districts and districts to provinces; the households of a status group are
     * the rates mart's at every unit; a topic's answered households are at most its households; and a commune's
     * counts equal an independent count from the household fact table (the generated data has every field).
     */
    @Test
    void reportTopicsSumUpAndMatchTheRatesAndTheHouseholds() {
        Dataset<Row> m = mart("mart_report_topics");
        List<String> keys = List.of("review_year", "snapshot", "status_group", "topic", "category", "counts");
        List<String> measures = List.of("value", "households_with");
        // an ethnic group's households are its status group's (set after the roll-up), so they do not add up
        for (String[] levels : new String[][]{{"commune", "district"}, {"district", "province"}}) {
            assertChildrenSumToParents(m.where(col("topic").notEqual("ethnic_group")), keys,
                    List.of("households", "households_collected", "value", "households_with"), levels[0], levels[1]);
            assertChildrenSumToParents(m.where(col("topic").equalTo("ethnic_group")), keys, measures, levels[0], levels[1]);
        }
        assertEquals(0, m.where(col("households_collected").gt(col("households"))).count(), "collected ≤ households");
        // an ethnic group's households are its status group's at every level (the denominator of its share)
        Dataset<Row> groupTotals = m.where(col("topic").equalTo("cause").and(col("category").equalTo("land")))
                .select(col("snapshot").as("_s"), col("status_group").as("_g"), col("level").as("_l"),
                        col("unit_code").as("_u"), col("households").as("_h"));
        Dataset<Row> ethnic = m.where(col("topic").equalTo("ethnic_group"));
        assertTrue(ethnic.where(col("level").equalTo("province")).count() > 5, "ethnic rows at province level");
        assertEquals(0, ethnic.join(groupTotals, col("snapshot").equalTo(col("_s")).and(col("status_group").equalTo(col("_g")))
                        .and(col("level").equalTo(col("_l"))).and(col("unit_code").equalTo(col("_u"))), "left")
                .where(col("_h").isNull().or(col("households").notEqual(col("_h")))).count(),
                "every ethnic row's households is its status group's in the unit");
        Dataset<Row> rates = mart("mart_rates").where(col("breakdown").equalTo("all").and(col("snapshot").startsWith("annual_")));
        for (String[] g : new String[][]{{"poor", "poor_households"}, {"near_poor", "near_poor_households"},
                {"middle", "middle_households"}}) {
            Dataset<Row> topics = m.where(col("status_group").equalTo(g[0]).and(col("topic").equalTo("cause"))
                            .and(col("category").equalTo("land")).and(col("level").isin("district", "province", "national")))
                    .select("review_year", "snapshot", "level", "unit_code", "households");
            Dataset<Row> r = rates.where(col("level").isin("district", "province", "national"))
                    .select(col("review_year"), col("snapshot"), col("level"), col("unit_code"), col(g[1]).as("households"))
                    .where(col("households").gt(0));
            assertTrue(r.count() > 5, g[0] + " units in the rates");
            assertEquals(0, r.exceptAll(topics).count(), g[0] + ": households of the rates mart missing from the topics");
        }
        // an independent count for 2023: poor households citing lack of capital, and their malnourished children
        Dataset<Row> fct = mart("fct_household_status").where(col("review_year").equalTo(2023).and(col("official"))
                .and(col("status").equalTo("poor")));
        Row byFct = fct.agg(sum(when(org.apache.spark.sql.functions.array_contains(col("poverty_causes"), "capital"), 1).otherwise(0)),
                sum(org.apache.spark.sql.functions.coalesce(col("children_malnourished"), org.apache.spark.sql.functions.lit(0)))).first();
        Row capital = m.where(col("level").equalTo("national").and(col("snapshot").equalTo("annual_2023-annual"))
                .and(col("status_group").equalTo("poor")).and(col("topic").equalTo("cause")).and(col("category").equalTo("capital"))).first();
        Row kids = m.where(col("level").equalTo("national").and(col("snapshot").equalTo("annual_2023-annual"))
                .and(col("status_group").equalTo("poor")).and(col("topic").equalTo("children")).and(col("category").equalTo("malnourished"))).first();
        assertTrue(byFct.getLong(0) > 0, "poor households citing capital in the generated data");
        assertEquals(byFct.getLong(0), (long) capital.<Long>getAs("value"));
        assertEquals(byFct.getLong(1), (long) kids.<Long>getAs("value"));
    }

    /** No null unit or parent code (but the nation's parent), and a unit has one parent at its level, in every mart. */
    @Test
    void noMartHasANullUnitOrAUnitTwiceAtALevel() {
        for (String name : MartsJob.MARTS) {
            Dataset<Row> m = mart(name);
            if (!List.of(m.columns()).contains("level") || !List.of(m.columns()).contains("parent_code") || name.startsWith("dim_")) {
                continue;
            }
            assertEquals(0, m.where(col("unit_code").isNull()).count(), name + ": a row without a unit code");
            assertEquals(0, m.where(col("parent_code").isNull().and(col("level").notEqual("national"))).count(),
                    name + ": a row without a parent code");
            assertEquals(0, m.groupBy("level", "unit_code").agg(org.apache.spark.sql.functions.countDistinct("parent_code").as("n"))
                    .where(col("n").gt(1)).count(), name + ": a unit with two parents");
        }
    }

    /** end(t) + listed-but-not-classified + listed-with-another-status − classified-not-listed = start(t+1), every unit. */
    @Test
    void theYearBoundaryClosesThroughNamedLines() {
        Dataset<Row> t = mart("mart_transitions");
        Dataset<Row> b = t.groupBy("review_year", "base_year", "group", "level", "unit_code").agg(
                sum(when(col("movement").equalTo("start"), col("households")).otherwise(0)).as("start"),
                sum(when(col("movement").equalTo("end_previous_year"), col("households")).otherwise(0)).as("prev"),
                sum(when(col("direction").equalTo("boundary_increase"), col("households")).otherwise(0)).as("inc"),
                sum(when(col("direction").equalTo("boundary_decrease"), col("households")).otherwise(0)).as("dec"),
                sum(when(col("movement").equalTo("start"), col("people")).otherwise(0)).as("start_p"),
                sum(when(col("movement").equalTo("end_previous_year"), col("people")).otherwise(0)).as("prev_p"),
                sum(when(col("direction").equalTo("boundary_increase"), col("people")).otherwise(0)).as("inc_p"),
                sum(when(col("direction").equalTo("boundary_decrease"), col("people")).otherwise(0)).as("dec_p"));
        assertTrue(b.count() > 50);
        assertEquals(0, b.where(col("start").notEqual(col("prev").plus(col("inc")).minus(col("dec")))).count(),
                "start(t+1) = end(t) + named boundary lines (households)");
        assertEquals(0, b.where(col("start_p").notEqual(col("prev_p").plus(col("inc_p")).minus(col("dec_p")))).count(),
                "start(t+1) = end(t) + named boundary lines (people)");
        // the dirt makes the boundary move: some listed households were not classified the year before
        assertTrue(t.where(col("movement").equalTo("listed_not_classified_last_year")).count() > 0);
        // end(2022) in the transitions is the 2022 annual snapshot of the rates
        long prev = t.where(col("level").equalTo("province").and(col("group").equalTo("poor"))
                .and(col("movement").equalTo("end_previous_year")).and(col("base_year").equalTo(2022))
                .and(col("review_year").equalTo(2023))).first().getAs("households");
        long rates22 = mart("mart_rates").where(col("level").equalTo("province").and(col("breakdown").equalTo("all"))
                .and(col("snapshot").equalTo("annual_2022-annual"))).first().getAs("poor_households");
        assertEquals(rates22, prev);
    }

    /**
     * not_scored_households per commune and annual snapshot equals a count made from staging: households with a
     * roster row in the snapshot's runs that lacks a staged B1 or B2, not screened out and with no recognised
     * status in those runs. And the bounds contain the rate computed with the commune's recorded statuses.
     */
    @Test
    void notScoredHouseholdsEqualAnIndependentCountAndTheBoundsHoldTheRecordedRate() {
        Dataset<Row> roster = spark().read().parquet(wh + "/staging/stg_household_roster");
        Dataset<Row> b1 = spark().read().parquet(wh + "/staging/stg_form_b1").select(col("run_id"), col("household_id"),
                org.apache.spark.sql.functions.lit(true).as("_b1"));
        Dataset<Row> b2 = spark().read().parquet(wh + "/staging/stg_form_b2").select(col("run_id"), col("household_id"),
                org.apache.spark.sql.functions.lit(true).as("_b2"));
        Dataset<Row> scored = spark().read().parquet(wh + "/intermediate/int_household_scored");
        // on 2 % dirt some forms are held: no household-run of the whole scored table is without a status, and every
        // not-scored one says why
        assertEquals(0, scored.where(col("status").isNull()).count(), "a household-run without a status");
        assertTrue(scored.where(col("status").equalTo("not_scored")).count() > 0, "the dirt held some forms");
        assertEquals(0, scored.where(col("status").equalTo("not_scored").and(col("scoring_note").isNull())).count(),
                "a not-scored household-run without its reason");
        Dataset<Row> annual = scored.where(col("run_type").equalTo("annual")).select(col("review_year").as("_y"),
                col("run_id").as("_ar"), col("run_date").as("_ad"), col("standard").as("_as")).distinct();
        Dataset<Row> runOf = scored.select(col("run_id").as("_r"), col("run_date").as("_rd"), col("standard").as("_rs")).distinct();
        var keys = scala.jdk.javaapi.CollectionConverters.asScala(List.of("run_id", "household_id")).toSeq();
        Dataset<Row> window = roster.join(runOf, col("run_id").equalTo(col("_r")))
                .join(annual, col("review_year").equalTo(col("_y")).and(col("_rs").equalTo(col("_as"))).and(col("_rd").leq(col("_ad"))));
        Dataset<Row> lacking = window.join(b1, keys, "left").join(b2, keys, "left")
                .where(col("_b1").isNull().or(col("_b2").isNull()))
                .select(col("_ar"), col("household_id"), col("commune_code"));
        Dataset<Row> decided = window.join(scored.select(col("run_id"), col("household_id"), col("status")), keys)
                .where(col("status").isin("poor", "near_poor", "middle", "not_poor", "screened_out"))
                .select(col("_ar").as("_dr"), col("household_id").as("_dh")).distinct();
        Dataset<Row> expected = lacking.join(decided, col("_ar").equalTo(col("_dr")).and(col("household_id").equalTo(col("_dh"))),
                        "left_anti")
                .groupBy(org.apache.spark.sql.functions.concat(org.apache.spark.sql.functions.lit("annual_"), col("_ar")).as("snapshot"),
                        col("commune_code").as("unit_code"))
                .agg(org.apache.spark.sql.functions.countDistinct("household_id").as("n"));
        Dataset<Row> rates = mart("mart_rates").where(col("level").equalTo("commune").and(col("breakdown").equalTo("all"))
                .and(col("snapshot").startsWith("annual_")));
        Dataset<Row> got = rates.where(col("not_scored_households").gt(0))
                .select(col("snapshot"), col("unit_code"), col("not_scored_households").as("n"));
        assertTrue(expected.count() > 5, "the dirt holds some households' forms");
        assertEquals(0, expected.exceptAll(got).count(), "counted from staging but not in mart_rates");
        assertEquals(0, got.exceptAll(expected).count(), "in mart_rates but not counted from staging");
        // the rate with the commune's recorded statuses lies within the bounds, at every level
        Dataset<Row> all = mart("mart_rates").where(col("breakdown").equalTo("all").and(col("snapshot").startsWith("annual_"))
                .and(col("households_total").gt(0)));
        Dataset<Row> recorded = all.withColumn("_rec", col("poor_households").plus(col("not_scored_recorded_poor"))
                .cast("decimal(20,4)").multiply(100).divide(col("households_total").cast("decimal(20,4)")));
        assertEquals(0, recorded.where(col("_rec").lt(col("poor_rate_low").minus(0.00005))
                .or(col("_rec").gt(col("poor_rate_high").plus(0.00005)))).count());
        assertTrue(all.where(col("poor_rate_high").gt(col("poor_rate_low"))).count() > 0, "held households recorded poor");
        assertTrue(all.where(col("incomplete")).count() > 0, "2 % dirt leaves some commune under 99 %");
        assertEquals(0, all.where(col("completeness").equalTo(1).and(col("not_scored_households").gt(0))).count());
    }

    @Test
    void subgroupM0WeightedByPopulationShareSumsToTheTotal() {
        Dataset<Row> af = mart("mart_deprivation_af");
        Dataset<Row> total = af.where(col("breakdown").equalTo("all")).select(col("review_year"), col("snapshot"),
                col("k"), col("level"), col("unit_code"), col("m0").as("m0_all"));
        Dataset<Row> weighted = af.where(col("breakdown").notEqual("all"))
                .groupBy("review_year", "snapshot", "k", "level", "unit_code", "breakdown")
                .agg(sum(col("population_share").multiply(col("m0"))).as("m0_sum"));
        Dataset<Row> joined = weighted.join(total, scala.jdk.javaapi.CollectionConverters.asScala(
                List.of("review_year", "snapshot", "k", "level", "unit_code")).toSeq());
        assertTrue(joined.count() > 100);
        assertEquals(0, joined.where(abs(col("m0_sum").minus(col("m0_all"))).gt(1e-6)).count());
        assertTrue(af.where(col("m0").gt(0)).count() > 0);
    }

    @Test
    void everyMartRowIsStampedAndNoPartitionValueIsEmpty() {
        for (String name : MartsJob.MARTS) {
            Dataset<Row> m = mart(name);
            assertTrue(m.count() > 0, name);
            if (name.startsWith("dim_")) { // a reference dimension: its input is the reference data, no rulebook applies
                assertEquals(0, m.where(col("reference_version").isNull().or(col("boundary").isNull())).count(), name);
                continue;
            }
            assertEquals(0, m.where(col("rulebook_version").isNull().or(col("input_version").isNull())).count(), name);
            assertEquals(0, m.where(col("review_year").isNull()).count(), name);
        }
        assertTrue(new java.io.File(MartsJob.martPath(wh, "mart_rates") + "/review_year=2022/snapshot=annual_2022-annual").isDirectory());
    }

    @Test
    void everyMartMatchesItsDocumentedContract() {
        for (String name : MartsJob.MARTS) {
            var contract = vn.rasoat.contracts.MartContract.load(schemas(), name);
            List<String> documented = contract.columns().stream().map(c -> c.name() + " " + c.type()).toList();
            List<String> written = java.util.Arrays.stream(mart(name).schema().fields())
                    .map(f -> f.name() + " " + f.dataType().simpleString()).toList();
            assertEquals(documented, written, name + " differs from schemas/marts/" + name + ".json");
        }
    }

    /** Personal data stays in staging: no mart column holds a head's name, a citizen id or a household id. */
    @Test
    void noMartHoldsNamesCitizenIdsOrHouseholdIds() {
        Dataset<Row> roster = vn.rasoat.ingest.Staging.read(spark(), wh, "stg_household_roster");
        Dataset<Row> personal = roster.select(col("head_name").as("v")).union(roster.select(col("citizen_id").as("v")))
                .union(roster.select(col("household_id").as("v"))).where(col("v").isNotNull()).distinct().cache();
        assertTrue(personal.count() > 1000);
        Map<String, Dataset<Row>> marts = new java.util.TreeMap<>();
        MartsJob.MARTS.forEach(name -> marts.put(name, mart(name)));
        assertEquals(List.of(), personalData(marts, personal));
        // the check finds what it looks for: the staged roster (where personal data belongs) holds all three
        List<String> inRoster = personalData(Map.of("stg_household_roster", roster), personal).stream()
                .map(x -> x.substring(0, x.indexOf(' '))).toList();
        assertTrue(inRoster.containsAll(List.of("stg_household_roster.citizen_id", "stg_household_roster.head_name",
                "stg_household_roster.household_id")), inRoster.toString());
    }

    /**
     * The string columns of the tables that hold a citizen id (12 digits) or a personal value, as
     * "table.column holds …", in one query over every (table.column, value) pair.
     */
    private static List<String> personalData(Map<String, Dataset<Row>> tables, Dataset<Row> personal) {
        Dataset<Row> values = null;
        int columns = 0;
        for (Map.Entry<String, Dataset<Row>> t : tables.entrySet()) {
            List<Column> cells = new java.util.ArrayList<>();
            for (var f : t.getValue().schema().fields()) {
                if (f.dataType().simpleString().equals("string")) {
                    cells.add(org.apache.spark.sql.functions.struct(lit(t.getKey() + "." + f.name()).as("column"),
                            col(f.name()).as("v")));
                }
            }
            if (cells.isEmpty()) {
                continue;
            }
            columns += cells.size();
            Dataset<Row> v = t.getValue().select(org.apache.spark.sql.functions.explode(org.apache.spark.sql.functions.array(
                    cells.toArray(Column[]::new))).as("c")).select("c.column", "c.v").where(col("v").isNotNull()).distinct();
            values = values == null ? v : values.unionByName(v);
        }
        assertTrue(columns >= tables.size(), "string columns checked: " + columns);
        return values.join(org.apache.spark.sql.functions.broadcast(personal.withColumnRenamed("v", "p")),
                        col("v").equalTo(col("p")), "left")
                .groupBy("column").agg(
                        org.apache.spark.sql.functions.count_if(col("v").rlike("^[0-9]{12}$")).as("citizen_ids"),
                        org.apache.spark.sql.functions.count_if(col("p").isNotNull()).as("personal"))
                .where(col("citizen_ids").gt(0).or(col("personal").gt(0))).orderBy("column").collectAsList().stream()
                .map(r -> r.getString(0) + " holds " + r.getLong(1) + " citizen ids and " + r.getLong(2) + " personal values")
                .toList();
    }
}
