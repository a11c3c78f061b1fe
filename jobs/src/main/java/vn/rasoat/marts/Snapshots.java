package vn.rasoat.marts;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import vn.rasoat.rules.Rulebooks;
import vn.rasoat.rules.Status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

/**
 * Household statuses at a point in time, the input of every mart (docs/rules.md, "Snapshots").
 *
 * <p><b>Annual.</b> At the end of an annual review run R of year t: each household's latest recognised status among
 * the runs of year t under R's standard dated on or before R (so the monthly regular reviews of the year count).
 * A year can have several annual runs (Kiên Giang reviewed 2021 under both standards): exactly one is the year's
 * <b>official</b> run ({@link #officialRuns}); every snapshot row carries {@code official}, and the other runs stay
 * available as alternative series.
 *
 * <p><b>Month end.</b> At a date D: the start-of-year list of D's year, overridden by every run of that year under
 * the year's official standard dated on or before D, whether or not the household has earlier history. A household
 * that left during the year (a change reason on the start list) counts until its departure is recorded — the input
 * carries no departure date, so until the date of the year's official annual review (in its province); after that
 * date it is out. Attributes the start list does not carry (area type, head's ethnicity, target groups) come from the
 * household's latest earlier scored row, else are null; the unit (district, region, urban/rural) comes from the
 * commune's entry in the unit list in force at the end of the year.
 */
public final class Snapshots {
    public static final String SNAPSHOT = "snapshot";
    public static final String OFFICIAL = "official";

    private Snapshots() {
    }

    private static final Column RECOGNISED = col("status").isin(Status.POOR, Status.NEAR_POOR, Status.MIDDLE,
            Status.NOT_POOR);

    static Dataset<Row> latest(Dataset<Row> candidates, String... partition) {
        Column[] p = java.util.Arrays.stream(partition).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        var w = Window.partitionBy(p).orderBy(col("run_date").desc(), col("run_type").asc(), col("run_id").desc());
        return candidates.withColumn("_rank", row_number().over(w)).where(col("_rank").equalTo(1)).drop("_rank");
    }

    /** An annual run of the scored table: its year, id, standard and date (the latest date over its provinces). */
    public record AnnualRun(int year, String runId, String standard, LocalDate date) {
    }

