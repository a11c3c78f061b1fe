package vn.rasoat.marts;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import vn.rasoat.rules.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * {@code mart_rates}: poor, near-poor and middle households and people per unit and level, with rates over the
 * unit's resident households from the commune household totals (docs/rules.md#rates), by breakdown.
 */
final class RatesMart {
    /** Breakdowns: the whole population, then subgroups of reviewed households (their counts; rates only where
     * a denominator exists: all households, and urban/rural by commune type). */
    static final List<String> BREAKDOWNS = vn.rasoat.rules.Breakdowns.NAMES;

    private RatesMart() {
    }

    /** Rows of the breakdowns whose subgroups have household and population totals (Breakdowns.WITH_TOTALS). */
    static Column withTotals() {
        return col("breakdown").isin(vn.rasoat.rules.Breakdowns.WITH_TOTALS.toArray());
    }

    /** A subgroup's value; "unknown" where the attribute is missing (a month-end household never scored). */
    static Column breakdownValue(String b) {
        return switch (b) {
            case "all" -> lit("all");
            case "area" -> when(col("urban").isNull(), lit("unknown")).when(col("urban"), lit("urban")).otherwise(lit("rural"));
            case "ethnic_minority" -> when(col("ethnic_minority").isNull(), lit("unknown"))
                    .when(col("ethnic_minority"), lit("yes")).otherwise(lit("no"));
            default -> when(col(b).isNull(), lit("unknown")).when(col(b), lit("yes")).otherwise(lit("no"));
        };
    }

    /** The latest commune total at or before the review year, with its reference year. */
    static Dataset<Row> denominators(Dataset<Row> totals, Dataset<Row> snapshotYears) {
        Dataset<Row> joined = totals.join(snapshotYears, col("reference_year").leq(col("_snap_year")));
        var w = Window.partitionBy(col("_snap_year"), col("commune_code")).orderBy(col("reference_year").desc());
        return joined.withColumn("_r", row_number().over(w)).where(col("_r").equalTo(1))
                .select(col("_snap_year"), col("commune_code").as("_d_commune"), col("province_code").as("_d_province"),
                        col("district_code").as("_d_district"), col("households_total"),
                        coalesce(col("population_total"), lit(0L)).as("population_total"),
                        col("reference_year").as("denominator_year"));
    }

    /**
     * Rates with completeness: {@code notScored} holds the snapshot's households that could not be classified
     * (status {@code not_scored}); they are counted beside the classified ones, never as "not poor", and bound
     * the rates: low = all of them not poor (the rate as counted), high = all of them as the commune recorded them.
     */
    static Dataset<Row> build(Dataset<Row> snapshot, Dataset<Row> notScored, Dataset<Row> totals, Dataset<Row> communeArea,
                              java.math.BigDecimal threshold) {
        Dataset<Row> all = snapshot.unionByName(notScored.withColumn("status", lit(Status.NOT_SCORED))
                .select(java.util.Arrays.stream(snapshot.columns()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new)));
        Dataset<Row> rates = counts(all, totals, communeArea);
        Column total = col("reviewed_households").plus(col("not_scored_households"));
        Column hasDen = withTotals().and(col("households_total").gt(0));
        // truncated, not rounded: 1.0000 only when every household was classified
        Column share = when(total.equalTo(0), lit(java.math.BigDecimal.ONE))
                .otherwise(org.apache.spark.sql.functions.floor(col("reviewed_households").cast("decimal(20,4)")
                        .multiply(lit(10000)).divide(total.cast("decimal(20,4)"))).cast("decimal(20,4)").divide(lit(10000)));
        return rates
                .withColumn("completeness", share.cast("decimal(5,4)"))
                .withColumn("incomplete", col("reviewed_households").cast("decimal(20,4)")
                        .lt(total.cast("decimal(20,4)").multiply(lit(threshold))))
                .withColumn("poor_rate_low", col("poor_rate_pct"))
                .withColumn("poor_rate_high", when(hasDen, rate(col("poor_households").plus(col("not_scored_recorded_poor")),
                        col("households_total"))))
                .withColumn("near_poor_rate_low", col("near_poor_rate_pct"))
                .withColumn("near_poor_rate_high", when(hasDen, rate(col("near_poor_households")
                        .plus(col("not_scored_recorded_near_poor")), col("households_total"))));
    }

