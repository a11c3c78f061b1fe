package vn.rasoat.scoring;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.ingest.Staging;
import vn.rasoat.io.Progress;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.io.WarehouseLayout;
import vn.rasoat.reference.AdminUnit;
import vn.rasoat.reference.ReferenceData;
import vn.rasoat.rules.Indicator;
import vn.rasoat.rules.Rulebook;
import vn.rasoat.rules.Rulebooks;
import vn.rasoat.rules.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * {@code rasoat score}: staged records → {@code int_household_scored}. Each review run is scored under its
 * rulebook (the run's named standard, else the calendar's), and the recorded scores and status sit beside the
 * recomputed ones with mismatch flags.
 */
public final class ScoringJob {
    private static final String B1_ANSWER = "_b1_";
    public static final String TABLE = WarehouseLayout.SCORED;

    private ScoringJob() {
    }

    public record Result(long households, long mismatches, Map<String, Long> byStatus, List<NotScored> notScored) {
    }

    /** Per review year and commune: households not classified, of them with a form held in quarantine, and of
     * them recorded poor / near-poor by the commune. */
    public record NotScored(int reviewYear, String communeCode, long households, long held, long recordedPoor,
                            long recordedNearPoor) {
    }

    /** The communes with not-scored households, most affected first (one row per commune and year: small). */
    public static List<NotScored> notScoredByCommune(Dataset<Row> scored) {
        return scored.where(col("status").equalTo(Status.NOT_SCORED))
                .groupBy(col("review_year"), col("commune_code"))
                .agg(org.apache.spark.sql.functions.countDistinct(col("household_id")).as("n"),
                        org.apache.spark.sql.functions.countDistinct(when(col("held_record_type").isNotNull(),
                                col("household_id"))).as("held"),
                        org.apache.spark.sql.functions.countDistinct(when(col("recorded_status").equalTo(Status.POOR),
                                col("household_id"))).as("rp"),
                        org.apache.spark.sql.functions.countDistinct(when(col("recorded_status").equalTo(Status.NEAR_POOR),
                                col("household_id"))).as("rn"))
                .orderBy(col("n").desc(), col("review_year"), col("commune_code"))
                .collectAsList().stream()
                .map(r -> new NotScored(r.getInt(0), r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)))
                .toList();
    }

    /**
     * Not-scored households name the quarantine row that holds their form B1 (else B2), if one does: its record
     * type, file, line and reason, also written into {@code scoring_note}. Only quarantine rows of the staged input
     * versions count, so a re-ingested, fixed file leaves no stale reference.
     */
    static Dataset<Row> withHeldForms(SparkSession spark, Dataset<Row> scored, String warehouse) {
        Dataset<Row> q = vn.rasoat.ingest.Quarantine.read(spark, warehouse);
        List<Object> versions = new ArrayList<>();
        vn.rasoat.ingest.Staging.read(spark, warehouse, "stg_household_roster").select(IngestJob.INPUT_VERSION).distinct()
                .collectAsList().forEach(r -> versions.add(r.getString(0)));
        Dataset<Row> held = q.where(col("record_type").isin("form_b1", "form_b2")
                        .and(col(IngestJob.INPUT_VERSION).isin(versions.toArray())))
                .select(org.apache.spark.sql.functions.get_json_object(col("raw_record"), "$.run_id").as("_q_run"),
                        org.apache.spark.sql.functions.get_json_object(col("raw_record"), "$.household_id").as("_q_hh"),
                        col("record_type").as("_q_type"), col("source_file").as("_q_file"),
                        col("source_row").cast("long").as("_q_row"), col("field").as("_q_field"), col("reason").as("_q_reason"));
        // the first held row of each household: B1 before B2, then the lowest line
        var w = org.apache.spark.sql.expressions.Window.partitionBy(col("_q_run"), col("_q_hh"))
                .orderBy(col("_q_type"), col("_q_file"), col("_q_row"));
        Dataset<Row> first = held.withColumn("_q_n", org.apache.spark.sql.functions.row_number().over(w))
                .where(col("_q_n").equalTo(1)).drop("_q_n");
        Column notScored = col("status").equalTo(Status.NOT_SCORED);
        Column isHeld = notScored.and(col("_q_type").isNotNull());
        Column form = when(col("_q_type").equalTo("form_b1"), lit("B1")).otherwise(lit("B2"));
        Dataset<Row> j = scored.join(first, col("run_id").equalTo(col("_q_run")).and(col("household_id").equalTo(col("_q_hh"))),
                "left");
        return j.withColumn("scoring_note", when(isHeld, concat(lit("form "), form, lit(" held in quarantine: "),
                                col("_q_file"), lit(" line "), col("_q_row").cast("string"), lit(", "),
                                coalesce(col("_q_field"), lit("?")), lit(" "), col("_q_reason"), lit(" ("),
                                col("scoring_note"), lit(")")))
                        .otherwise(col("scoring_note")))
                .withColumn("held_record_type", when(isHeld, col("_q_type")))
                .withColumn("held_source_file", when(isHeld, col("_q_file")))
                .withColumn("held_source_row", when(isHeld, col("_q_row")))
                .withColumn("held_reason", when(isHeld, col("_q_reason")))
                .drop("_q_run", "_q_hh", "_q_type", "_q_file", "_q_row", "_q_field", "_q_reason");
    }

    /** A scored household-run: its review run and household. */
    private static final List<String> KEY = List.of("run_id", "household_id");

    public static Result run(SparkSession spark, SchemaSource source, String warehouse) {
        Progress progress = new Progress("score");
        try (vn.rasoat.spark.SmallInput.Scope ignored = smallInput(spark, warehouse, progress)) {
            return score(spark, source, warehouse, progress);
        }
    }

    private static Result score(SparkSession spark, SchemaSource source, String warehouse, Progress progress) {
        Rulebooks rulebooks = Rulebooks.load(source);
        Dataset<Row> scored = withHeldForms(spark, scoreStaged(spark, source, rulebooks, warehouse, null), warehouse);
        vn.rasoat.spark.Spread.byPartitionAndRows(scored, "review_year", KEY).write().mode(SaveMode.Overwrite).partitionBy("review_year")
                .parquet(WarehouseLayout.scored(warehouse));
        Dataset<Row> written = spark.read().parquet(WarehouseLayout.scored(warehouse));
        Map<String, Long> byStatus = new LinkedHashMap<>();
        written.groupBy(col("status")).count().collectAsList()
                .forEach(r -> byStatus.put(r.getString(0), r.getLong(1)));
        long mismatches = written.where(col("any_mismatch")).count();
        long n = byStatus.values().stream().mapToLong(Long::longValue).sum();
        progress.step(String.format("scored %,d household-runs: %s; %,d recorded-vs-recomputed mismatches", n,
                byStatus, mismatches));
        List<NotScored> notScored = notScoredByCommune(written);
        return new Result(n, mismatches, byStatus, notScored);
    }

    public static final String RESCORED = WarehouseLayout.RESCORED;

    /** Small rosters are scored without adaptive execution and generated code ({@link vn.rasoat.spark.SmallInput}). */
    private static vn.rasoat.spark.SmallInput.Scope smallInput(SparkSession spark, String warehouse, Progress progress) {
        Dataset<Row> roster = Staging.readOptional(spark, warehouse, "stg_household_roster");
        long rows = roster == null ? 0 : roster.count();
        vn.rasoat.spark.SmallInput.Scope scope = vn.rasoat.spark.SmallInput.enter(spark, rows,
                vn.rasoat.spark.SmallInput.SCORING_ROWS);
        if (scope.small()) {
            progress.step(vn.rasoat.spark.SmallInput.note(String.format("%,d staged roster rows", rows)));
        }
        return scope;
    }

    /**
     * Rescoring: every staged run's answers scored under one rulebook where the inputs allow; each row names
     * the indicators that could not be derived ({@code underivable_indicators}). Written per target standard.
     */
    public static long rescore(SparkSession spark, SchemaSource source, String warehouse, String standard) {
        Progress progress = new Progress("rescore");
        try (vn.rasoat.spark.SmallInput.Scope ignored = smallInput(spark, warehouse, progress)) {
            return rescore(spark, source, warehouse, standard, progress);
        }
    }

    private static long rescore(SparkSession spark, SchemaSource source, String warehouse, String standard,
                                Progress progress) {
        Rulebooks rulebooks = Rulebooks.load(source);
        rulebooks.get(standard);
        Dataset<Row> scored = withHeldForms(spark, scoreStaged(spark, source, rulebooks, warehouse, standard), warehouse)
                .withColumn("rescored_as", lit(standard));
        vn.rasoat.spark.Spread.byPartitionAndRows(scored, "review_year", KEY).write().mode(SaveMode.Overwrite).partitionBy("rescored_as", "review_year")
                .parquet(WarehouseLayout.rescored(warehouse));
        long n = spark.read().parquet(WarehouseLayout.rescored(warehouse)).where(col("rescored_as").equalTo(standard)).count();
        progress.step(String.format("rescored %,d household-runs under %s", n, standard));
        return n;
    }

    /**
     * Scores the staged tables of a warehouse as published ({@link Staging}): all of one complete ingest, never
     * the tables of a run killed half-way.
     */
    public static Dataset<Row> scoreStaged(SparkSession spark, SchemaSource source, Rulebooks rulebooks,
                                            String warehouse, String forceStandard) {
        return score(spark, source, rulebooks, Staging.readContract(spark, warehouse,
                        vn.rasoat.contracts.Contracts.load(source).get("household_roster")),
                optional(spark, warehouse, "stg_form_a"), optional(spark, warehouse, "stg_form_b1"),
                optional(spark, warehouse, "stg_form_b2"), optional(spark, warehouse, "stg_income_viii"),
                optional(spark, warehouse, "stg_review_runs"), forceStandard);
    }

    /** A staged table, or null when nothing of that record type was ingested. */
    static Dataset<Row> optional(SparkSession spark, String warehouse, String table) {
        return Staging.readOptional(spark, warehouse, table);
    }

    /**
     * Scores roster rows with their forms. {@code forceStandard} scores every run under one rulebook
     * (rescoring); otherwise each run uses its own.
     */
    public static Dataset<Row> score(SparkSession spark, SchemaSource source, Rulebooks rulebooks, Dataset<Row> roster,
                                     Dataset<Row> formA, Dataset<Row> b1, Dataset<Row> b2, Dataset<Row> viii,
                                     Dataset<Row> runs, String forceStandard) {
        Dataset<Row> regions = broadcast(regionTable(spark, source));
        Dataset<Row> base = roster.drop("head_name", "citizen_id", "source_file", "source_row")
                .join(regions, roster.col("commune_code").equalTo(regions.col("_r_commune")), "left")
                .drop("_r_commune");
        List<String> order = new ArrayList<>(List.of(base.columns()));
        order.addAll(List.of("standard", "run_type", "run_date")); // the contract's column order
        base = withRunDates(base, runs)
                .withColumn("standard", standardColumn(roster, rulebooks, forceStandard))
                .select(columns(order));
        List<String> standards = base.select("standard").distinct().collectAsList().stream()
                .map(r -> r.getString(0)).toList();
        Set<String> allIndicators = new LinkedHashSet<>();
        for (String s : rulebooks.standards()) {
            allIndicators.addAll(rulebooks.get(s).indicatorCodes());
        }
        Dataset<Row> out = null;
        for (String standard : standards) {
            if (standard == null) {
                throw new IllegalArgumentException("a review run has no standard: check review_runs and rules/calendar.csv");
            }
            Rulebook rb = rulebooks.get(standard);
            Dataset<Row> part = scoreUnder(rb, base.where(col("standard").equalTo(standard)), formA, b1, b2, viii,
                    allIndicators);
            out = out == null ? part : out.unionByName(part);
        }
        return out;
    }

    /**
     * The run's type and date from review_runs; a run not listed there is taken as the annual review, dated the
     * last day of its review year.
     */
    private static Dataset<Row> withRunDates(Dataset<Row> base, Dataset<Row> runs) {
        Column fallbackDate = org.apache.spark.sql.functions.make_date(col("review_year"), lit(12), lit(31));
        if (runs == null) {
            return base.withColumn("run_type", lit("annual")).withColumn("run_date", fallbackDate)
                    .withColumn("_run_standard", lit(null).cast("string"));
        }
        Dataset<Row> r = runs.select(col("run_id").as("_run"), col("province_code").as("_prov"),
                col("run_type").as("_run_type"), col("run_date").as("_run_date"), col("standard").as("_run_standard"));
        return base.join(broadcast(r), base.col("run_id").equalTo(r.col("_run"))
                        .and(base.col("province_code").equalTo(r.col("_prov"))), "left")
                .withColumn("run_type", coalesce(col("_run_type"), lit("annual")))
                .withColumn("run_date", coalesce(col("_run_date"), fallbackDate))
                .drop("_run", "_prov", "_run_type", "_run_date");
    }

    /**
     * The run's standard: the one review_runs names (joined in as {@code _run_standard}), else the calendar's for
     * its review year. A join, not a chain of conditions, so a national run with thousands of runs stays shallow.
     */
    private static Column standardColumn(Dataset<Row> roster, Rulebooks rulebooks, String force) {
        if (force != null) {
            return lit(force);
        }
        Column byCalendar = lit(null).cast("string");
        List<Integer> years = roster.select("review_year").distinct().collectAsList().stream()
                .map(r -> r.getInt(0)).sorted().toList();
        for (int y : years) {
            byCalendar = when(col("review_year").equalTo(y), lit(rulebooks.standardForYear(y))).otherwise(byCalendar);
        }
        return coalesce(col("_run_standard"), byCalendar);
    }

    private static Dataset<Row> scoreUnder(Rulebook rb, Dataset<Row> base, Dataset<Row> formA, Dataset<Row> b1,
                                           Dataset<Row> b2, Dataset<Row> viii, Set<String> allIndicators) {
        RulebookExpressions x = new RulebookExpressions(rb);
        Dataset<Row> df = base;
        List<String> keys = List.of("run_id", "household_id");
        if (formA != null) {
            Column ticked = x.formATicked();
            df = df.join(formA.select(col("run_id"), col("household_id"), ticked.as("form_a_ticked"),
                    x.formAReviewed(ticked).as("form_a_passed"), col("recorded_ticked")), toSeq(keys), "left");
        } else {
            df = df.withColumn("form_a_ticked", lit(null).cast("int")).withColumn("form_a_passed", lit(null).cast("boolean"))
                    .withColumn("recorded_ticked", lit(null).cast("int"));
        }
        if (b1 != null) {
            // the answers come along with the household; score A is an expression over them (B1Scorer)
            Set<String> meta = Set.of("run_id", "household_id", "review_year", "commune_code", "recorded_score_a",
                    "source_file", "source_row", IngestJob.INPUT_VERSION);
            Map<String, DataType> answers = new LinkedHashMap<>();
            List<Column> b1Cols = new ArrayList<>(List.of(col("run_id"), col("household_id"), col("recorded_score_a"),
                    lit(true).as("_b1")));
            for (StructField f : b1.schema().fields()) {
                if (!meta.contains(f.name())) {
                    answers.put(f.name(), f.dataType());
                    b1Cols.add(col(f.name()).as(B1_ANSWER + f.name()));
                }
            }
            List<String> order = new ArrayList<>(List.of(df.columns()));
            order.addAll(List.of("b1_table", "recorded_score_a", "score_a")); // the contract's column order
            df = df.join(b1.select(b1Cols.toArray(Column[]::new)), toSeq(keys), "left")
                    .withColumn("b1_table", when(col("_b1"), x.tableId(col("urban"), col("region_key"))))
                    .withColumn("score_a", B1Scorer.scoreA(rb, col("b1_table"), answers, B1_ANSWER))
                    .select(columns(order));
        } else {
            df = df.withColumn("b1_table", lit(null).cast("string")).withColumn("recorded_score_a", lit(null).cast("int"))
                    .withColumn("score_a", lit(null).cast("int"));
        }
        if (b2 != null) {
            // first each indicator's flag once, then everything computed from the flags
            List<Column> flags = new ArrayList<>(List.of(col("run_id"), col("household_id"), col("recorded_score_b")));
            List<Indicator> inRulebook = rb.indicators();
            for (Indicator ind : inRulebook) {
                flags.add(x.flag(ind).as("dep_" + ind.code()));
                flags.add(col(ind.recordedColumn()).as("_rec_" + ind.code()));
                flags.add(x.derived(ind).as("_der_" + ind.code()));
            }
            Dataset<Row> f = b2.select(flags.toArray(Column[]::new));
            Column deprived = lit(0);
            Column disagreements = lit(0);
            List<Column> underivableCodes = new ArrayList<>();
            for (Indicator ind : inRulebook) {
                Column dep = col("dep_" + ind.code());
                deprived = deprived.plus(when(dep, lit(1)).otherwise(lit(0)));
                disagreements = disagreements.plus(when(col("_rec_" + ind.code()).notEqual(col("_der_" + ind.code())), lit(1))
                        .otherwise(lit(0)));
                underivableCodes.add(when(dep.isNull(), lit(ind.code())));
            }
            List<Column> cols = new ArrayList<>(List.of(col("run_id"), col("household_id"), col("recorded_score_b"),
                    deprived.as("deprived_count"), disagreements.as("b2_fact_disagreements"),
                    underivable(underivableCodes).as("underivable_indicators")));
            for (String code : allIndicators) {
                cols.add(rb.indicatorCodes().contains(code) ? col("dep_" + code) : lit(null).cast("boolean").as("dep_" + code));
            }
            df = df.join(f.select(cols.toArray(Column[]::new)), toSeq(keys), "left");
        } else {
            throw new IllegalArgumentException("no staged form B2 records: cannot score");
        }
        if (viii != null) {
            df = df.join(viii.select(col("run_id"), col("household_id"),
                    RulebookExpressions.netIncome().as("net_income_12m"), col("members").as("viii_members"),
                    col("recorded_income_per_capita_month")), toSeq(keys), "left");
        } else {
            df = df.withColumn("net_income_12m", lit(null).cast("long")).withColumn("viii_members", lit(null).cast("int"))
                    .withColumn("recorded_income_per_capita_month", lit(null).cast("long"));
        }
        Column screenedOut = col("review_basis").equalTo("applicant").and(col("form_a_passed").equalTo(false));
        Column scoreB = x.scoreB(col("deprived_count"));
        Column classified = x.status(col("score_a"), scoreB, col("urban"));
        Column middle = col("farm_household").and(col("net_income_12m").isNotNull())
                .and(x.inMiddleBand(col("net_income_12m"), col("viii_members"), col("urban")));
        Column status = when(screenedOut, lit(Status.SCREENED_OUT))
                .when(col("score_a").isNull().or(col("deprived_count").isNull()), lit(Status.NOT_SCORED))
                .when(classified.equalTo(Status.NOT_POOR).and(middle), lit(Status.MIDDLE))
                .otherwise(classified);
        Column note = when(screenedOut, concat(lit("form A: "), col("form_a_ticked").cast("string"),
                        lit(" criteria ticked (" + rb.formA().direction() + " " + rb.formA().cutoff() + ")")))
                .when(col("score_a").isNull().and(col("deprived_count").isNull()), lit("no form B1, no form B2"))
                .when(col("score_a").isNull(), lit("no form B1"))
                .when(col("deprived_count").isNull(), lit("no form B2"));
        df = df.withColumn("score_b", when(screenedOut, lit(null)).otherwise(scoreB))
                .withColumn("status", status)
                .withColumn("scoring_note", note)
                .withColumn("band", x.band(col("score_a"), col("status"), col("urban")))
                .withColumn("income_per_capita_month", when(col("viii_members").gt(0),
                        col("net_income_12m").divide(col("viii_members").multiply(12)).cast("long")))
                .withColumn("rulebook_version", lit(rb.version()))
                .withColumn("thresholds_provisional", lit(rb.thresholdsProvisional()));
        Column aMismatch = col("recorded_score_a").isNotNull().and(col("score_a").isNotNull())
                .and(col("recorded_score_a").notEqual(col("score_a")));
        Column bMismatch = col("recorded_score_b").isNotNull().and(col("score_b").isNotNull())
                .and(col("recorded_score_b").notEqual(col("score_b")));
        Column sMismatch = col("recorded_status").isNotNull().and(col("status").notEqual(Status.NOT_SCORED))
                .and(col("recorded_status").notEqual(col("status")));
        return df.withColumn("score_a_mismatch", coalesce(aMismatch, lit(false)))
                .withColumn("score_b_mismatch", coalesce(bMismatch, lit(false)))
                .withColumn("status_mismatch", coalesce(sMismatch, lit(false)))
                .withColumn("any_mismatch", col("score_a_mismatch").or(col("score_b_mismatch")).or(col("status_mismatch")))
                .drop("form_a_passed");
    }

    private static Column[] columns(List<String> names) {
        return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    /** The codes of the indicators that could not be derived (null entries dropped), in rulebook order. */
    private static Column underivable(List<Column> codes) {
        return codes.isEmpty() ? org.apache.spark.sql.functions.array().cast("array<string>")
                : org.apache.spark.sql.functions.array_compact(org.apache.spark.sql.functions.array(codes.toArray(Column[]::new)));
    }

    /** Commune code → socio-economic region, over every shipped unit list (2025 communes: former province's region). */
    static Dataset<Row> regionTable(SparkSession spark, SchemaSource source) {
        ReferenceData ref = ReferenceData.load(source);
        Map<String, String> map = new LinkedHashMap<>();
        for (String file : ref.unitListFiles()) {
            for (AdminUnit u : ref.units(file)) {
                map.putIfAbsent(u.communeCode(), u.regionKey());
            }
        }
        List<Row> rows = new ArrayList<>();
        map.forEach((k, v) -> rows.add(RowFactory.create(k, v)));
        return spark.createDataFrame(rows, new StructType().add("_r_commune", "string").add("region_key", "string"));
    }

    private static scala.collection.immutable.Seq<String> toSeq(List<String> keys) {
        return scala.jdk.javaapi.CollectionConverters.asScala(keys).toSeq();
    }
}
