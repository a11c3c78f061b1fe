package vn.rasoat.marts;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.io.Progress;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.io.WarehouseLayout;
import vn.rasoat.reference.AdminUnit;
import vn.rasoat.reference.ReferenceData;
import vn.rasoat.rules.Rulebooks;
import vn.rasoat.scoring.Intermediate;
import vn.rasoat.scoring.ScoringJob;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * {@code rasoat marts}: from the scored households to the marts under {@code <warehouse>/marts/}, partitioned by
 * review year (rates also by snapshot), published atomically ({@link Publication}: partitions a run does not write
 * stay as they are), each row stamped with its rulebook version and the
 * input data version.
 */
public final class MartsJob {
    public static final List<String> MARTS = List.of("fct_household_status", "mart_rates", "mart_deprivation",
            "mart_deprivation_af", "mart_deprivation_af_indicator", "mart_transitions", "mart_transition_matrix",
            "mart_spells", "mart_yoy", "mart_rates_2025", "mart_diagnostics", "mart_report_topics", "dim_admin_unit");
    /**
     * Marts written only when their input exists (the harmonised series needs a rescoring, the hamlets a hamlet list);
     * {@code mart_recheck} is written by {@code rasoat recheck report}, never by this job.
     */
    public static final List<String> OPTIONAL_MARTS = List.of("mart_rates_harmonised", "dim_hamlet", "mart_recheck");
    /** Every mart a warehouse can hold: the list readers, the publication and the data dictionary go by. */
    public static final List<String> ALL_MARTS = java.util.stream.Stream.concat(MARTS.stream(), OPTIONAL_MARTS.stream()).toList();

    private MartsJob() {
    }

    /** Options: extra base→target pairs, month ends for rates, and how far back "re-poor" looks (null = all). */
    public record Options(List<int[]> extraPairs, List<LocalDate> monthEnds, Integer repoorLookbackYears,
                          boolean monthEndsOnly) {
        public static Options defaults() {
            return new Options(List.of(), List.of(), null, false);
        }
    }

    public static String martPath(String warehouse, String mart) {
        return WarehouseLayout.mart(warehouse, mart);
    }

    public static Map<String, Long> run(SparkSession spark, SchemaSource source, String warehouse, Options o) {
        Progress progress = new Progress("marts");
        ReferenceData ref = ReferenceData.load(source);
        Rulebooks rulebooks = Rulebooks.load(source);
        List<String> minority = ref.ethnicMinority().entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        Dataset<Row> scored = Intermediate.scored(spark, warehouse)
                .withColumn("ethnic_minority", col("head_ethnicity").isin(minority.toArray()));
        long householdRuns = scored.count();
        try (vn.rasoat.spark.SmallInput.Scope scope = vn.rasoat.spark.SmallInput.enter(spark, householdRuns,
                vn.rasoat.spark.SmallInput.MARTS_ROWS)) {
            if (scope.small()) {
                progress.step(vn.rasoat.spark.SmallInput.note(String.format("%,d scored household-runs", householdRuns)));
            }
            return build(spark, source, warehouse, o, progress, ref, rulebooks, minority, scored,
                    vn.rasoat.spark.ParallelJobs.threads(spark, householdRuns, vn.rasoat.spark.SmallInput.MARTS_ROWS, PARALLEL));
        }
    }

