package vn.rasoat.marts;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;

/**
 * {@code mart_yoy}: for every pair of review years (base before target) and every unit at every level, the poor and
 * near-poor rates in each year (end of the annual review), their absolute change in percentage points and relative
 * change, and the standard in force each year — flagged where the two differ, since such a change mixes the change
 * of standard with the change of living conditions (the harmonised series of {@code score --as-standard} separates
 * them). Counts are exact: the review covers every listed household, so no interval applies here.
 */
final class YoyMart {
    private YoyMart() {
    }

    static Dataset<Row> build(Dataset<Row> stampedRates) {
        Dataset<Row> a = stampedRates.where(col(Snapshots.SNAPSHOT).startsWith("annual_")
                .and(col("breakdown").isin("all", "area")));
        Dataset<Row> b = a.select(col("review_year").as("base_year"), col("level").as("_l"), col("unit_code").as("_u"),
                col("breakdown").as("_b"), col("breakdown_value").as("_bv"),
                split(col("rulebook_version"), "-").getItem(0).as("base_standard"),
                col("rulebook_version").as("base_rulebook_version"), col("input_version").as("base_input_version"),
                col("households_total").as("base_households_total"), col("poor_households").as("base_poor_households"),
                col("near_poor_households").as("base_near_poor_households"),
                col("poor_rate_pct").as("base_poor_rate_pct"), col("near_poor_rate_pct").as("base_near_poor_rate_pct"),
                col("not_scored_households").as("base_not_scored_households"), col("completeness").as("base_completeness"),
                col("incomplete").as("base_incomplete"), col("poor_rate_low").as("base_poor_rate_low"),
                col("poor_rate_high").as("base_poor_rate_high"), col("near_poor_rate_low").as("base_near_poor_rate_low"),
                col("near_poor_rate_high").as("base_near_poor_rate_high"));
        Dataset<Row> j = a.join(b, col("level").equalTo(col("_l")).and(col("unit_code").equalTo(col("_u")))
                .and(col("breakdown").equalTo(col("_b"))).and(col("breakdown_value").equalTo(col("_bv")))
                .and(col("base_year").lt(col("review_year"))));
        Column target = split(col("rulebook_version"), "-").getItem(0);
        return j.select(col("base_year"), col("level"), col("unit_code"), col("parent_code"), col("breakdown"),
                col("breakdown_value"), col("base_standard"), target.as("target_standard"),
                col("base_standard").notEqual(target).as("standard_changed"),
                col("base_households_total"), col("households_total").as("target_households_total"),
                col("base_poor_households"), col("poor_households").as("target_poor_households"),
                col("base_near_poor_households"), col("near_poor_households").as("target_near_poor_households"),
                col("base_poor_rate_pct"), col("poor_rate_pct").as("target_poor_rate_pct"),
                col("poor_rate_pct").minus(col("base_poor_rate_pct")).as("poor_rate_change_pp"),
                relative(col("poor_rate_pct"), col("base_poor_rate_pct")).as("poor_rate_change_rel_pct"),
                col("base_near_poor_rate_pct"), col("near_poor_rate_pct").as("target_near_poor_rate_pct"),
                col("near_poor_rate_pct").minus(col("base_near_poor_rate_pct")).as("near_poor_rate_change_pp"),
                relative(col("near_poor_rate_pct"), col("base_near_poor_rate_pct")).as("near_poor_rate_change_rel_pct"),
                col("base_not_scored_households"), col("not_scored_households").as("target_not_scored_households"),
                col("base_completeness"), col("completeness").as("target_completeness"),
                col("base_incomplete"), col("incomplete").as("target_incomplete"),
                col("base_incomplete").or(col("incomplete")).as("incomplete"),
                col("base_poor_rate_low"), col("base_poor_rate_high"), col("base_near_poor_rate_low"),
                col("base_near_poor_rate_high"), col("poor_rate_low").as("target_poor_rate_low"),
                col("poor_rate_high").as("target_poor_rate_high"), col("near_poor_rate_low").as("target_near_poor_rate_low"),
                col("near_poor_rate_high").as("target_near_poor_rate_high"),
                concat_ws("|", col("base_rulebook_version"), col("rulebook_version")).as("rulebook_version"),
                concat_ws("|", col("base_input_version"), col("input_version")).as("input_version"),
                col("review_year"));
    }

    /** (target − base) / base × 100, two decimals; null when the base rate is zero or missing. */
    private static Column relative(Column target, Column base) {
        return when(base.isNull().or(base.equalTo(0)), lit(null).cast("decimal(12,2)"))
                .otherwise(round(target.minus(base).multiply(lit(100)).divide(base), 2).cast("decimal(12,2)"));
    }
}
