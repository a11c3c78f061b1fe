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

class ScoringTest extends SparkTestBase {
    private final Rulebooks rulebooks = Rulebooks.load(schemas());

    private List<String> statuses(String standard, Object[][] rows) {
        List<Row> data = java.util.Arrays.stream(rows).map(RowFactory::create).toList();
        Dataset<Row> df = spark().createDataFrame(data, new StructType().add("a", "int").add("b", "int").add("urban", "boolean"));
        RulebookExpressions x = new RulebookExpressions(rulebooks.get(standard));
        return df.select(x.status(col("a"), col("b"), col("urban"))).collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    @Test
    void statusExpressionAtThe2022Boundaries() {
        assertEquals(List.of("poor", "near_poor", "not_poor", "not_poor", "poor", "near_poor", "not_poor"),
                statuses("2022_2025", new Object[][]{{140, 30, false}, {140, 20, false}, {141, 30, false},
                        {141, 20, false}, {175, 30, true}, {175, 20, true}, {176, 30, true}}));
    }

    @Test
    void statusExpressionAtThe2016Bands() {
        assertEquals(List.of("poor", "near_poor", "poor", "not_poor", "poor", "near_poor", "poor", "not_poor"),
                statuses("2016_2020", new Object[][]{{120, 0, false}, {121, 20, false}, {150, 30, false},
                        {151, 30, false}, {140, 0, true}, {141, 20, true}, {175, 30, true}, {176, 30, true}}));
    }

    @Test
    void middleBandInExactIntegersAtTheBoundaries() {
        // one member: monthly income x means 12x over the year
        Object[][] rows = {{1_500_000L * 12, 1, false}, {1_500_001L * 12, 1, false}, {2_250_000L * 12, 1, false},
                {2_250_001L * 12, 1, false}, {2_000_000L * 12, 1, true}, {2_000_001L * 12, 1, true},
                {3_000_000L * 12, 1, true}, {3_000_001L * 12, 1, true}};
        Dataset<Row> df = spark().createDataFrame(java.util.Arrays.stream(rows).map(RowFactory::create).toList(),
                new StructType().add("net", "long").add("m", "int").add("urban", "boolean"));
        RulebookExpressions x = new RulebookExpressions(rulebooks.get("2022_2025"));
        List<Boolean> in = df.select(x.inMiddleBand(col("net"), col("m"), col("urban"))).collectAsList().stream()
                .map(r -> r.getBoolean(0)).toList();
        assertEquals(List.of(false, true, true, false, false, true, true, false), in);
    }

    @Test
    void formAThreeVersusFourCriteriaFrom2021AndTwoVersusThreeIn2018() {
        Dataset<Row> df = spark().createDataFrame(List.of(RowFactory.create(2), RowFactory.create(3), RowFactory.create(4)),
                new StructType().add("t", "int"));
        List<Boolean> now = df.select(new RulebookExpressions(rulebooks.get("2022_2025")).formAReviewed(col("t")))
                .collectAsList().stream().map(r -> r.getBoolean(0)).toList();
        List<Boolean> then = df.select(new RulebookExpressions(rulebooks.get("2016_2020")).formAReviewed(col("t")))
                .collectAsList().stream().map(r -> r.getBoolean(0)).toList();
        assertEquals(List.of(true, true, false), now);
        assertEquals(List.of(true, false, false), then);
    }

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
    void statusAtADateIsTheLatestRecognisedStatus() {
        Dataset<Row> scored = spark().read().parquet(wh + "/intermediate/" + ScoringJob.TABLE);
        Row regular = scored.where(col("run_type").equalTo("regular").and(col("review_year").equalTo(2022))
                .and(col("run_id").notEqual("2022-regular-01"))).orderBy("household_id").first();
        String hh = regular.getAs("household_id");
        java.time.LocalDate runDate = ((java.sql.Date) regular.getAs("run_date")).toLocalDate();
        Row onDay = StatusAsOf.latest(scored, runDate).where(col("household_id").equalTo(hh)).first();
        assertEquals(regular.<String>getAs("run_id"), onDay.getAs("run_id"));
        assertEquals(regular.<String>getAs("status"), onDay.getAs("status"));
        List<Row> dayBefore = StatusAsOf.latest(scored, runDate.minusDays(1)).where(col("household_id").equalTo(hh)).collectAsList();
        dayBefore.forEach(r -> assertTrue(r.<String>getAs("run_id").compareTo("2022-regular") < 0,
                "before its regular run the household's status comes from an earlier run: " + r.getAs("run_id")));
        Row yearEnd = StatusAsOf.latest(scored, java.time.LocalDate.of(2022, 12, 31)).where(col("household_id").equalTo(hh)).first();
        assertEquals("2022-annual", yearEnd.getAs("run_id"));
        // one row per household at any date
        Dataset<Row> mid = StatusAsOf.latest(scored, java.time.LocalDate.of(2023, 6, 30));
        assertEquals(mid.count(), mid.select("household_id").distinct().count());
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

    /** Scored statuses reproduce the published 2022 regional rates on a mid-size run (one province per region). */
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
        java.util.Map<String, double[]> published = new java.util.HashMap<>();
        for (java.util.Map<String, String> p : vn.rasoat.reference.ReferenceData.load(schemas()).publishedResults()) {
            if (p.get("review_year").equals("2022") && p.get("geo_level").equals("region")) {
                published.put(p.get("geo_key"), new double[]{Double.parseDouble(p.get("poor_rate_pct")),
                        Double.parseDouble(p.get("near_poor_rate_pct"))});
            }
        }
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
