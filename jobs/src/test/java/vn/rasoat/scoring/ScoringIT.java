package vn.rasoat.scoring;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.SparkTestBase;
import vn.rasoat.generate.GenerateJob;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.rules.Rulebooks;

import java.nio.file.Path;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scoring end to end on generated Kiên Giang districts (2021–2023) and six generated provinces (integration tier). */
class ScoringIT extends SparkTestBase {
    private final Rulebooks rulebooks = Rulebooks.load(schemas());

    @TempDir
    static Path shared;
    static String wh;

    /** Two Kiên Giang districts, 2021 (2016–2020 standard) to 2023, clean, ingested and scored once for the class. */
    @org.junit.jupiter.api.BeforeAll
    static void generateIngestScore() {
        String in = shared.resolve("in").toString();
        wh = shared.resolve("wh").toString();
        GenerateJob.run(spark(), schemas(), new GenerateJob.Options(List.of("91"), List.of("906", "900"), null, 2022,
                List.of(2021, 2022, 2023), 4, 0.3, 0, in, 2));
        IngestJob.Result ingest = IngestJob.run(spark(), schemas(), in, wh);
        assertEquals(0, ingest.quarantined());
        ScoringJob.run(spark(), schemas(), wh);
    }

    private static Dataset<Row> staged(String type) {
        return vn.rasoat.ingest.Staging.read(spark(), wh, "stg_" + type);
    }

    private static Dataset<Row> scoreStaged(vn.rasoat.io.SchemaSource source, Dataset<Row> roster, Dataset<Row> runs) {
        return ScoringJob.score(spark(), source, Rulebooks.load(source), roster, staged("form_a"), staged("form_b1"),
                staged("form_b2"), staged("income_viii"), runs, null);
    }

    /** Clean generated data scores back to the generator's intended status (the two agree through the rulebooks). */
    @Test
    void cleanGeneratedDataScoresToTheIntendedStatus() {
        Dataset<Row> scored = spark().read().parquet(wh + "/intermediate/" + ScoringJob.TABLE);
        long total = scored.count();
        long agree = scored.where(col("status").equalTo(col("recorded_status"))).count();
        assertTrue(total > 1000);
        assertTrue(agree >= 0.99 * total, agree + " of " + total + " agree");
        assertEquals(0, scored.where(col("any_mismatch")).count());
        assertEquals(List.of("2016_2020-r1"), scored.where(col("review_year").equalTo(2021))
                .select("rulebook_version").distinct().collectAsList().stream().map(x -> x.getString(0)).toList());
        assertEquals(2, scored.where(col("review_year").equalTo(2021).and(col("status").equalTo("poor")))
                .select("band").distinct().count(), "2016-2020 poor households carry their band");
        assertEquals(0, scored.where(col("status").equalTo("middle").and(col("review_year").equalTo(2021))).count());
        assertTrue(scored.where(col("status").equalTo("screened_out")).where(col("scoring_note").startsWith("form A: ")).count() > 0);
        assertTrue(scored.where(col("run_type").equalTo("regular")).count() > 0, "monthly regular runs are scored");
    }

    @Test
    void scoringDoesNotDependOnRowOrderOrPartitioning() {
        Dataset<Row> roster = staged("household_roster");
        Dataset<Row> a = scoreStaged(schemas(), roster, staged("review_runs"));
        Dataset<Row> b = scoreStaged(schemas(), roster.orderBy(org.apache.spark.sql.functions.rand(7)).repartition(7),
                staged("review_runs").repartition(3));
        String[] cols = a.columns();
        Dataset<Row> bb = b.selectExpr(cols);
        assertEquals(a.count(), b.count());
        assertEquals(0, a.exceptAll(bb).count());
        assertEquals(0, bb.exceptAll(a).count());
    }

