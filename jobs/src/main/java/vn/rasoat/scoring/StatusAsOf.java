package vn.rasoat.scoring;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import vn.rasoat.rules.Status;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

/**
 * A household's status at a date: its latest recognised status among the runs dated on or before it — the
 * annual review and the monthly regular reviews alike (docs/rules.md#snapshots). Screened-out applications
 * and unscored rows recognise nothing, so the household keeps its earlier status.
 */
public final class StatusAsOf {
    private StatusAsOf() {
    }

    public static Dataset<Row> latest(Dataset<Row> scored, LocalDate date) {
        var w = Window.partitionBy(col("household_id"))
                .orderBy(col("run_date").desc(), col("run_type").asc(), col("run_id").desc());
        return scored.where(col("run_date").leq(lit(java.sql.Date.valueOf(date)))
                        .and(col("status").isin(Status.POOR, Status.NEAR_POOR, Status.MIDDLE, Status.NOT_POOR)))
                .withColumn("_rank", row_number().over(w))
                .where(col("_rank").equalTo(1))
                .drop("_rank")
                .withColumn("as_of_date", lit(java.sql.Date.valueOf(date)));
    }
}
