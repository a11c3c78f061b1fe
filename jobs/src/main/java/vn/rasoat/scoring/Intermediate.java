package vn.rasoat.scoring;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.ingest.Staging;
import vn.rasoat.io.WarehouseLayout;

/**
 * The intermediate layer, the only thing the marts read (lineage as in dbt: staging → intermediate → marts, each
 * layer reading only the one below it). Two kinds of model:
 * <ul>
 *   <li>materialised by {@code score}: the scored household-runs ({@code int_household_scored}) and, when a year was
 *       rescored under another standard, {@code int_household_rescored};</li>
 *   <li>views over the published staging, carried forward unchanged (dbt's "ephemeral" models): the start lists,
 *       the commune household totals, the review runs, the hamlets and the quarantine. They are not copied: the
 *       marts read them through here, from the staging version the publication pointer names.</li>
 * </ul>
 * A view that may be absent (an older warehouse, a province without hamlet lists) is {@code null}, never empty.
 */
public final class Intermediate {
    private Intermediate() {
    }

    /** The scored household-runs: one row per household and review run, with its status and reasons. */
    public static Dataset<Row> scored(SparkSession spark, String warehouse) {
        return spark.read().parquet(WarehouseLayout.scored(warehouse));
    }

    /** The household-runs rescored under another standard (for the harmonised series), or null when none were. */
    public static Dataset<Row> rescored(SparkSession spark, String warehouse) {
        String path = WarehouseLayout.rescored(warehouse);
        return IngestJob.hasParquet(spark, path) ? spark.read().parquet(path) : null;
    }

    /** The lists of poor and near-poor households each commune started its review from. */
    public static Dataset<Row> startLists(SparkSession spark, String warehouse) {
        return Staging.read(spark, warehouse, "stg_start_list");
    }

    /** The communes' household and population totals: the rates' denominators. */
    public static Dataset<Row> communeTotals(SparkSession spark, String warehouse) {
        return Staging.read(spark, warehouse, "stg_commune_totals");
    }

    /** The review runs with their dates, types and standards (which run is a year's official snapshot), or null. */
    public static Dataset<Row> reviewRuns(SparkSession spark, String warehouse) {
        return Staging.readOptional(spark, warehouse, "stg_review_runs");
    }

    /** The communes' hamlet lists, or null. */
    public static Dataset<Row> hamlets(SparkSession spark, String warehouse) {
        return Staging.readOptional(spark, warehouse, "stg_hamlets");
    }

    /** The rows held back by ingest, with file, line, field, value and reason, or null. */
    public static Dataset<Row> quarantine(SparkSession spark, String warehouse) {
        return Staging.readOptional(spark, warehouse, IngestJob.QUARANTINE);
    }
}