    private static Map<String, Long> build(SparkSession spark, SchemaSource source, String warehouse, Options o,
                                           Progress progress, ReferenceData ref, Rulebooks rulebooks,
                                           List<String> minority, Dataset<Row> scored, int parallel) {
        Dataset<Row> startLists = Intermediate.startLists(spark, warehouse);
        Dataset<Row> totals = Intermediate.communeTotals(spark, warehouse);
        List<Integer> years = scored.select("review_year").distinct().collectAsList().stream().map(r -> r.getInt(0))
                .sorted().toList();
        Column inputVersion = inputVersions(scored, startLists, years);
        // written by the groups of marts (side by side on a cluster with a small input)
        Map<String, Long> written = java.util.Collections.synchronizedMap(new TreeMap<>());
        Dataset<Row> area = communeArea(spark, ref, years);
        Dataset<Row> reviewRuns = Intermediate.reviewRuns(spark, warehouse);
        Map<Integer, Snapshots.AnnualRun> official = Snapshots.officialRuns(scored, reviewRuns, rulebooks);
        reportOfficial(progress, official, Snapshots.annualRuns(scored));
        java.math.BigDecimal threshold = MartSettings.completenessThreshold(source);
        Publication pub = Publication.begin(spark, warehouse);
        written.put("dim_admin_unit", write(pub, source, AdminUnitDim.build(spark, source, ref), "dim_admin_unit", "boundary"));
        Dataset<Row> hamlets = Intermediate.hamlets(spark, warehouse);
        if (hamlets != null) {
            written.put("dim_hamlet", write(pub, source, HamletDim.build(hamlets), "dim_hamlet", "reference_year"));
        }
        if (!o.monthEndsOnly()) {
            Dataset<Row> annual = Snapshots.annual(scored, official).localCheckpoint();
            // a household-run belongs to the official snapshot when the official snapshot took its row
            Dataset<Row> officialRows = annual.where(col(Snapshots.OFFICIAL))
                    .select(col("run_id").as("_o_run"), col("household_id").as("_o_hh"), lit(true).as("_o"));
            Dataset<Row> scoredOfficial = scored.join(officialRows, col("run_id").equalTo(col("_o_run"))
                            .and(col("household_id").equalTo(col("_o_hh"))), "left")
                    .withColumn(Snapshots.OFFICIAL, org.apache.spark.sql.functions.coalesce(col("_o"), lit(false)))
                    .drop("_o_run", "_o_hh", "_o");
            Dataset<Row> officialOf = annual.select(col(Snapshots.SNAPSHOT).as("_of_snap"), col(Snapshots.OFFICIAL).as("_of"))
                    .distinct().localCheckpoint();
            Dataset<Row> annualNotScored = Snapshots.annualNotScored(scored, official).localCheckpoint();
            // the groups of marts below are independent but for the diagnostics (which read the rates and the
            // transitions); side by side where that pays (a small input on a cluster), else one after another in this order
            try (vn.rasoat.spark.ParallelJobs jobs = new vn.rasoat.spark.ParallelJobs(spark, "marts", parallel)) {
                if (jobs.sideBySide()) {
                    progress.step("groups of marts side by side, up to " + parallel + " at once (little input, on a cluster)");
                }
                var fctDone = jobs.submit(() -> {
                    Dataset<Row> fct = FactTable.build(scoredOfficial, Pseudonyms.fromEnvironment()).withColumn("input_version", inputVersion);
                    written.put("fct_household_status", write(pub, source, fct, "fct_household_status", "review_year"));
                    progress.step("fct_household_status written");
                    return true;
                });
                var ratesDone = jobs.submit(() -> rates(spark, source, warehouse, pub, written, progress, ref, rulebooks,
                        minority, annual, annualNotScored, official, totals, area, threshold, inputVersion, years));
                var deprivationDone = jobs.submit(() -> {
                    deprivation(spark, source, pub, written, progress, rulebooks, annual, officialOf, inputVersion);
                    return true;
                });
                var topicsDone = jobs.submit(() -> {
                    written.put("mart_report_topics", write(pub, source, withOfficial(ReportTopicsMart.build(annual), officialOf)
                            .withColumn("input_version", inputVersion), "mart_report_topics", "review_year"));
                    progress.step("mart_report_topics written");
                    return true;
                });
                var transitionsDone = jobs.submit(() -> java.util.Optional.ofNullable(transitions(pub, source, written,
                        progress, o, annual, annualNotScored, startLists, area, inputVersion, years)));
                var diagnosticsDone = jobs.after(ratesDone.thenCombine(transitionsDone, java.util.Map::entry), rt -> {
                    written.put("mart_diagnostics", write(pub, source, DiagnosticsMart.build(spark, source, rulebooks,
                            scored.where(col("run_type").notEqual("annual").or(col("run_id").isin(Snapshots.officialIds(official).toArray()))),
                            warehouse, rt.getKey().where(col(Snapshots.OFFICIAL)), rt.getValue().orElse(null))
                            .withColumn(Snapshots.OFFICIAL, lit(true)), "mart_diagnostics", "review_year"));
                    progress.step("mart_diagnostics written");
                    return true;
                });
                for (var f : List.of(fctDone, ratesDone, deprivationDone, topicsDone, transitionsDone, diagnosticsDone)) {
                    jobs.join(f);
                }
            }
            // the frames materialised above (localCheckpoint) are not in the cache manager, so Dataset.unpersist
            // does not reach them: Spark's ContextCleaner frees their blocks once they are no longer referenced
        }
        for (LocalDate monthEnd : o.monthEnds()) {
            Dataset<Row> snap = Snapshots.monthEnd(scored, startLists, area, monthEnd, official, rulebooks).localCheckpoint();
            Dataset<Row> rates = RatesMart.build(snap, Snapshots.monthEndNotScored(scored, snap, monthEnd), totals, area,
                    threshold);
            write(pub, source, stamp(rates, snap, inputVersion), "mart_rates", "review_year", Snapshots.SNAPSHOT);
            progress.step("mart_rates as of " + monthEnd + " written");
        }
        pub.commit();
        progress.step("published (run " + pub.run() + ")");
        // nothing cached here is needed after the run: free it for whatever the session runs next (pipeline, bench, tests)
        spark.catalog().clearCache();
        return written;
    }

