package vn.rasoat.marts;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.rasoat.rules.Status;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * {@code mart_report_topics}: the topics of the review's report forms for poor, near-poor and middle-living-standard
 * households at the end of each annual review, per unit and level: causes of poverty, support needs, target groups,
 * each ethnic group, the sector of farm households and children under 16 with their deprivations. Every row says
 * how many of the status group's households had the answer recorded ({@code households_collected}): a field an input
 * did not collect is counted as not collected, never as zero. Units sum to their parent (one aggregation, GROUPING
 * SETS).
 */
final class ReportTopicsMart {
    static final List<String> CAUSES = List.of("land", "capital", "labour", "tools", "knowledge", "skills", "illness", "other");
    static final List<String> SUPPORT = List.of("health", "education", "livelihood", "credit", "housing", "other", "none");
    static final List<String> SECTORS = List.of("farm", "forestry", "fishery", "salt");
    static final List<String> TARGET_GROUPS = List.of("no_working_capacity", "meritorious_person", "social_protection",
            "ethnic_minority", "female_head");
    static final List<String> CHILDREN = List.of("under16", "no_health_insurance", "malnourished", "out_of_school");

    private ReportTopicsMart() {
    }

    /**
     * One counted item: which households it is asked of (its {@code households}), whether a household's answer is
     * known, and the count it adds.
     */
    private record Item(String topic, String category, String counts, Column asked, Column collected, Column value) {
        Item(String topic, String category, String counts, Column collected, Column value) {
            this(topic, category, counts, lit(true), collected, value);
        }
    }

    private static List<Item> items() {
        List<Item> items = new ArrayList<>();
        for (String c : CAUSES) {
            items.add(new Item("cause", c, "households", col("poverty_causes").isNotNull(),
                    when(expr("array_contains(poverty_causes, '" + c + "')"), 1).otherwise(0)));
        }
        for (String s : SUPPORT) {
            items.add(new Item("support_need", s, "households", col("support_needs").isNotNull(),
                    when(expr("array_contains(support_needs, '" + s + "')"), 1).otherwise(0)));
        }
        for (String g : TARGET_GROUPS) {
            items.add(new Item("target_group", g, "households", col(g).isNotNull(), when(col(g), 1).otherwise(0)));
        }
        // the sector is asked of farm households only: a sector row's households are the status group's farm
        // households, and a farm household without a recorded sector (an input without the field) is not collected
        Column farm = coalesce(col("farm_household"), lit(false));
        for (String s : SECTORS) {
            items.add(new Item("sector", s, "households", farm, farm.and(col("sector").isNotNull()),
                    when(col("sector").equalTo(s), 1).otherwise(0)));
        }
        for (String k : CHILDREN) {
            String field = "children_" + k;
            items.add(new Item("children", k, "children", col(field).isNotNull(), coalesce(col(field), lit(0))));
        }
        return items;
    }

    static Dataset<Row> build(Dataset<Row> snapshot) {
        List<String> keys = List.of("review_year", Snapshots.SNAPSHOT, "rulebook_version", "status_group");
        List<String> geo = List.of("province_code", "district_code", "commune_code", "region_key");
        Dataset<Row> base = snapshot.where(col("status").isin(Status.POOR, Status.NEAR_POOR, Status.MIDDLE))
                .withColumn("rulebook_version", col("snapshot_rulebook_version"))
                .withColumn("status_group", col("status"));
        List<Item> items = items();
        List<Column> aggs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            aggs.add(sum(when(it.asked(), 1).otherwise(0)).cast("long").as("h" + i));
            aggs.add(sum(when(it.collected(), 1).otherwise(0)).cast("long").as("k" + i));
            aggs.add(sum(when(it.collected(), it.value()).otherwise(0)).cast("long").as("v" + i));
            aggs.add(sum(when(it.collected().and(it.value().gt(0)), 1).otherwise(0)).cast("long").as("w" + i));
        }
        List<Column> groupBy = new ArrayList<>();
        for (String k : keys) {
            groupBy.add(col(k));
        }
        for (String g : geo) {
            groupBy.add(col(g));
        }
        Dataset<Row> wide = base.groupBy(groupBy.toArray(Column[]::new))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
        StringBuilder stack = new StringBuilder("stack(").append(items.size());
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            stack.append(", '").append(it.topic()).append("', '").append(it.category()).append("', '").append(it.counts())
                    .append("', h").append(i).append(", k").append(i).append(", v").append(i).append(", w").append(i);
        }
        stack.append(") as (topic, category, counts, households, households_collected, value, households_with)");
        List<Column> out = new ArrayList<>(groupBy);
        out.add(expr(stack.toString()));
        Dataset<Row> communes = wide.select(out.toArray(Column[]::new));
        // each ethnic group that occurs (the code is a required field: always collected); its households (the status
        // group's, the denominator of a share) are set after the roll-up from the unit's total, as a group absent from
        // some commune would otherwise leave that commune's households out of its parent's
        List<Column> ethnicGroup = new ArrayList<>(groupBy);
        ethnicGroup.add(col("head_ethnicity").as("category"));
        Dataset<Row> ethnic = base.groupBy(ethnicGroup.toArray(Column[]::new))
                .agg(count(lit(1)).cast("long").as("value"))
                .withColumn("topic", lit("ethnic_group")).withColumn("counts", lit("households"))
                .withColumn("households", lit(0L)).withColumn("households_collected", lit(0L))
                .withColumn("households_with", col("value"));
        List<String> keep = new ArrayList<>(keys);
        keep.addAll(List.of("topic", "category", "counts"));
        Dataset<Row> rolled = Levels.rollUp(communes.unionByName(ethnic), keep,
                List.of("households", "households_collected", "value", "households_with")).localCheckpoint();
        List<String> unitKeys = new ArrayList<>(keys);
        unitKeys.addAll(List.of("level", "unit_code"));
        Dataset<Row> totals = rolled.where(col("topic").equalTo("cause").and(col("category").equalTo(CAUSES.get(0))))
                .select(java.util.stream.Stream.concat(unitKeys.stream().map(k -> col(k).as("_t_" + k)),
                        java.util.stream.Stream.of(col("households").as("_t_households"))).toArray(Column[]::new));
        Column on = lit(true);
        for (String k : unitKeys) {
            on = on.and(col(k).equalTo(col("_t_" + k)));
        }
        Dataset<Row> ethnicRows = rolled.where(col("topic").equalTo("ethnic_group")).join(totals, on, "inner")
                .withColumn("households", col("_t_households")).withColumn("households_collected", col("_t_households"))
                .select(rolled.columns()[0], java.util.Arrays.copyOfRange(rolled.columns(), 1, rolled.columns().length));
        return rolled.where(col("topic").notEqual("ethnic_group")).unionByName(ethnicRows);
    }
}
