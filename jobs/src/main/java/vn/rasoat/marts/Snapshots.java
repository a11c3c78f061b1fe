package vn.rasoat.marts;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import vn.rasoat.rules.Status;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

/**
 * Household statuses at a point in time, the input of every mart.
 *
 * <p>At the end of an annual review run R of year t: each household's latest recognised status among the runs
 * of year t under R's standard dated on or before R (so the monthly regular reviews of the year count).
 * At a month end D: the start-of-year list of D's year, overridden by every run of that year dated on or before
 * D. Households that left during the year (a change reason on the start list) are out from the start of the
 * year, since the list gives no date.
 */
public final class Snapshots {
    public static final String SNAPSHOT = "snapshot";

    private Snapshots() {
    }

    private static final Column RECOGNISED = col("status").isin(Status.POOR, Status.NEAR_POOR, Status.MIDDLE,
            Status.NOT_POOR);

    static Dataset<Row> latest(Dataset<Row> candidates, String... partition) {
        Column[] p = java.util.Arrays.stream(partition).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        var w = Window.partitionBy(p).orderBy(col("run_date").desc(), col("run_type").asc(), col("run_id").desc());
        return candidates.withColumn("_rank", row_number().over(w)).where(col("_rank").equalTo(1)).drop("_rank");
    }

    /** The annual runs found in the scored table: review_year, run_id, standard, rulebook version, run date. */
    public static Dataset<Row> annualRuns(Dataset<Row> scored) {
        return scored.where(col("run_type").equalTo("annual"))
                .select(col("review_year").as("_year"), col("run_id").as("_annual_run"), col("standard").as("_standard"),
                        col("rulebook_version").as("_rulebook"), col("run_date").as("_annual_date"))
                .distinct();
    }

    /** One row per household per annual run: the scored columns of its latest recognised row. */
    public static Dataset<Row> annual(Dataset<Row> scored) {
        Dataset<Row> runs = annualRuns(scored);
        Dataset<Row> candidates = scored.where(RECOGNISED).join(runs,
                col("review_year").equalTo(col("_year")).and(col("standard").equalTo(col("_standard")))
                        .and(col("run_date").leq(col("_annual_date"))));
        return latest(candidates, "_annual_run", "household_id")
                .withColumn(SNAPSHOT, concat(lit("annual_"), col("_annual_run")))
                .withColumn("as_of_date", col("_annual_date"))
                .withColumn("snapshot_rulebook_version", col("_rulebook"))
                .drop("_year", "_annual_run", "_standard", "_rulebook", "_annual_date");
    }

    /**
     * Statuses at a month end. {@code startList} is the staged start-of-year list; attributes of a listed household
     * not yet reviewed in the year come from its latest scored row of an earlier year.
     */
    public static Dataset<Row> monthEnd(Dataset<Row> scored, Dataset<Row> startList, LocalDate date) {
        int year = date.getYear();
        java.sql.Date d = java.sql.Date.valueOf(date);
        Dataset<Row> thisYear = scored.where(RECOGNISED.and(col("review_year").equalTo(year)).and(col("run_date").leq(lit(d))));
        Dataset<Row> earlier = latest(scored.where(RECOGNISED.and(col("review_year").lt(year))), "household_id");
        Dataset<Row> listed = startList.where(col("review_year").equalTo(year).and(col("change_reason").isNull()))
                .select(col("household_id").as("_hh"), col("status").as("_start_status"), col("members").as("_start_members"));
        Dataset<Row> fromList = earlier.join(listed, col("household_id").equalTo(col("_hh")))
                .withColumn("status", col("_start_status"))
                .withColumn("members", col("_start_members"))
                .withColumn("run_id", lit("start-of-year-" + year))
                .withColumn("run_type", lit("start_list"))
                .withColumn("run_date", lit(java.sql.Date.valueOf(LocalDate.of(year, 1, 1))))
                .withColumn("review_year", lit(year))
                .drop("_hh", "_start_status", "_start_members");
        Dataset<Row> candidates = thisYear.unionByName(fromList);
        return latest(candidates, "household_id")
                .withColumn(SNAPSHOT, lit("month_end_" + date))
                .withColumn("as_of_date", lit(d))
                .withColumn("snapshot_rulebook_version", col("rulebook_version"));
    }

    /**
     * The households of each annual snapshot that could not be classified: a not-scored row (form B1 or B2 missing or
     * held) in the snapshot's runs and no recognised or screened-out row there. One row per household and annual
     * run, the columns of {@link #annual} with status {@code not_scored} (its latest not-scored row). They are
     * never in the snapshot itself, so no mart reads them as "not poor"; the rates count them on their own.
     */
    public static Dataset<Row> annualNotScored(Dataset<Row> scored) {
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
                .withColumn("snapshot_rulebook_version", col("rulebook_version"));
    }
}