    /**
     * Groups of marts at most this many at once where that pays ({@link vn.rasoat.spark.ParallelJobs#threads}: a small
     * input on a cluster); {@code rasoat.marts.parallel} (a system property) sets it.
     */
    static final int PARALLEL = Integer.getInteger("rasoat.marts.parallel", 3);

    /** mart_rates, mart_yoy, mart_rates_2025 and (after a rescoring) mart_rates_harmonised; returns the stamped rates. */
    private static Dataset<Row> rates(SparkSession spark, SchemaSource source, String warehouse, Publication pub,
                                      Map<String, Long> written, Progress progress, ReferenceData ref, Rulebooks rulebooks,
                                      List<String> minority, Dataset<Row> annual, Dataset<Row> annualNotScored,
                                      Map<Integer, Snapshots.AnnualRun> official, Dataset<Row> totals, Dataset<Row> area,
                                      java.math.BigDecimal threshold, Column inputVersion, List<Integer> years) {
        Dataset<Row> rates = RatesMart.build(annual, annualNotScored, totals, area, threshold);
        Dataset<Row> stampedRates = stamp(rates, annual, inputVersion).localCheckpoint();
        written.put("mart_rates", write(pub, source, stampedRates, "mart_rates", "review_year", Snapshots.SNAPSHOT));
        written.put("mart_yoy", write(pub, source, YoyMart.build(stampedRates.where(col(Snapshots.OFFICIAL))).withColumn(Snapshots.OFFICIAL, lit(true)), "mart_yoy", "review_year"));
        java.util.Set<Integer> in2025 = new java.util.TreeSet<>();
        years.stream().filter(y -> ref.unitListFileOn(LocalDate.of(y, 12, 31)).contains("_34p_")).forEach(in2025::add);
        written.put(RestatedMart.MART, write(pub, source, RestatedMart.build(spark, Restatement.load(source),
                stampedRates, area, in2025, threshold), RestatedMart.MART, "review_year"));
        Dataset<Row> rescored = Intermediate.rescored(spark, warehouse);
        if (rescored != null) {
            Dataset<Row> all = rescored
                    .withColumn("ethnic_minority", col("head_ethnicity").isin(minority.toArray()));
            for (Row s : all.select("rescored_as").distinct().collectAsList()) {
                String standard = s.getString(0);
                Dataset<Row> rescoredAnnual = Snapshots.annual(all.where(col("rescored_as").equalTo(standard)), official).localCheckpoint();
                Dataset<Row> hRates = RatesMart.build(rescoredAnnual.where(col(Snapshots.OFFICIAL)), Snapshots.annualNotScored(
                        all.where(col("rescored_as").equalTo(standard)), official).where(col(Snapshots.OFFICIAL)), totals, area, threshold);
                written.merge("mart_rates_harmonised", write(pub, source, HarmonisedMart.build(rescoredAnnual, hRates, stampedRates,
                        standard, rulebooks.get(standard).version()).withColumn(Snapshots.OFFICIAL, lit(true)), "mart_rates_harmonised", "review_year", "harmonised_as"), Long::sum);
            }
            progress.step("mart_rates_harmonised written for " + all.select("rescored_as").distinct().count() + " standard(s)");
        }
        progress.step("mart_rates written");
        return stampedRates;
    }