    /**
     * The official annual run of each review year. A run marked {@code official} in review_runs is the year's
     * official run; without a mark, the annual run under the standard the calendar names for the year (the latest
     * such run when there are several); failing that, the latest annual run not marked {@code official = false}.
     * Two runs of a year marked official, or a run marked both ways in two provinces, is an error naming them.
     *
     * @param reviewRuns the staged review_runs (null when none was ingested)
     */
    public static Map<Integer, AnnualRun> officialRuns(Dataset<Row> scored, Dataset<Row> reviewRuns, Rulebooks rulebooks) {
        Map<String, AnnualRun> runs = new TreeMap<>();
        for (Row r : scored.where(col("run_type").equalTo("annual"))
                .groupBy("review_year", "run_id", "standard")
                .agg(org.apache.spark.sql.functions.max("run_date").as("run_date")).collectAsList()) {
            AnnualRun a = new AnnualRun(r.getInt(0), r.getString(1), r.getString(2), r.getDate(3).toLocalDate());
            AnnualRun before = runs.put(a.runId(), a);
            if (before != null && !before.standard().equals(a.standard())) {
                throw new IllegalArgumentException("review run " + a.runId() + " is scored under two standards ("
                        + before.standard() + ", " + a.standard() + ") in different provinces: give each standard its own run id");
            }
        }
        Map<String, Boolean> marks = new TreeMap<>();
        if (reviewRuns != null && java.util.Arrays.asList(reviewRuns.columns()).contains(OFFICIAL)) {
            Map<String, Set<Boolean>> seen = new TreeMap<>();
            for (Row r : reviewRuns.where(col(OFFICIAL).isNotNull()).select("run_id", OFFICIAL).distinct().collectAsList()) {
                seen.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getBoolean(1));
            }
            for (Map.Entry<String, Set<Boolean>> e : seen.entrySet()) {
                if (e.getValue().size() > 1) {
                    throw new IllegalArgumentException("review_runs: run " + e.getKey()
                            + " is marked official in one province and not official in another");
                }
                marks.put(e.getKey(), e.getValue().iterator().next());
            }
        }
        Map<Integer, List<AnnualRun>> byYear = new TreeMap<>();
        runs.values().forEach(a -> byYear.computeIfAbsent(a.year(), k -> new ArrayList<>()).add(a));
        Comparator<AnnualRun> latestFirst = Comparator.comparing(AnnualRun::date).thenComparing(AnnualRun::runId).reversed();
        Map<Integer, AnnualRun> official = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<AnnualRun>> e : byYear.entrySet()) {
            List<AnnualRun> marked = e.getValue().stream().filter(a -> Boolean.TRUE.equals(marks.get(a.runId()))).toList();
            if (marked.size() > 1) {
                throw new IllegalArgumentException("review_runs: " + e.getKey() + " has " + marked.size()
                        + " annual runs marked official (" + marked.stream().map(AnnualRun::runId).toList() + "): mark one");
            }
            List<AnnualRun> open = e.getValue().stream().filter(a -> !Boolean.FALSE.equals(marks.get(a.runId())))
                    .sorted(latestFirst).toList();
            String calendar = rulebooks.standardForYear(e.getKey());
            AnnualRun pick = !marked.isEmpty() ? marked.get(0)
                    : open.stream().filter(a -> a.standard().equals(calendar)).findFirst()
                    .orElse(open.isEmpty() ? null : open.get(0));
            if (pick != null) {
                official.put(e.getKey(), pick);
            }
        }
        return official;
    }

    /** The official run ids, for filters. */
    static List<String> officialIds(Map<Integer, AnnualRun> official) {
        return official.values().stream().map(AnnualRun::runId).sorted().toList();
    }

    /** The annual runs found in the scored table: review_year, run_id, standard, rulebook version, run date. */
    public static Dataset<Row> annualRuns(Dataset<Row> scored) {
        return scored.where(col("run_type").equalTo("annual"))
                .select(col("review_year").as("_year"), col("run_id").as("_annual_run"), col("standard").as("_standard"),
                        col("rulebook_version").as("_rulebook"), col("run_date").as("_annual_date"))
                .distinct();
    }

    /**
     * One row per household per annual run: the scored columns of its latest recognised row, and whether the run is
     * its year's official one.
     */
    public static Dataset<Row> annual(Dataset<Row> scored, Map<Integer, AnnualRun> official) {
        Dataset<Row> runs = annualRuns(scored);
        Dataset<Row> candidates = scored.where(RECOGNISED).join(runs,
                col("review_year").equalTo(col("_year")).and(col("standard").equalTo(col("_standard")))
                        .and(col("run_date").leq(col("_annual_date"))));
        return latest(candidates, "_annual_run", "household_id")
                .withColumn(SNAPSHOT, concat(lit("annual_"), col("_annual_run")))
                .withColumn("as_of_date", col("_annual_date"))
                .withColumn("snapshot_rulebook_version", col("_rulebook"))
                .withColumn(OFFICIAL, col("_annual_run").isin(officialIds(official).toArray()))
                .drop("_year", "_annual_run", "_standard", "_rulebook", "_annual_date");
    }

    /**
     * Statuses at a month end (see the class comment). {@code startList} is the staged start-of-year list;
     * {@code communeArea} the unit of each commune at the end of each year ({@link MartsJob#communeArea}).
     * Month-end rows are not the official annual snapshot: {@code official} is false.
     */
    public static Dataset<Row> monthEnd(Dataset<Row> scored, Dataset<Row> startList, Dataset<Row> communeArea,
                                        LocalDate date, Map<Integer, AnnualRun> official, Rulebooks rulebooks) {
        int year = date.getYear();
        java.sql.Date d = java.sql.Date.valueOf(date);
        AnnualRun annualRun = official.get(year);
        String standard = annualRun != null ? annualRun.standard() : rulebooks.standardForYear(year);
        Dataset<Row> thisYear = scored.where(RECOGNISED.and(col("review_year").equalTo(year))
                .and(col("standard").equalTo(standard)).and(col("run_date").leq(lit(d))));
        // the date a departure takes effect: the official annual review of the household's province
        Dataset<Row> departure = annualRun == null ? null : scored.where(col("run_id").equalTo(annualRun.runId()))
                .groupBy(col("province_code").as("_dep_province"))
                .agg(org.apache.spark.sql.functions.max("run_date").as("_departs_on"));
        Dataset<Row> listed = startList.where(col("review_year").equalTo(year))
                .select(col("household_id").as("_hh"), col("status").as("_start_status"), col("members").as("_start_members"),
                        col("commune_code").as("_start_commune"), col("province_code").as("_start_province"),
                        col("change_reason").as("_left"));
        if (departure != null) {
            listed = listed.join(broadcast(departure), col("_start_province").equalTo(col("_dep_province")), "left")
                    .where(col("_left").isNull().or(col("_departs_on").isNull()).or(col("_departs_on").gt(lit(d))))
                    .drop("_dep_province", "_departs_on");
        }
        Dataset<Row> area = communeArea.where(col("_a_year").equalTo(year));
        Dataset<Row> earlier = latest(scored.where(RECOGNISED.and(col("review_year").lt(year))), "household_id");
        Dataset<Row> fromList = listed
                .join(earlier, col("_hh").equalTo(col("household_id")), "left")
                .join(broadcast(area), col("_start_commune").equalTo(col("_a_commune")), "left")
                .withColumn("household_id", col("_hh"))
                .withColumn("status", col("_start_status"))
                .withColumn("members", col("_start_members"))
                .withColumn("commune_code", col("_start_commune"))
                .withColumn("province_code", coalesce(col("_a_province"), col("_start_province")))
                .withColumn("district_code", when(col("_a_commune").isNotNull(), col("_a_district"))
                        .otherwise(col("district_code")))
                .withColumn("region_key", coalesce(col("_a_region"), col("region_key")))
                .withColumn("urban", coalesce(col("_a_urban"), col("urban")))
                .withColumn("run_id", lit("start-of-year-" + year))
                .withColumn("run_type", lit("start_list"))
                .withColumn("run_date", lit(java.sql.Date.valueOf(LocalDate.of(year, 1, 1))))
                .withColumn("review_year", lit(year))
                .withColumn("standard", lit(standard))
                .withColumn("rulebook_version", lit(rulebooks.get(standard).version()))
                .drop("_hh", "_start_status", "_start_members", "_start_commune", "_start_province", "_left",
                        "_a_year", "_a_commune", "_a_urban", "_a_province", "_a_district", "_a_region");
        Dataset<Row> candidates = thisYear.unionByName(fromList.select(java.util.Arrays.stream(thisYear.columns())
                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new)));
        return latest(candidates, "household_id")
                .withColumn(SNAPSHOT, lit("month_end_" + date))
                .withColumn("as_of_date", lit(d))
                .withColumn("snapshot_rulebook_version", lit(rulebooks.get(standard).version()))
                .withColumn(OFFICIAL, lit(false));
    }

    /**
     * The households of each annual snapshot that could not be classified: a not-scored row (form B1 or B2 missing or
     * held) in the snapshot's runs and no recognised or screened-out row there. One row per household and annual
     * run, the columns of {@link #annual} with status {@code not_scored} (its latest not-scored row). They are
     * never in the snapshot itself, so no mart reads them as "not poor"; the rates count them on their own.
     */
    public static Dataset<Row> annualNotScored(Dataset<Row> scored, Map<Integer, AnnualRun> official) {
        Dataset<Row> runs = annualRuns(scored);
        Dataset<Row> inWindow = scored.join(runs, col("review_year").equalTo(col("_year"))
                .and(col("standard").equalTo(col("_standard"))).and(col("run_date").leq(col("_annual_date"))));
        Dataset<Row> classified = inWindow.where(RECOGNISED.or(col("status").equalTo(Status.SCREENED_OUT)))
                .select(col("_annual_run").as("_c_run"), col("household_id").as("_c_hh")).distinct();
        Dataset<Row> held = inWindow.where(col("status").equalTo(Status.NOT_SCORED))
                .join(classified, col("_annual_run").equalTo(col("_c_run")).and(col("household_id").equalTo(col("_c_hh"))),
                        "left_anti");
        return latest(held, "_annual_run", "household_id")
                .withColumn(SNAPSHOT, concat(lit("annual_"), col("_annual_run")))
                .withColumn("as_of_date", col("_annual_date"))
                .withColumn("snapshot_rulebook_version", col("_rulebook"))
                .withColumn(OFFICIAL, col("_annual_run").isin(officialIds(official).toArray()))
                .drop("_year", "_annual_run", "_standard", "_rulebook", "_annual_date");
    }

    /**
     * The households not classified at a month end: a not-scored row of the year dated on or before it, and neither
     * in the month-end snapshot (a start-list household keeps its listed status) nor screened out.
     */
    public static Dataset<Row> monthEndNotScored(Dataset<Row> scored, Dataset<Row> snapshot, LocalDate date) {
        java.sql.Date d = java.sql.Date.valueOf(date);
        Dataset<Row> rows = scored.where(col("review_year").equalTo(date.getYear()).and(col("run_date").leq(lit(d))));
        Dataset<Row> out = rows.where(col("status").isin(Status.POOR, Status.NEAR_POOR, Status.MIDDLE, Status.NOT_POOR,
                        Status.SCREENED_OUT)).select(col("household_id").as("_c_hh"))
                .unionByName(snapshot.select(col("household_id").as("_c_hh"))).distinct();
        Dataset<Row> held = rows.where(col("status").equalTo(Status.NOT_SCORED))
                .join(out, col("household_id").equalTo(col("_c_hh")), "left_anti");
        return latest(held, "household_id")
                .withColumn(SNAPSHOT, lit("month_end_" + date))
                .withColumn("as_of_date", lit(d))
                .withColumn("snapshot_rulebook_version", col("rulebook_version"))
                .withColumn(OFFICIAL, lit(false));
    }
}