    /** Counts and rates of a snapshot whose not-classified households carry status not_scored. */
    private static Dataset<Row> counts(Dataset<Row> snapshot, Dataset<Row> totals, Dataset<Row> communeArea) {
        List<String> keep = List.of("review_year", Snapshots.SNAPSHOT, "as_of_date", "breakdown", "breakdown_value");
        Column poor = col("status").equalTo(Status.POOR);
        Column near = col("status").equalTo(Status.NEAR_POOR);
        Column middle = col("status").equalTo(Status.MIDDLE);
        Column held = col("status").equalTo(Status.NOT_SCORED);
        Map<String, Column> counts = new java.util.LinkedHashMap<>();
        counts.put("poor_households", sum(when(poor, 1).otherwise(0)));
        counts.put("near_poor_households", sum(when(near, 1).otherwise(0)));
        counts.put("middle_households", sum(when(middle, 1).otherwise(0)));
        counts.put("poor_people", sum(when(poor, col("members")).otherwise(0)));
        counts.put("near_poor_people", sum(when(near, col("members")).otherwise(0)));
        counts.put("middle_people", sum(when(middle, col("members")).otherwise(0)));
        counts.put("reviewed_households", sum(when(held, 0).otherwise(1)));
        counts.put("not_scored_households", sum(when(held, 1).otherwise(0)));
        counts.put("not_scored_recorded_poor", sum(when(held.and(col("recorded_status").equalTo(Status.POOR)), 1).otherwise(0)));
        counts.put("not_scored_recorded_near_poor", sum(when(held.and(col("recorded_status").equalTo(Status.NEAR_POOR)), 1).otherwise(0)));
        // One pass over the households: a cell per commune and value of every subgroup; each subgroup's counts are
        // sums over cells (the subgroups multiply the cells, not the households' rows)
        List<Column> cellKeys = new ArrayList<>(List.of(col("review_year"), col(Snapshots.SNAPSHOT), col("as_of_date"),
                col("province_code"), col("district_code"), col("commune_code"), col("region_key")));
        for (String b : BREAKDOWNS) {
            if (!b.equals("all")) {
                cellKeys.add(breakdownValue(b).as("_bv_" + b));
            }
        }
        List<Column> cellCounts = new ArrayList<>();
        counts.forEach((name, c) -> cellCounts.add(c.cast("long").as(name)));
        Dataset<Row> cells = snapshot.groupBy(cellKeys.toArray(Column[]::new))
                .agg(cellCounts.get(0), cellCounts.subList(1, cellCounts.size()).toArray(Column[]::new));
        Dataset<Row> counted = null;
        for (String b : BREAKDOWNS) {
            Dataset<Row> part = cells.withColumn("breakdown", lit(b))
                    .withColumn("breakdown_value", b.equals("all") ? lit("all") : col("_bv_" + b));
            counted = counted == null ? part : counted.unionByName(part);
        }
        List<Column> sums = new ArrayList<>();
        counts.keySet().forEach(name -> sums.add(sum(col(name)).cast("long").as(name)));
        Dataset<Row> communes = counted.groupBy(col("review_year"), col(Snapshots.SNAPSHOT), col("as_of_date"),
                        col("breakdown"), col("breakdown_value"), col("province_code"), col("district_code"),
                        col("commune_code"), col("region_key"))
                .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
        // Denominators: every commune of the unit (whether or not it has reviewed households) for "all";
        // communes of the matching type for urban/rural; none for the other subgroups.
        Dataset<Row> years = snapshot.select(col("review_year").as("_snap_year")).distinct();
        Dataset<Row> den = denominators(totals, years).join(communeArea, col("_d_commune").equalTo(col("_a_commune"))
                .and(col("_snap_year").equalTo(col("_a_year"))), "left");
        Dataset<Row> frame = communes.select("review_year", Snapshots.SNAPSHOT, "as_of_date", "breakdown", "breakdown_value")
                .distinct();
        Dataset<Row> denRows = frame.where(withTotals())
                .join(den, col("review_year").equalTo(col("_snap_year"))
                        .and(col("breakdown").equalTo("all").or(col("breakdown_value").equalTo(
                                when(coalesce(col("_a_urban"), lit(false)), lit("urban")).otherwise(lit("rural"))))))
                .select(col("review_year"), col(Snapshots.SNAPSHOT), col("as_of_date"), col("breakdown"),
                        col("breakdown_value"), coalesce(col("_a_province"), col("_d_province")).as("province_code"),
                        when(col("_a_commune").isNotNull(), col("_a_district")).otherwise(col("_d_district")).as("district_code"),
                        col("_d_commune").as("commune_code"), col("_a_region").as("region_key"),
                        col("households_total"), col("population_total"), col("denominator_year"));
        Dataset<Row> full = communes.join(denRows, scala.jdk.javaapi.CollectionConverters.asScala(List.of("review_year",
                        Snapshots.SNAPSHOT, "as_of_date", "breakdown", "breakdown_value", "commune_code")).toSeq(), "full_outer")
                .select(col("review_year"), col(Snapshots.SNAPSHOT), col("as_of_date"), col("breakdown"), col("breakdown_value"),
                        coalesce(communes.col("province_code"), denRows.col("province_code")).as("province_code"),
                        coalesce(communes.col("district_code"), denRows.col("district_code")).as("district_code"),
                        col("commune_code"),
                        coalesce(communes.col("region_key"), denRows.col("region_key")).as("region_key"),
                        coalesce(col("poor_households"), lit(0L)).as("poor_households"),
                        coalesce(col("near_poor_households"), lit(0L)).as("near_poor_households"),
                        coalesce(col("middle_households"), lit(0L)).as("middle_households"),
                        coalesce(col("poor_people"), lit(0L)).as("poor_people"),
                        coalesce(col("near_poor_people"), lit(0L)).as("near_poor_people"),
                        coalesce(col("middle_people"), lit(0L)).as("middle_people"),
                        coalesce(col("reviewed_households"), lit(0L)).as("reviewed_households"),
                        coalesce(col("not_scored_households"), lit(0L)).as("not_scored_households"),
                        coalesce(col("not_scored_recorded_poor"), lit(0L)).as("not_scored_recorded_poor"),
                        coalesce(col("not_scored_recorded_near_poor"), lit(0L)).as("not_scored_recorded_near_poor"),
                        col("households_total"), col("population_total"), col("denominator_year"),
                        when(col("households_total").isNull().and(withTotals()), lit(1L))
                                .otherwise(lit(0L)).as("communes_without_denominator"))
                .localCheckpoint();
        List<String> measures = new ArrayList<>(List.of("poor_households", "near_poor_households", "middle_households",
                "poor_people", "near_poor_people", "middle_people", "reviewed_households", "not_scored_households",
                "not_scored_recorded_poor", "not_scored_recorded_near_poor", "households_total",
                "population_total", "communes_without_denominator"));
        Dataset<Row> rolled = Levels.rollUp(full, List.of("review_year", Snapshots.SNAPSHOT, "as_of_date", "breakdown",
                "breakdown_value"), measures);
        // the year of the denominator figure, per unit (min and max when communes differ)
        Dataset<Row> denYears = Levels.rollUpMinMax(full, List.of("review_year", Snapshots.SNAPSHOT, "breakdown",
                "breakdown_value"), "denominator_year");
        Dataset<Row> withYears = rolled.join(denYears, scala.jdk.javaapi.CollectionConverters.asScala(List.of("review_year",
                Snapshots.SNAPSHOT, "breakdown", "breakdown_value", "level", "unit_code")).toSeq(), "left");
        Column hasDen = withTotals().and(col("households_total").gt(0));
        Column popDen = withTotals().and(col("population_total").gt(0));
        return withYears
                .withColumn("households_total", when(withTotals(), col("households_total")))
                .withColumn("population_total", when(withTotals(), col("population_total")))
                .withColumn("poor_rate_pct", when(hasDen, rate(col("poor_households"), col("households_total"))))
                .withColumn("near_poor_rate_pct", when(hasDen, rate(col("near_poor_households"), col("households_total"))))
                .withColumn("middle_rate_pct", when(hasDen, rate(col("middle_households"), col("households_total"))))
                .withColumn("poor_people_rate_pct", when(popDen, rate(col("poor_people"), col("population_total"))))
                .withColumn("near_poor_people_rate_pct", when(popDen, rate(col("near_poor_people"), col("population_total"))));
    }

    /** A percentage as a ratio of two sums: the one rate function, {@link Rates#pct(Column, Column)}. */
    static Column rate(Column part, Column whole) {
        return Rates.pct(part, whole);
    }
}