    @Test
    void aDroppedInB1TableChangesScoresWithNoCodeChange() throws java.io.IOException {
        Path copy = shared.resolve("schemas-official");
        try (var files = java.nio.file.Files.walk(schemasDir())) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(schemasDir().relativize(f).toString());
                if (java.nio.file.Files.isDirectory(f)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(f, target);
                }
            }
        }
        Path table = copy.resolve("rules/2022_2025/b1/rural_DBSCL.csv");
        String text = java.nio.file.Files.readString(table).lines().filter(l -> !l.startsWith("#"))
                .map(l -> l.equals("_constant,,50") ? "_constant,,57" : l.equals("has_tv,true,6") ? "has_tv,true,16" : l)
                .collect(java.util.stream.Collectors.joining("\n", "# table_id: official/rural_DBSCL\n", "\n"));
        java.nio.file.Files.writeString(table, text);
        vn.rasoat.io.SchemaSource official = vn.rasoat.io.SchemaSource.folder(copy);
        Dataset<Row> before = scoreStaged(schemas(), staged("household_roster"), staged("review_runs"))
                .where(col("review_year").equalTo(2022).and(col("urban").equalTo(false)).and(col("score_a").isNotNull()))
                .select(col("run_id"), col("household_id"), col("score_a").as("a0"));
        Dataset<Row> after = scoreStaged(official, staged("household_roster"), staged("review_runs"))
                .where(col("review_year").equalTo(2022).and(col("urban").equalTo(false)).and(col("score_a").isNotNull()))
                .select(col("run_id"), col("household_id"), col("score_a").as("a1"), col("b1_table"));
        Dataset<Row> joined = before.join(after, scala.jdk.javaapi.CollectionConverters.asScala(List.of("run_id", "household_id")).toSeq())
                .join(staged("form_b1").select("run_id", "household_id", "has_tv"),
                        scala.jdk.javaapi.CollectionConverters.asScala(List.of("run_id", "household_id")).toSeq());
        assertTrue(joined.count() > 500);
        assertEquals(0, joined.where(col("a1").minus(col("a0"))
                .notEqual(org.apache.spark.sql.functions.when(col("has_tv"), 17).otherwise(7))).count());
        assertEquals(List.of("official/rural_DBSCL"), joined.select("b1_table").distinct().collectAsList().stream()
                .map(r -> r.getString(0)).toList());
        assertTrue(!Rulebooks.load(official).get("2022_2025").table(false, "DBSCL").sample());
    }

    /** Kiên Giang 2021 ran twice: once under 2016–2020, once (the tổng rà soát) under 2022–2025. */
    @Test
    void eachRunIsScoredUnderItsOwnRulebook() {
        Dataset<Row> roster2021 = staged("household_roster").where(col("run_id").equalTo("2021-annual"));
        Dataset<Row> second = roster2021.withColumn("run_id", lit("2021-tong-ra-soat"));
        StructType runSchema = new StructType().add("run_id", "string").add("review_year", "int")
                .add("province_code", "string").add("run_type", "string").add("run_date", "date").add("standard", "string");
        Dataset<Row> runs = staged("review_runs").selectExpr(runSchema.fieldNames()).unionByName(spark().createDataFrame(
                List.of(RowFactory.create("2021-tong-ra-soat", 2021, "91", "annual", java.sql.Date.valueOf("2021-12-20"),
                        "2022_2025")), runSchema));
        Dataset<Row> b1 = staged("form_b1");
        Dataset<Row> b2 = staged("form_b2");
        Dataset<Row> scored = ScoringJob.score(spark(), schemas(), rulebooks, roster2021.unionByName(second),
                null, b1.unionByName(b1.where(col("run_id").equalTo("2021-annual")).withColumn("run_id", lit("2021-tong-ra-soat"))),
                b2.unionByName(b2.where(col("run_id").equalTo("2021-annual")).withColumn("run_id", lit("2021-tong-ra-soat"))),
                null, runs, null);
        Dataset<Row> old = scored.where(col("run_id").equalTo("2021-annual")).select(col("household_id"),
                col("score_a").as("a_old"), col("rulebook_version").as("v_old"), col("urban"));
        Dataset<Row> neu = scored.where(col("run_id").equalTo("2021-tong-ra-soat")).select(col("household_id"),
                col("score_a").as("a_new"), col("rulebook_version").as("v_new"), col("run_date"));
        Dataset<Row> both = old.join(neu, "household_id").where(col("a_old").isNotNull());
        assertTrue(both.count() > 100);
        assertEquals(List.of("2016_2020-r1|2022_2025-r1"), both.selectExpr("concat(v_old, '|', v_new)").distinct()
                .collectAsList().stream().map(r -> r.getString(0)).toList());
        // the sample rural tables of 2016-2020 sit 8 points below 2022-2025's, the urban ones level
        assertEquals(0, both.where(col("a_new").minus(col("a_old"))
                .notEqual(org.apache.spark.sql.functions.when(col("urban"), 0).otherwise(8))).count());
        assertEquals(1, both.select("run_date").distinct().count());
    }

    @Test
    void rescoringNamesTheIndicatorsThatCouldNotBeDerived() {
        long n = ScoringJob.rescore(spark(), schemas(), wh, "2022_2025");
        Dataset<Row> r = spark().read().parquet(wh + "/intermediate/" + ScoringJob.RESCORED)
                .where(col("rescored_as").equalTo("2022_2025"));
        assertEquals(n, r.count());
        Dataset<Row> y2021 = r.where(col("review_year").equalTo(2021).and(col("score_a").isNotNull()));
        assertTrue(y2021.count() > 100);
        assertEquals(List.of("[employment, dependants, nutrition]"), y2021.selectExpr("cast(underivable_indicators as string)")
                .distinct().collectAsList().stream().map(x -> x.getString(0)).toList());
        assertEquals(0, r.where(col("review_year").equalTo(2022).and(org.apache.spark.sql.functions.size(
                col("underivable_indicators")).gt(0))).count());
        assertEquals(List.of("2022_2025-r1"), y2021.select("rulebook_version").distinct().collectAsList().stream()
                .map(x -> x.getString(0)).toList());
    }

    /** Scored statuses reproduce the calibrated 2022 rates on a mid-size run (one province per region). */
    @Test
    void scoredRegionalRatesMatchThePublishedOnes(@TempDir Path tmp) {
        String in = tmp.resolve("in").toString();
        String w = tmp.resolve("wh").toString();
        GenerateJob.run(spark(), schemas(), new GenerateJob.Options(List.of("02", "34", "49", "66", "70", "94"), null,
                null, 2022, List.of(2022), 5, 0.25, 0, in, 4));
        IngestJob.run(spark(), schemas(), in, w);
        ScoringJob.run(spark(), schemas(), w);
        Dataset<Row> scored = spark().read().parquet(w + "/intermediate/" + ScoringJob.TABLE)
                .where(col("run_type").equalTo("annual"));
        Dataset<Row> totals = vn.rasoat.ingest.Staging.read(spark(), w, "stg_commune_totals")
                .join(ScoringJob.regionTable(spark(), schemas()), col("commune_code").equalTo(col("_r_commune")))
                .groupBy("region_key").agg(org.apache.spark.sql.functions.sum("households_total").as("hh"));
        Dataset<Row> counts = scored.groupBy("region_key").agg(
                org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(col("status").equalTo("poor"), 1).otherwise(0)).as("poor"),
                org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(col("status").equalTo("near_poor"), 1).otherwise(0)).as("near"));
        // what the generator was calibrated to: one province per region, so the province's target (Hà Giang's own
        // published rate, the others their region's share)
        vn.rasoat.generate.Calibration calibration = vn.rasoat.generate.Calibration.load(schemas(), true);
        java.util.Map<String, double[]> published = new java.util.HashMap<>();
        java.util.Map.of("TDMNPB", "02", "DBSH", "34", "BTB_DHMT", "49", "TN", "66", "DNB", "70", "DBSCL", "94").forEach((region, province) -> {
            double[] t = calibration.target(2022, region, province);
            published.put(region, new double[]{100 * t[0], 100 * t[1]});
        });
        List<Row> rows = counts.join(totals, "region_key").collectAsList();
        assertEquals(6, rows.size());
        for (Row row : rows) {
            double[] want = published.get(row.<String>getAs("region_key"));
            double hh = ((Number) row.getAs("hh")).doubleValue();
            double poor = 100 * ((Number) row.getAs("poor")).doubleValue() / hh;
            double near = 100 * ((Number) row.getAs("near")).doubleValue() / hh;
            assertTrue(Math.abs(poor / want[0] - 1) <= 0.10, row.getAs("region_key") + " poor " + poor + " vs " + want[0]);
            assertTrue(Math.abs(near / want[1] - 1) <= 0.10, row.getAs("region_key") + " near " + near + " vs " + want[1]);
        }
    }
}
