package vn.rasoat.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;

/**
 * {@code mart_rates_harmonised}: the official rates (each year under its own standard) beside the rates of the same
 * households rescored under one standard ({@code rasoat score --as-standard}), for every year, unit and area, and the
 * indicators that could not be harmonised (not collected under the year's own form) — so a series across the 2022 or
 * 2027 change of standard can be read like for like, with its limits named. Written only when a rescoring exists.
 */
final class HarmonisedMart {
    private HarmonisedMart() {
    }

    static Dataset<Row> build(Dataset<Row> rescoredAnnual, Dataset<Row> harmonisedRates, Dataset<Row> officialStamped,
                              String standard, String rulebookVersion) {
        Dataset<Row> underivable = rescoredAnnual.groupBy(col("review_year").as("_uy"))
                .agg(array_join(array_sort(array_distinct(flatten(collect_set(col("underivable_indicators"))))), ",")
                        .as("underivable_indicators"));
        Dataset<Row> h = harmonisedRates.where(RatesMart.withTotals())
                .select(col("review_year").as("_hy"), col("level").as("_hl"), col("unit_code").as("_hu"),
                        col("breakdown").as("_hb"), col("breakdown_value").as("_hv"),
                        col("poor_households").as("harmonised_poor_households"),
                        col("near_poor_households").as("harmonised_near_poor_households"),
                        col("poor_rate_pct").as("harmonised_poor_rate_pct"),
                        col("near_poor_rate_pct").as("harmonised_near_poor_rate_pct"));
        Dataset<Row> o = officialStamped.where(col(Snapshots.OFFICIAL).and(RatesMart.withTotals()));
        return o.join(h, col("review_year").equalTo(col("_hy")).and(col("level").equalTo(col("_hl")))
                        .and(col("unit_code").equalTo(col("_hu"))).and(col("breakdown").equalTo(col("_hb")))
                        .and(col("breakdown_value").equalTo(col("_hv"))))
                .join(underivable, col("review_year").equalTo(col("_uy")), "left")
                .select(col("level"), col("unit_code"), col("parent_code"), col("breakdown"), col("breakdown_value"),
                        col("households_total"),
                        org.apache.spark.sql.functions.split(col("rulebook_version"), "-").getItem(0).as("official_standard"),
                        col("poor_households").as("official_poor_households"),
                        col("near_poor_households").as("official_near_poor_households"),
                        col("poor_rate_pct").as("official_poor_rate_pct"), col("near_poor_rate_pct").as("official_near_poor_rate_pct"),
                        col("harmonised_poor_households"), col("harmonised_near_poor_households"),
                        col("harmonised_poor_rate_pct"), col("harmonised_near_poor_rate_pct"),
                        col("underivable_indicators"),
                        org.apache.spark.sql.functions.concat_ws("|", col("rulebook_version"), lit(rulebookVersion)).as("rulebook_version"),
                        col("input_version"), col("review_year"), lit(standard).as("harmonised_as"));
    }
}
