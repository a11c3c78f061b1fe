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
        return movements(yearEnd, null, startLists, null, base, target, lookbackYears);
    }

    /**
     * As {@link #movements(Dataset, Dataset, int, int, Integer)}, with {@code heldYearEnd} (households of a year's
     * annual snapshot that could not be classified: end status {@code not_scored}, their own movement, never an
     * exit) and {@code area} (MartsJob.communeArea): every household's district, province and region come from the
     * unit dimension by its commune, never from its own row, so no unit is missing a code or counted twice.
     */
    static Dataset<Row> movements(Dataset<Row> yearEnd, Dataset<Row> heldYearEnd, Dataset<Row> startLists,
                                  Dataset<Row> area, int base, int target, Integer lookbackYears) {
        Dataset<Row> m = movementsOwnUnits(yearEnd, heldYearEnd, startLists, base, target, lookbackYears);
        return area == null ? m : withDimensionUnits(m, area, target);
    }

    /** Commune → district, province, region from the unit list in force at the end of {@code year} (else the
     * nearest list that has the commune); the row's own codes only for a commune in no list. */
    static Dataset<Row> withDimensionUnits(Dataset<Row> rows, Dataset<Row> area, int year) {
        var w = Window.partitionBy(col("_a_commune")).orderBy(
                when(col("_a_year").leq(year), col("_a_year")).desc_nulls_last(), col("_a_year").asc());
        Dataset<Row> dim = area.withColumn("_r", row_number().over(w)).where(col("_r").equalTo(1))
                .select(col("_a_commune"), col("_a_province"), col("_a_district"), col("_a_region"));
        return rows.join(org.apache.spark.sql.functions.broadcast(dim), col("commune_code").equalTo(col("_a_commune")), "left")
                .withColumn("province_code", coalesce(col("_a_province"), col("province_code")))
                .withColumn("district_code", when(col("_a_commune").isNotNull(), col("_a_district")).otherwise(col("district_code")))
                .withColumn("region_key", coalesce(col("_a_region"), col("region_key")))
                .drop("_a_commune", "_a_province", "_a_district", "_a_region");
    }

    private static Dataset<Row> movementsOwnUnits(Dataset<Row> yearEnd, Dataset<Row> heldYearEnd, Dataset<Row> startLists,
                                                  int base, int target, Integer lookbackYears) {
        int firstHistoryYear = lookbackYears == null ? Integer.MIN_VALUE : target - lookbackYears;
        Dataset<Row> start = startLists.where(col("review_year").equalTo(base + 1))
                .select(col("household_id"), col("status").as("start_status"), col("members").as("start_members"),
                        col("commune_code").as("_s_commune"), col("province_code").as("_s_province"));
        Dataset<Row> reasons = startLists.where(col("review_year").between(base + 1, target).and(col("change_reason").isNotNull()))
                .groupBy(col("household_id")).agg(min(concat(col("review_year").cast("string"), lit(":"), col("change_reason"))).as("_reason"))
                .select(col("household_id"), org.apache.spark.sql.functions.substring_index(col("_reason"), ":", -1).as("left_reason"));
        Dataset<Row> endRows = heldYearEnd == null ? yearEnd.where(col("review_year").equalTo(target))
                : yearEnd.where(col("review_year").equalTo(target)).unionByName(heldYearEnd.where(col("review_year").equalTo(target))
                        .withColumn("status", lit(Status.NOT_SCORED)).select(java.util.Arrays.stream(yearEnd.columns())
                                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new)));
        Dataset<Row> end = endRows
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
                .when(s.equalTo(group).and(e.equalTo(Status.NOT_SCORED)), lit("not_classified_forms_held"))
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
        return movementsByPair(yearEnd, null, startLists, null, pairs, lookback);
    }

    static java.util.Map<int[], Dataset<Row>> movementsByPair(Dataset<Row> yearEnd, Dataset<Row> heldYearEnd,
                                                              Dataset<Row> startLists, Dataset<Row> area,
                                                              List<int[]> pairs, Integer lookback) {
        java.util.Map<int[], Dataset<Row>> out = new java.util.LinkedHashMap<>();
        for (int[] pair : pairs) {
            // materialised, not cached: the transitions read it in four branches of one union, and Spark gives a
            // union's repeated branches fresh attribute ids, so a cache was found for the first branch only and the
            // others computed every pair's movements again (the samples' transitions: 17.6 s, most of the marts)
            out.put(pair, movements(yearEnd, heldYearEnd, startLists, area, pair[0], pair[1], lookback).localCheckpoint());
        }
        return out;
    }

    /** Year-end households that could not be classified, excluding any the recognised year end already holds. */
    static Dataset<Row> heldYearEnd(Dataset<Row> annualNotScored, Dataset<Row> yearEnd) {
        return yearEnd(annualNotScored).join(yearEnd.select(col("review_year").as("_y"), col("household_id").as("_h")),
                col("review_year").equalTo(col("_y")).and(col("household_id").equalTo(col("_h"))), "left_anti");
    }

    /**
     * The year boundary, per unit and group, for each pair (base, target): the end of the base year's annual review
     * ({@code end_previous_year}, direction {@code boundary}) and the named lines that take it to the start of the
     * period (the start-of-year list of base+1): {@code listed_not_classified_last_year} (on the list in the group,
     * no recognised status at the end of the base year: forms held or not reviewed), {@code listed_other_status_last_year}
     * (classified otherwise at the end of the base year), both {@code boundary_increase}, and
     * {@code classified_not_listed} ({@code boundary_decrease}): end_previous_year + increases − decreases = start.
     */
    static Dataset<Row> boundaryRows(Dataset<Row> yearEnd, Dataset<Row> startLists, Dataset<Row> area, List<int[]> pairs) {
        Dataset<Row> out = null;
        for (int[] pair : pairs) {
            int base = pair[0];
            Dataset<Row> ended = yearEnd.where(col("review_year").equalTo(base))
                    .select(col("household_id"), col("status").as("_e_status"), col("members").as("_e_members"),
                            col("commune_code").as("_e_commune"), col("province_code").as("_e_province"),
                            col("district_code").as("_e_district"), col("region_key").as("_e_region"));
            Dataset<Row> listed = startLists.where(col("review_year").equalTo(base + 1))
                    .select(col("household_id"), col("status").as("_l_status"), col("members").as("_l_members"),
                            col("commune_code").as("_l_commune"), col("province_code").as("_l_province"));
            Dataset<Row> j = ended.join(listed, scala.jdk.javaapi.CollectionConverters.asScala(List.of("household_id")).toSeq(),
                    "full_outer").localCheckpoint(); // read six times below
            for (String group : List.of(Status.POOR, Status.NEAR_POOR)) {
                Column e = col("_e_status");
                Column l = col("_l_status");
                Column move = when(l.equalTo(group).and(e.isNull()), lit("listed_not_classified_last_year"))
                        .when(l.equalTo(group).and(e.notEqual(group)), lit("listed_other_status_last_year"))
                        .when(e.equalTo(group).and(l.isNull().or(l.notEqual(group))), lit("classified_not_listed"));
                Dataset<Row> lines = j.withColumn("movement", move).where(col("movement").isNotNull())
                        .withColumn("direction", when(col("movement").equalTo("classified_not_listed"), lit("boundary_decrease"))
                                .otherwise(lit("boundary_increase")))
                        .select(col("movement"), col("direction"),
                                when(col("movement").equalTo("classified_not_listed"), col("_e_commune"))
                                        .otherwise(col("_l_commune")).as("commune_code"),
                                when(col("movement").equalTo("classified_not_listed"), col("_e_province"))
                                        .otherwise(coalesce(col("_e_province"), col("_l_province"))).as("province_code"),
                                col("_e_district").as("district_code"), col("_e_region").as("region_key"),
                                when(col("movement").equalTo("classified_not_listed"), col("_e_members"))
                                        .otherwise(col("_l_members")).cast("long").as("people"),
                                lit(1L).as("_hh"));
                Dataset<Row> endPrev = j.where(col("_e_status").equalTo(group))
                        .select(lit("end_previous_year").as("movement"), lit("boundary").as("direction"),
                                col("_e_commune").as("commune_code"), col("_e_province").as("province_code"),
                                col("_e_district").as("district_code"), col("_e_region").as("region_key"),
                                col("_e_members").cast("long").as("people"), lit(1L).as("_hh"));
                // households in the group on both sides whose members differ: people only, so the balance holds in people
                Dataset<Row> members = j.where(col("_e_status").equalTo(group).and(col("_l_status").equalTo(group)))
                        .select(lit("members_change_at_boundary").as("movement"), lit("boundary_increase").as("direction"),
                                col("_l_commune").as("commune_code"), coalesce(col("_e_province"), col("_l_province")).as("province_code"),
                                col("_e_district").as("district_code"), col("_e_region").as("region_key"),
                                col("_l_members").minus(col("_e_members")).cast("long").as("people"), lit(0L).as("_hh"))
                        .where(col("people").notEqual(0L));
                Dataset<Row> all = communeSums(withDimensionUnits(lines.unionByName(endPrev).unionByName(members), area, base + 1),
                        "_hh", group, pair);
                out = out == null ? all : out.unionByName(all);
            }
        }
        return out;
    }

    static Dataset<Row> build(java.util.Map<int[], Dataset<Row>> byPair) {
        return build(byPair, null);
    }

    /** The transitions rolled up to every level, with {@code extra} commune rows (the year boundary) beside them. */
    static Dataset<Row> build(java.util.Map<int[], Dataset<Row>> byPair, Dataset<Row> extra) {
        Dataset<Row> rows = communeRows(byPair);
        if (extra != null) {
            rows = rows.unionByName(extra);
        }
        return Levels.rollUp(rows, List.of("review_year", "base_year", "group", "movement", "direction"),
                List.of("households", "people"));
    }

    private static Dataset<Row> communeRows(java.util.Map<int[], Dataset<Row>> byPair) {
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
                Dataset<Row> all = communeSums(parts.stream().reduce(Dataset::unionByName).orElseThrow()
                        .where(col("movement").notEqual("stayed")), "households", group, pair);
                out = out == null ? all : out.unionByName(all);
            }
        }
        return out;
    }

    /**
     * A group's movement lines of a pair of years summed per commune, movement and direction: households (the sum of
     * {@code households}) and people, with the group and the years.
     */
    private static Dataset<Row> communeSums(Dataset<Row> lines, String households, String group, int[] pair) {
        return lines.groupBy("province_code", "district_code", "commune_code", "region_key", "movement", "direction")
                .agg(sum(households).cast("long").as("households"), sum("people").cast("long").as("people"))
                .withColumn("group", lit(group))
                .withColumn("base_year", lit(pair[0]))
                .withColumn("review_year", lit(pair[1]))
                .localCheckpoint(); // a few rows per commune: later unions and roll-ups start from them
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
                    .withColumn("base_year", lit(pair[0])).withColumn("review_year", lit(pair[1]))
                    .localCheckpoint();
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
                    .withColumn("years_observed", lit(upTo.size())).localCheckpoint();
            out = out == null ? all : out.unionByName(all);
        }
        return Levels.rollUp(out, List.of("review_year", "years_observed", "metric", "value"), List.of("households"));
    }
}