    /** mart_deprivation, mart_deprivation_af and mart_deprivation_af_indicator. */
    private static void deprivation(SparkSession spark, SchemaSource source, Publication pub, Map<String, Long> written,
                                    Progress progress, Rulebooks rulebooks, Dataset<Row> annual, Dataset<Row> officialOf, Column inputVersion) {
        Dataset<Row> shares = DeprivationMart.shares(annual);
        written.put("mart_deprivation", write(pub, source, withOfficial(shares, officialOf).withColumn("input_version", inputVersion),
                "mart_deprivation", "review_year"));
        progress.step("mart_deprivation written");
        Map<String, Integer> d = new HashMap<>();
        Dataset<Row> pairs = null;
        for (String s : rulebooks.standards()) {
            var rb = rulebooks.get(s);
            d.put(rb.version(), rb.indicators().size());
            Dataset<Row> p = spark.createDataFrame(rb.indicatorCodes().stream()
                            .map(c -> org.apache.spark.sql.RowFactory.create(rb.version(), c)).toList(),
                    new org.apache.spark.sql.types.StructType().add("rulebook_version", "string").add("indicator", "string"));
            pairs = pairs == null ? p : pairs.unionByName(p);
        }
        Dataset<Row>[] af = DeprivationMart.alkireFoster(annual, d);
        written.put("mart_deprivation_af", write(pub, source, withOfficial(af[0], officialOf).withColumn("input_version", inputVersion),
                "mart_deprivation_af", "review_year"));
        progress.step("mart_deprivation_af written");
        Dataset<Row> afInd = af[1].join(org.apache.spark.sql.functions.broadcast(pairs),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("rulebook_version", "indicator")).toSeq());
        written.put("mart_deprivation_af_indicator", write(pub, source, withOfficial(afInd, officialOf).withColumn("input_version", inputVersion),
                "mart_deprivation_af_indicator", "review_year"));
        progress.step("mart_deprivation_af_indicator written");
    }

    /**
     * mart_transitions, mart_transition_matrix and mart_spells, following the official snapshot of each year, for
     * consecutive years and the options' extra pairs; returns the transitions written (null when no pair).
     */
    private static Dataset<Row> transitions(Publication pub, SchemaSource source, Map<String, Long> written,
                                            Progress progress, Options o, Dataset<Row> annual,
                                            Dataset<Row> annualNotScored, Dataset<Row> startLists, Dataset<Row> area,
                                            Column inputVersion, List<Integer> years) {
        Dataset<Row> yearEnd = TransitionsMart.yearEnd(annual.where(col(Snapshots.OFFICIAL))).localCheckpoint();
        List<int[]> transitionPairs = new ArrayList<>();
        for (int i = 1; i < years.size(); i++) {
            if (years.get(i) == years.get(i - 1) + 1) {
                transitionPairs.add(new int[]{years.get(i - 1), years.get(i)});
            }
        }
        transitionPairs.addAll(o.extraPairs());
        if (transitionPairs.isEmpty()) {
            return null;
        }
        Dataset<Row> rulebookOfYear = yearEnd.groupBy("review_year")
                .agg(org.apache.spark.sql.functions.max("snapshot_rulebook_version").as("rulebook_version"));
        Dataset<Row> heldYearEnd = TransitionsMart.heldYearEnd(annualNotScored.where(col(Snapshots.OFFICIAL)), yearEnd);
        var byPair = TransitionsMart.movementsByPair(yearEnd, heldYearEnd, startLists, area, transitionPairs,
                o.repoorLookbackYears());
        Dataset<Row> t = TransitionsMart.build(byPair, TransitionsMart.boundaryRows(yearEnd, startLists, area,
                        transitionPairs))
                .join(rulebookOfYear, "review_year").withColumn(Snapshots.OFFICIAL, lit(true))
                .withColumn("input_version", inputVersion)
                .localCheckpoint(); // small; mart_diagnostics reads it again (no second run of every pair's movements)
        written.put("mart_transitions", write(pub, source, t, "mart_transitions", "review_year"));
        Dataset<Row> m = TransitionsMart.matrix(byPair)
                .join(rulebookOfYear, "review_year").withColumn(Snapshots.OFFICIAL, lit(true))
                .withColumn("input_version", inputVersion);
        written.put("mart_transition_matrix", write(pub, source, m, "mart_transition_matrix", "review_year"));
        Dataset<Row> sp = TransitionsMart.spells(yearEnd, years).join(rulebookOfYear, "review_year")
                .withColumn(Snapshots.OFFICIAL, lit(true)).withColumn("input_version", inputVersion);
        written.put("mart_spells", write(pub, source, sp, "mart_spells", "review_year"));
        progress.step("mart_transitions, mart_transition_matrix, mart_spells written for pairs "
                + transitionPairs.stream().map(p -> p[0] + "→" + p[1]).toList());
        return t;
    }

    /** Rates rows carry the rulebook version of their snapshot. */
    private static Dataset<Row> stamp(Dataset<Row> rates, Dataset<Row> snapshot, Column inputVersion) {
        Dataset<Row> versions = snapshot.groupBy(col(Snapshots.SNAPSHOT).as("_snap"))
                .agg(org.apache.spark.sql.functions.array_join(org.apache.spark.sql.functions.array_sort(
                        org.apache.spark.sql.functions.collect_set("snapshot_rulebook_version")), "+").as("rulebook_version"),
                        org.apache.spark.sql.functions.max(col(Snapshots.OFFICIAL)).as(Snapshots.OFFICIAL));
        return rates.join(org.apache.spark.sql.functions.broadcast(versions), col(Snapshots.SNAPSHOT).equalTo(col("_snap")))
                .drop("_snap").withColumn("input_version", inputVersion);
    }

    /** Every row of a snapshot mart says whether its snapshot is the official one of its year. */
    private static Dataset<Row> withOfficial(Dataset<Row> df, Dataset<Row> officialOf) {
        return df.join(org.apache.spark.sql.functions.broadcast(officialOf), col(Snapshots.SNAPSHOT).equalTo(col("_of_snap")))
                .withColumn(Snapshots.OFFICIAL, col("_of")).drop("_of_snap", "_of");
    }

    /** One line per review year: its official annual snapshot and the alternatives beside it. */
    private static void reportOfficial(Progress progress, Map<Integer, Snapshots.AnnualRun> official, Dataset<Row> annualRuns) {
        Map<Integer, TreeSet<String>> all = new TreeMap<>();
        for (Row r : annualRuns.select("_year", "_annual_run", "_standard").distinct().collectAsList()) {
            all.computeIfAbsent(r.getInt(0), k -> new TreeSet<>()).add(r.getString(1) + " (" + r.getString(2) + ")");
        }
        for (Map.Entry<Integer, TreeSet<String>> e : all.entrySet()) {
            Snapshots.AnnualRun o = official.get(e.getKey());
            String name = o == null ? null : o.runId() + " (" + o.standard() + ")";
            TreeSet<String> others = new TreeSet<>(e.getValue());
            others.remove(name);
            progress.step(e.getKey() + ": official annual snapshot " + (name == null ? "none (every annual run is marked not official)" : name)
                    + (others.isEmpty() ? "" : "; alternative " + String.join(", ", others)));
        }
    }

    /** The input data version of each review year: its staged inputs' fingerprints, sorted and joined. */
    private static Column inputVersions(Dataset<Row> scored, Dataset<Row> startLists, List<Integer> years) {
        Map<Integer, TreeSet<String>> byYear = new TreeMap<>();
        for (Dataset<Row> d : List.of(scored, startLists)) {
            d.select("review_year", IngestJob.INPUT_VERSION).distinct().collectAsList()
                    .forEach(r -> byYear.computeIfAbsent(r.getInt(0), k -> new TreeSet<>()).add(r.getString(1)));
        }
        Column c = lit(null).cast("string");
        for (Map.Entry<Integer, TreeSet<String>> e : byYear.entrySet()) {
            c = when(col("review_year").equalTo(e.getKey()), lit(String.join("+", e.getValue()))).otherwise(c);
        }
        return c;
    }

    /** Each commune's type, district, province and region in the unit list in force at the end of each year. */
    static Dataset<Row> communeArea(SparkSession spark, ReferenceData ref, List<Integer> years) {
        List<Row> rows = new ArrayList<>();
        for (int y : years) {
            for (AdminUnit u : ref.units(ref.unitListFileOn(LocalDate.of(y, 12, 31)))) {
                rows.add(org.apache.spark.sql.RowFactory.create(y, u.communeCode(), u.urban(), u.provinceCode(),
                        u.districtCode(), u.regionKey()));
            }
        }
        Dataset<Row> area = spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType().add("_a_year", "int")
                .add("_a_commune", "string").add("_a_urban", "boolean").add("_a_province", "string")
                .add("_a_district", "string").add("_a_region", "string"));
        // materialised once: as a local relation its rows (every commune of every year) would sit in each plan that
        // joins it, to be analysed, compared and shipped again by every query
        return area.localCheckpoint();
    }

    /**
     * Writes a mart with its columns in the order of its contract ({@code schemas/marts/<mart>.json}), its rows in
     * the contract's {@code sorted_by} order within each file.
     */
    public static long write(Publication pub, SchemaSource source, Dataset<Row> df, String mart, String... partitions) {
        vn.rasoat.contracts.MartContract contract = vn.rasoat.contracts.MartContract.load(source, mart);
        List<String> documented = contract.columns().stream().map(vn.rasoat.contracts.MartContract.Column::name).toList();
        List<String> have = java.util.Arrays.asList(df.columns());
        List<String> missing = documented.stream().filter(c -> !have.contains(c)).toList();
        List<String> extra = have.stream().filter(c -> !documented.contains(c)).toList();
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IllegalStateException("mart " + mart + " does not match schemas/marts/" + mart + ".json: missing "
                    + missing + ", not documented " + extra);
        }
        if (!documented.containsAll(contract.sortedBy())) {
            throw new IllegalStateException("schemas/marts/" + mart + ".json: sorted_by " + contract.sortedBy()
                    + " names columns it does not have");
        }
        Dataset<Row> out = df.select(documented.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
        return pub.write(out, mart, contract.sortedBy(), partitions);
    }

    /** A mart as last published (see {@link Publication}). */
    public static Dataset<Row> read(SparkSession spark, String warehouse, String mart) {
        return Publication.read(spark, warehouse, mart);
    }
}
