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

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Identities that must hold on any data: generated Kiên Giang, three districts, 2021–2023, with dirt. */
class MartsIdentitiesTest extends SparkTestBase {
    @TempDir
    static Path tmp;
    static String wh;

    @BeforeAll
    static void pipeline() {
        String in = tmp.resolve("in").toString();
        wh = tmp.resolve("wh").toString();
        GenerateJob.run(spark(), schemas(), new GenerateJob.Options(List.of("91"), List.of("899", "906", "911"), null,
                2022, List.of(2021, 2022, 2023), 8, 0.15, 0.005, in, 2));
        IngestJob.run(spark(), schemas(), in, wh);
        ScoringJob.run(spark(), schemas(), wh);
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
        for (String name : MartsJob.MARTS) {
            Dataset<Row> m = mart(name);
            for (var f : m.schema().fields()) {
                if (!f.dataType().simpleString().equals("string")) {
                    continue;
                }
                Dataset<Row> values = m.select(col(f.name()).as("v")).where(col("v").isNotNull()).distinct();
                assertEquals(0, values.where(col("v").rlike("^[0-9]{12}$")).count(), name + "." + f.name() + " holds a citizen id");
                assertEquals(0, values.join(personal, "v").count(), name + "." + f.name() + " holds personal data");
            }
        }
    }
}
