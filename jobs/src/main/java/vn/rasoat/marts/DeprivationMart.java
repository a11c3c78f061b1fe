package vn.rasoat.marts;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.rasoat.rules.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * {@code mart_deprivation}: for poor and for near-poor households, the count and share deprived in each indicator.
 * {@code mart_deprivation_af} and {@code mart_deprivation_af_indicator}: Alkire–Foster measures over the rulebook's
 * indicators with equal weights (each indicator counts 1/d, as form B2 gives each the same points), over the
 * households with a form B2 in the snapshot: H, A, M0 for k = 1…6 deprivations (k = 3 is the standard's cut-off),
 * censored and uncensored headcount ratios and each indicator's contribution, by unit and by subgroup; the
 * population share of each subgroup is given so that Σ share × M0(subgroup) = M0.
 */
final class DeprivationMart {
    static final int MAX_K = 6;

    private DeprivationMart() {
    }

    /** Indicator codes present in the snapshot's dep_ columns. */
    static List<String> indicators(Dataset<Row> snapshot) {
        List<String> out = new ArrayList<>();
        for (String c : snapshot.columns()) {
            if (c.startsWith("dep_")) {
                out.add(c.substring(4));
            }
        }
        return out;
    }

    static Dataset<Row> shares(Dataset<Row> snapshot) {
        List<String> codes = indicators(snapshot);
        StringBuilder stack = new StringBuilder("stack(").append(codes.size());
        codes.forEach(c -> stack.append(", '").append(c).append("', `dep_").append(c).append('`'));
        stack.append(") as (indicator, deprived)");
        Dataset<Row> longForm = snapshot.where(col("status").isin(Status.POOR, Status.NEAR_POOR))
                .select(col("review_year"), col(Snapshots.SNAPSHOT), col("snapshot_rulebook_version").as("rulebook_version"),
                        col("status").as("status_group"), col("province_code"), col("district_code"), col("commune_code"),
                        col("region_key"), org.apache.spark.sql.functions.expr(stack.toString()))
                .where(col("deprived").isNotNull());
        Dataset<Row> communes = longForm.groupBy("review_year", Snapshots.SNAPSHOT, "rulebook_version", "status_group",
                        "indicator", "province_code", "district_code", "commune_code", "region_key")
                .agg(org.apache.spark.sql.functions.count(lit(1)).cast("long").as("households"),
                        org.apache.spark.sql.functions.sum(when(col("deprived"), 1).otherwise(0)).cast("long").as("deprived_households"));
        return Levels.rollUp(communes, List.of("review_year", Snapshots.SNAPSHOT, "rulebook_version", "status_group", "indicator"),
                        List.of("households", "deprived_households"))
                .withColumn("deprived_share_pct", RatesMart.rate(col("deprived_households"), col("households")));
    }

    /**
     * @param indicatorCount rulebook version → number of indicators d
     */
    static Dataset<Row>[] alkireFoster(Dataset<Row> snapshot, Map<String, Integer> indicatorCount) {
        List<String> codes = indicators(snapshot);
        Column d = lit(null).cast("int");
        for (Map.Entry<String, Integer> e : indicatorCount.entrySet()) {
            d = when(col("snapshot_rulebook_version").equalTo(e.getKey()), lit(e.getValue())).otherwise(d);
        }
        Dataset<Row> pop = snapshot.where(col("deprived_count").isNotNull()).withColumn("_d", d);
        List<String> keep = List.of("review_year", Snapshots.SNAPSHOT, "rulebook_version", "indicator_count", "breakdown",
                "breakdown_value", "k");
        // One pass over the households: a cell per commune, value of every subgroup and number of deprivations, with
        // its households and how many of them are deprived in each indicator. Every measure at every cut-off k is a
        // sum over cells (poor at k: the cells of at least k deprivations), so neither the subgroups nor the cut-offs
        // multiply the households' rows: they multiply the cells.
        List<Column> cellKeys = new ArrayList<>(List.of(col("review_year"), col(Snapshots.SNAPSHOT),
                col("snapshot_rulebook_version").as("rulebook_version"), col("_d").as("indicator_count"),
                col("province_code"), col("district_code"), col("commune_code"), col("region_key"), col("deprived_count")));
        for (String b : RatesMart.BREAKDOWNS) {
            if (!b.equals("all")) {
                cellKeys.add(RatesMart.breakdownValue(b).as("_bv_" + b));
            }
        }
        List<Column> cellSums = new ArrayList<>();
        for (String c : codes) {
            cellSums.add(org.apache.spark.sql.functions.sum(when(col("dep_" + c), 1).otherwise(0)).cast("long").as("_u_" + c));
        }
        Dataset<Row> cells = pop.groupBy(cellKeys.toArray(Column[]::new))
                .agg(org.apache.spark.sql.functions.count(lit(1)).cast("long").as("_n"), cellSums.toArray(Column[]::new));
        Dataset<Row> expanded = null;
        for (String b : RatesMart.BREAKDOWNS) {
            Dataset<Row> part = cells.withColumn("breakdown", lit(b))
                    .withColumn("breakdown_value", b.equals("all") ? lit("all") : col("_bv_" + b));
            expanded = expanded == null ? part : expanded.unionByName(part);
        }
        Dataset<Row> ks = pop.sparkSession().range(1, MAX_K + 1).select(col("id").cast("int").as("k"));
        Dataset<Row> withK = expanded.crossJoin(ks).withColumn("_poor", col("deprived_count").geq(col("k")));
        List<Column> aggs = new ArrayList<>();
        aggs.add(org.apache.spark.sql.functions.sum(col("_n")).cast("long").as("n"));
        aggs.add(org.apache.spark.sql.functions.sum(when(col("_poor"), col("_n")).otherwise(0)).cast("long").as("q"));
        aggs.add(org.apache.spark.sql.functions.sum(when(col("_poor"), col("deprived_count").cast("long").multiply(col("_n")))
                .otherwise(0)).cast("long").as("censored_deprivations"));
        List<String> measures = new ArrayList<>(List.of("n", "q", "censored_deprivations"));
        for (String c : codes) {
            aggs.add(org.apache.spark.sql.functions.sum(col("_u_" + c)).cast("long").as("u_" + c));
            aggs.add(org.apache.spark.sql.functions.sum(when(col("_poor"), col("_u_" + c)).otherwise(0)).cast("long").as("c_" + c));
            measures.add("u_" + c);
            measures.add("c_" + c);
        }
        Dataset<Row> communes = withK.groupBy(col("review_year"), col(Snapshots.SNAPSHOT), col("rulebook_version"),
                        col("indicator_count"), col("breakdown"), col("breakdown_value"), col("k"), col("province_code"),
                        col("district_code"), col("commune_code"), col("region_key"))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
        Dataset<Row> rolled = Levels.rollUp(communes, keep, measures).localCheckpoint();
        // every measure a ratio of two counts, rounded once to 8 decimals (contribution_pct to 6)
        Column nd = col("n").cast("long").multiply(col("indicator_count"));
        var total = org.apache.spark.sql.expressions.Window.partitionBy(col("review_year"), col(Snapshots.SNAPSHOT),
                col("rulebook_version"), col("breakdown"), col("k"), col("level"), col("unit_code"));
        Dataset<Row> af = rolled.select(col("review_year"), col(Snapshots.SNAPSHOT), col("rulebook_version"),
                col("indicator_count"), col("breakdown"), col("breakdown_value"), col("k"), col("level"), col("unit_code"),
                col("parent_code"), col("n").as("households"), col("q").as("poor_households"),
                col("censored_deprivations"),
                Rates.ratio(col("q"), col("n"), 1, 12, 8).as("h"),
                when(col("q").gt(0), Rates.ratio(col("censored_deprivations"), col("q").cast("long").multiply(col("indicator_count")), 1, 12, 8))
                        .as("a"),
                Rates.ratio(col("censored_deprivations"), nd, 1, 12, 8).as("m0"),
                Rates.ratio(col("n"), org.apache.spark.sql.functions.sum(col("n")).over(total), 1, 12, 8).as("population_share"),
                col("k").equalTo(3).as("headline"));
        StringBuilder stack = new StringBuilder("stack(").append(codes.size());
        codes.forEach(c -> stack.append(", '").append(c).append("', `u_").append(c).append("`, `c_").append(c).append('`'));
        stack.append(") as (indicator, uncensored_deprived, censored_deprived)");
        Dataset<Row> perIndicator = rolled.select(col("review_year"), col(Snapshots.SNAPSHOT), col("rulebook_version"),
                        col("indicator_count"), col("breakdown"), col("breakdown_value"), col("k"), col("level"),
                        col("unit_code"), col("n"), col("censored_deprivations"),
                        org.apache.spark.sql.functions.expr(stack.toString()))
                .withColumn("uncensored_headcount_ratio", Rates.ratio(col("uncensored_deprived"), col("n"), 1, 12, 8))
                .withColumn("censored_headcount_ratio", Rates.ratio(col("censored_deprived"), col("n"), 1, 12, 8))
                .withColumn("contribution_abs", Rates.ratio(col("censored_deprived"), nd, 1, 12, 8))
                .withColumn("contribution_pct", when(col("censored_deprivations").gt(0),
                        Rates.ratio(col("censored_deprived"), col("censored_deprivations"), 100, 12, 6)))
                .drop("n", "censored_deprivations");
        @SuppressWarnings("unchecked")
        Dataset<Row>[] out = new Dataset[]{af, perIndicator};
        return out;
    }
}
