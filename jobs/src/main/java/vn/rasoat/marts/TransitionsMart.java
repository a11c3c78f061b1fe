package vn.rasoat.marts;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import vn.rasoat.rules.Status;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * {@code mart_transitions}: movements of poor and near-poor households between a base and a target review
 * (docs/rules.md#movements), in households and people, for every unit and level; the status transition
 * matrix; and poverty spells. Start of period = the start-of-year list after the base year; end = the statuses
 * at the end of the target year's annual review. end = start − decreases + increases holds for every unit.
 */
final class TransitionsMart {
    private TransitionsMart() {
    }

    /** Year-end statuses: the latest annual run of each year. */
    static Dataset<Row> yearEnd(Dataset<Row> annualSnapshots) {
        var w = Window.partitionBy(col("review_year"), col("household_id")).orderBy(col("as_of_date").desc(),
                col(Snapshots.SNAPSHOT).desc());
        return annualSnapshots.withColumn("_r", row_number().over(w)).where(col("_r").equalTo(1)).drop("_r");
    }

    /**
     * Per household of the period: start status and members, end status and members, its unit, the reason it
     * left (if any), its origin, and whether it was poor or near-poor in an earlier year (for re-poor).
     */
    static Dataset<Row> movements(Dataset<Row> yearEnd, Dataset<Row> startLists, int base, int target,
                                  Integer lookbackYears) {
        int firstHistoryYear = lookbackYears == null ? Integer.MIN_VALUE : target - lookbackYears;
        Dataset<Row> start = startLists.where(col("review_year").equalTo(base + 1))
                .select(col("household_id"), col("status").as("start_status"), col("members").as("start_members"),
                        col("commune_code").as("_s_commune"), col("province_code").as("_s_province"));
        Dataset<Row> reasons = startLists.where(col("review_year").between(base + 1, target).and(col("change_reason").isNotNull()))
                .groupBy(col("household_id")).agg(min(concat(col("review_year").cast("string"), lit(":"), col("change_reason"))).as("_reason"))
                .select(col("household_id"), org.apache.spark.sql.functions.substring_index(col("_reason"), ":", -1).as("left_reason"));
        Dataset<Row> end = yearEnd.where(col("review_year").equalTo(target))
                .select(col("household_id"), col("status").as("end_status"), col("members").as("end_members"),
                        col("province_code"), col("district_code"), col("commune_code"), col("region_key"), col("origin"),
                        col("rulebook_version"));
        // unit of households that left: their start commune, placed by the base year's statuses
        Dataset<Row> baseUnits = yearEnd.where(col("review_year").leq(target)).select(col("household_id"),
                        col("province_code").as("_b_province"), col("district_code").as("_b_district"),
                        col("commune_code").as("_b_commune"), col("region_key").as("_b_region"), col("review_year").as("_b_year"))
                .withColumn("_r", row_number().over(Window.partitionBy(col("household_id")).orderBy(col("_b_year").desc())))
                .where(col("_r").equalTo(1)).drop("_r", "_b_year");
        Dataset<Row> historyPoor = yearEnd.where(col("review_year").lt(target).and(col("review_year").geq(firstHistoryYear)))
                .select(col("household_id"), col("status"))
                .unionByName(startLists.where(col("review_year").leq(target).and(col("review_year").gt(firstHistoryYear)))
                        .select(col("household_id"), col("status")))
                .groupBy("household_id")
                .agg(max(when(col("status").equalTo(Status.POOR), 1).otherwise(0)).as("_was_poor"),
                        max(when(col("status").equalTo(Status.NEAR_POOR), 1).otherwise(0)).as("_was_near"));
        Dataset<Row> joined = start.join(end, scala.jdk.javaapi.CollectionConverters.asScala(List.of("household_id")).toSeq(), "full_outer")
                .join(reasons, scala.jdk.javaapi.CollectionConverters.asScala(List.of("household_id")).toSeq(), "left")
                .join(historyPoor, scala.jdk.javaapi.CollectionConverters.asScala(List.of("household_id")).toSeq(), "left")
                .join(baseUnits, scala.jdk.javaapi.CollectionConverters.asScala(List.of("household_id")).toSeq(), "left");
        return joined
                .withColumn("province_code", coalesce(col("province_code"), col("_b_province"), col("_s_province")))
                .withColumn("district_code", when(col("commune_code").isNotNull(), col("district_code")).otherwise(col("_b_district")))
                .withColumn("region_key", coalesce(col("region_key"), col("_b_region")))
                .withColumn("commune_code", coalesce(col("commune_code"), col("_b_commune"), col("_s_commune")))
                .withColumn("was_poor_before", coalesce(col("_was_poor"), lit(0)).equalTo(1))
                .withColumn("was_near_poor_before", coalesce(col("_was_near"), lit(0)).equalTo(1))
                .drop("_s_commune", "_s_province", "_b_province", "_b_district", "_b_commune", "_b_region", "_was_poor", "_was_near");
    }

    /** The movement of one household for one group ("poor" or "near_poor"), or null if it does not touch it. */
    static Column movement(String group) {
        String other = group.equals(Status.POOR) ? Status.NEAR_POOR : Status.POOR;
        String prefix = group.equals(Status.POOR) ? "" : "near_";
        Column s = col("start_status");
        Column e = col("end_status");
        Column left = concat(lit("other_decrease_"), coalesce(col("left_reason"), lit("unrecorded")));
        Column entryOrigin = col("origin").isin("moved_in", "split");
        Column wasBefore = group.equals(Status.POOR) ? col("was_poor_before") : col("was_near_poor_before");
        return when(s.equalTo(group).and(e.equalTo(group)), lit("stayed"))
                .when(s.equalTo(group).and(e.equalTo(other)), lit(group.equals(Status.POOR) ? "poor_to_near_poor" : "near_poor_to_poor"))
                .when(s.equalTo(group).and(e.isin(Status.MIDDLE, Status.NOT_POOR)), lit(group.equals(Status.POOR)
                        ? "exit_above_near_poverty_line" : "exit_near_poverty"))
                .when(s.equalTo(group).and(e.isNull()), left)
                .when(e.equalTo(group).and(s.equalTo(other)), lit(group.equals(Status.POOR) ? "near_poor_to_poor_in" : "poor_to_near_poor_in"))
                .when(e.equalTo(group).and(s.isNull()).and(entryOrigin), concat(lit("other_increase_"), col("origin")))
                .when(e.equalTo(group).and(s.isNull()).and(wasBefore), lit("re_" + prefix + "poor"))
                .when(e.equalTo(group).and(s.isNull()), lit("newly_" + prefix + "poor"));
    }

    /** The direction of a movement in the group's balance. */
    static Column direction(Column movement) {
        return when(movement.equalTo("stayed"), lit("stay"))
                .when(movement.isin("poor_to_near_poor_in", "near_poor_to_poor_in", "re_poor", "newly_poor",
                        "re_near_poor", "newly_near_poor").or(movement.startsWith("other_increase_")), lit("increase"))
                .otherwise(lit("decrease"));
    }

    /** Movements of every pair, computed once and shared by the transitions and the matrix. */
    static java.util.Map<int[], Dataset<Row>> movementsByPair(Dataset<Row> yearEnd, Dataset<Row> startLists,
                                                              List<int[]> pairs, Integer lookback) {
        java.util.Map<int[], Dataset<Row>> out = new java.util.LinkedHashMap<>();
        for (int[] pair : pairs) {
            out.put(pair, movements(yearEnd, startLists, pair[0], pair[1], lookback).cache());
        }
        return out;
    }

    static Dataset<Row> build(java.util.Map<int[], Dataset<Row>> byPair) {
        Dataset<Row> out = null;
        for (var entry : byPair.entrySet()) {
            int[] pair = entry.getKey();
            Dataset<Row> m = entry.getValue();
            for (String group : List.of(Status.POOR, Status.NEAR_POOR)) {
                Dataset<Row> g = m.withColumn("movement", movement(group)).where(col("movement").isNotNull())
                        .withColumn("direction", direction(col("movement")));
                Column people = when(col("direction").equalTo("decrease"), col("start_members")).otherwise(col("end_members"));
                List<Dataset<Row>> parts = new ArrayList<>();
                parts.add(g.select(col("province_code"), col("district_code"), col("commune_code"), col("region_key"),
                        col("movement"), col("direction"), lit(1L).as("households"), people.cast("long").as("people")));
                // start, end and the people of stayers whose size changed, so the balance holds in people too
                parts.add(g.where(col("start_status").equalTo(group)).select(col("province_code"), col("district_code"),
                        col("commune_code"), col("region_key"), lit("start").as("movement"), lit("balance").as("direction"),
                        lit(1L).as("households"), col("start_members").cast("long").as("people")));
                parts.add(g.where(col("end_status").equalTo(group)).select(col("province_code"), col("district_code"),
                        col("commune_code"), col("region_key"), lit("end").as("movement"), lit("balance").as("direction"),
                        lit(1L).as("households"), col("end_members").cast("long").as("people")));
                parts.add(g.where(col("movement").equalTo("stayed")).select(col("province_code"), col("district_code"),
                        col("commune_code"), col("region_key"), lit("members_change_of_stayers").as("movement"),
                        lit("increase").as("direction"), lit(0L).as("households"),
                        col("end_members").minus(col("start_members")).cast("long").as("people")));
                Dataset<Row> all = parts.stream().reduce(Dataset::unionByName).orElseThrow()
                        .where(col("movement").notEqual("stayed"))
                        .groupBy("province_code", "district_code", "commune_code", "region_key", "movement", "direction")
                        .agg(sum("households").cast("long").as("households"), sum("people").cast("long").as("people"))
                        .withColumn("group", lit(group))
                        .withColumn("base_year", lit(pair[0]))
                        .withColumn("review_year", lit(pair[1]));
                out = out == null ? all : out.unionByName(all);
            }
        }
        return Levels.rollUp(out, List.of("review_year", "base_year", "group", "movement", "direction"),
                List.of("households", "people"));
    }

    /** Transition matrix: from (poor, near_poor, not_listed) to every end state, with counts and row shares. */
    static Dataset<Row> matrix(java.util.Map<int[], Dataset<Row>> byPair) {
        Dataset<Row> out = null;
        for (var entry : byPair.entrySet()) {
            int[] pair = entry.getKey();
            Dataset<Row> m = entry.getValue()
                    .withColumn("from_status", coalesce(col("start_status"), lit("not_listed")))
                    .withColumn("to_status", coalesce(col("end_status"), coalesce(col("left_reason"), lit("left_unrecorded"))))
                    .groupBy("province_code", "district_code", "commune_code", "region_key", "from_status", "to_status")
                    .agg(count(lit(1)).cast("long").as("households"),
                            sum(coalesce(col("end_members"), col("start_members"))).cast("long").as("people"))
                    .withColumn("base_year", lit(pair[0])).withColumn("review_year", lit(pair[1]));
            out = out == null ? m : out.unionByName(m);
        }
        Dataset<Row> rolled = Levels.rollUp(out, List.of("review_year", "base_year", "from_status", "to_status"),
                List.of("households", "people"));
        var w = Window.partitionBy(col("review_year"), col("base_year"), col("level"), col("unit_code"), col("from_status"));
        return rolled.withColumn("row_share", RatesMart.rate(col("households"), sum(col("households")).over(w))
                .divide(lit(100)).cast("decimal(9,6)"));
    }

    /** Spells: for each target year, households by years poor out of the years in the warehouse up to it, and
     * by the length of the current spell of poverty (0 when not poor at the target year). */
    static Dataset<Row> spells(Dataset<Row> yearEnd, List<Integer> years) {
        Dataset<Row> out = null;
        for (int t : years) {
            List<Integer> upTo = years.stream().filter(y -> y <= t).sorted().toList();
            Dataset<Row> hist = yearEnd.where(col("review_year").leq(t));
            Dataset<Row> perHh = hist.groupBy("household_id").agg(
                    sum(when(col("status").equalTo(Status.POOR), 1).otherwise(0)).cast("int").as("years_poor"),
                    max(when(col("status").notEqual(Status.POOR), col("review_year"))).as("_last_not_poor"),
                    max(when(col("review_year").equalTo(t), col("status"))).as("_status_t"),
                    min(col("review_year")).as("_first_seen"));
            Dataset<Row> units = hist.where(col("review_year").equalTo(t)).select("household_id", "province_code",
                    "district_code", "commune_code", "region_key");
            Dataset<Row> d = perHh.join(units, "household_id")
                    .withColumn("current_spell", when(col("_status_t").equalTo(Status.POOR),
                            lit(t).minus(coalesce(col("_last_not_poor"), col("_first_seen").minus(1)))).otherwise(lit(0)));
            Dataset<Row> byYears = d.groupBy(col("province_code"), col("district_code"), col("commune_code"), col("region_key"),
                    lit("years_poor").as("metric"), col("years_poor").as("value")).agg(count(lit(1)).cast("long").as("households"));
            Dataset<Row> bySpell = d.groupBy(col("province_code"), col("district_code"), col("commune_code"), col("region_key"),
                    lit("current_spell").as("metric"), col("current_spell").as("value")).agg(count(lit(1)).cast("long").as("households"));
            Dataset<Row> all = byYears.unionByName(bySpell).withColumn("review_year", lit(t))
                    .withColumn("years_observed", lit(upTo.size()));
            out = out == null ? all : out.unionByName(all);
        }
        return Levels.rollUp(out, List.of("review_year", "years_observed", "metric", "value"), List.of("households"));
    }
}
