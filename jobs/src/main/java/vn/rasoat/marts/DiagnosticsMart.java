package vn.rasoat.marts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.rules.Rulebook;
import vn.rasoat.rules.Rulebooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Per-commune data-quality diagnostics, before anyone reads the results: rows quarantined, the share of households
 * whose recorded score or status disagrees with the recomputed one, excess households just above the poverty
 * threshold (a bunching test), a swing in the poor rate from the year before, households that left the lists with
 * no recorded reason; each a flag by the thresholds of {@code schemas/diagnostics/settings.json}, and a rank of the
 * communes to re-check first (most flags, then the strongest bunching).
 *
 * <p>The bunching test: among the commune's annual-review households whose score A lies within 2w points above its
 * area's threshold T, the number in the first w points (T+1…T+w) is compared with a binomial whose probability is
 * that share in all communes of the year of the same kind (urban or rural); a one-sided p-value under alpha, with at least a minimum number of
 * households, flags the commune. The comparison is with the next window above rather than with the households
 * below T because only listed and applicant households are scored: the scored distribution is not continuous across
 * T in review data (most listed households sit well below it), while above T it falls smoothly unless someone
 * pushed households just over the line.
 */
final class DiagnosticsMart {
    record Settings(int window, double alpha, int minHouseholds, double mismatchShare, double quarantineShare,
                    double swingPp, double vanishedShare) {
        static Settings load(SchemaSource source) {
            try {
                JsonNode r = new ObjectMapper().readTree(source.readString("diagnostics/settings.json"));
                return new Settings(r.path("bunching_window_points").asInt(), r.path("bunching_alpha").asDouble(),
                        r.path("bunching_min_households").asInt(), r.path("mismatch_share_flag").asDouble(),
                        r.path("quarantine_share_flag").asDouble(), r.path("swing_flag_percentage_points").asDouble(),
                        r.path("vanished_share_flag").asDouble());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schemas/diagnostics/settings.json", e);
            }
        }
    }

    private DiagnosticsMart() {
    }

    /** The threshold of each household's area under its standard, as an expression over standard and urban. */
    static Column threshold(Rulebooks rulebooks) {
        Column t = lit(null).cast("int");
        for (String s : rulebooks.standards()) {
            Rulebook rb = rulebooks.get(s);
            t = when(col("standard").equalTo(s), when(col("urban"), lit(rb.bands(true).nearPoorMax()))
                    .otherwise(lit(rb.bands(false).nearPoorMax()))).otherwise(t);
        }
        return t;
    }

    static Dataset<Row> build(SparkSession spark, SchemaSource source, Rulebooks rulebooks, Dataset<Row> scored,
                              String warehouse, Dataset<Row> rates, Dataset<Row> transitions) {
        Settings st = Settings.load(source);
        Dataset<Row> annual = scored.where(col("run_type").equalTo("annual"))
                .withColumn("_t", threshold(rulebooks))
                .withColumn("_d", col("score_a").minus(col("_t")));
        Dataset<Row> perCommune = annual.groupBy("review_year", "province_code", "district_code", "commune_code").agg(
                count(lit(1)).as("scored_households"),
                sum(when(col("urban"), 1).otherwise(0)).cast("long").as("_urban_households"),
                sum(when(col("any_mismatch"), 1).otherwise(0)).cast("long").as("mismatch_households"),
                sum(when(col("_d").between(1 - st.window(), 0), 1).otherwise(0)).cast("long").as("at_or_below_threshold"),
                sum(when(col("_d").between(1, st.window()), 1).otherwise(0)).cast("long").as("just_above_threshold"),
                sum(when(col("_d").between(st.window() + 1, 2 * st.window()), 1).otherwise(0)).cast("long")
                        .as("further_above_threshold"),
                org.apache.spark.sql.functions.max("rulebook_version").as("rulebook_version"),
                org.apache.spark.sql.functions.max("input_version").as("input_version"));
        Dataset<Row> quarantine = vn.rasoat.scoring.Intermediate.quarantine(spark, warehouse);
        if (quarantine != null) {
            // only the rows held back from the input version the year's scored records come from: a file fixed and
            // ingested again leaves its earlier version's quarantine behind, which must not flag the commune again
            Dataset<Row> current = scored.select(col("review_year").as("_vy"), col(IngestJob.INPUT_VERSION).as("_vv")).distinct();
            Dataset<Row> q = quarantine
                    // the version as written in the partition folder's name (partition discovery may read a hex
                    // fingerprint made of digits as a number)
                    .withColumn("_v", regexp_extract(col("_metadata.file_path"), IngestJob.INPUT_VERSION + "=([^/]+)", 1))
                    .withColumn("_c", get_json_object(col("raw_record"), "$.commune_code"))
                    .withColumn("_y", coalesce(get_json_object(col("raw_record"), "$.review_year"),
                            get_json_object(col("raw_record"), "$.reference_year")).cast("int"))
                    .where(col("_c").isNotNull().and(col("_y").isNotNull()))
                    .join(current, col("_y").equalTo(col("_vy")).and(col("_v").equalTo(col("_vv"))), "left_semi")
                    .groupBy(col("_y"), col("_c")).agg(count(lit(1)).cast("long").as("quarantined_rows"));
            perCommune = perCommune.join(q, col("review_year").equalTo(col("_y")).and(col("commune_code").equalTo(col("_c"))), "left")
                    .drop("_y", "_c");
        } else {
            perCommune = perCommune.withColumn("quarantined_rows", lit(0L));
        }
        Dataset<Row> poorRate = rates.where(col("level").equalTo("commune").and(col("breakdown").equalTo("all"))
                        .and(col(Snapshots.OFFICIAL)))
                .select(col("review_year").as("_ry"), col("unit_code").as("_rc"), col("poor_rate_pct"))
                .withColumn("_prev", lag(col("poor_rate_pct"), 1).over(org.apache.spark.sql.expressions.Window
                        .partitionBy("_rc").orderBy("_ry")))
                .withColumn("poor_rate_change_pp", col("poor_rate_pct").minus(col("_prev")));
        perCommune = perCommune.join(poorRate.select("_ry", "_rc", "poor_rate_pct", "poor_rate_change_pp"),
                col("review_year").equalTo(col("_ry")).and(col("commune_code").equalTo(col("_rc"))), "left").drop("_ry", "_rc");
        if (transitions != null) {
            Dataset<Row> v = transitions.where(col("level").equalTo("commune")
                            .and(col("movement").equalTo("other_decrease_unrecorded")))
                    .groupBy(col("review_year").as("_vy"), col("unit_code").as("_vc"))
                    .agg(sum("households").cast("long").as("left_without_reason"));
            perCommune = perCommune.join(v, col("review_year").equalTo(col("_vy")).and(col("commune_code").equalTo(col("_vc"))), "left")
                    .drop("_vy", "_vc");
        } else {
            perCommune = perCommune.withColumn("left_without_reason", lit(null).cast("long"));
        }
        // Small: one row per commune and year. The p-values and ranks are computed here with Commons Math.
        List<Row> rows = perCommune.collectAsList();
        // the null share is pooled over the communes of the year of the same kind (urban or rural): the thresholds
        // and the score distributions of the two areas differ
        Map<String, long[]> pooled = new HashMap<>();
        for (Row r : rows) {
            long[] p = pooled.computeIfAbsent(poolKey(r), k -> new long[2]);
            p[0] += r.getLong(r.fieldIndex("just_above_threshold"));
            p[1] += r.getLong(r.fieldIndex("further_above_threshold")) + r.getLong(r.fieldIndex("just_above_threshold"));
        }
        List<Object[]> out = new ArrayList<>();
        for (Row r : rows) {
            int year = r.getInt(r.fieldIndex("review_year"));
            long above = r.getLong(r.fieldIndex("just_above_threshold"));
            long below = r.getLong(r.fieldIndex("at_or_below_threshold"));
            long further = r.getLong(r.fieldIndex("further_above_threshold"));
            long n = above + further;
            long[] p = pooled.get(poolKey(r));
            double p0 = p[1] == 0 ? 0.5 : (double) p[0] / p[1];
            double pValue = n == 0 || p0 <= 0 || p0 >= 1 ? 1.0
                    : above == 0 ? 1.0 : 1.0 - new BinomialDistribution(null, (int) n, p0).cumulativeProbability((int) above - 1);
            long scoredHh = r.getLong(r.fieldIndex("scored_households"));
            long mismatches = r.getLong(r.fieldIndex("mismatch_households"));
            long quarantined = r.isNullAt(r.fieldIndex("quarantined_rows")) ? 0 : r.getLong(r.fieldIndex("quarantined_rows"));
            Double change = r.isNullAt(r.fieldIndex("poor_rate_change_pp")) ? null
                    : ((java.math.BigDecimal) r.get(r.fieldIndex("poor_rate_change_pp"))).doubleValue();
            Long left = r.isNullAt(r.fieldIndex("left_without_reason")) ? null : r.getLong(r.fieldIndex("left_without_reason"));
            boolean bunching = n >= st.minHouseholds() && pValue < st.alpha();
            boolean mismatch = scoredHh > 0 && (double) mismatches / scoredHh > st.mismatchShare();
            boolean heldRows = scoredHh > 0 && (double) quarantined / scoredHh > st.quarantineShare();
            boolean swing = change != null && Math.abs(change) > st.swingPp();
            boolean vanished = left != null && scoredHh > 0 && (double) left / scoredHh > st.vanishedShare();
            int flags = (bunching ? 1 : 0) + (mismatch ? 1 : 0) + (heldRows ? 1 : 0) + (swing ? 1 : 0) + (vanished ? 1 : 0);
            out.add(new Object[]{year, r.getString(r.fieldIndex("province_code")), r.getString(r.fieldIndex("district_code")),
                    r.getString(r.fieldIndex("commune_code")), scoredHh, quarantined, mismatches,
                    scoredHh == 0 ? null : round((double) mismatches / scoredHh), below, above, further, round(p0),
                    pValue, change == null ? null : round(change), left, bunching, mismatch, heldRows, swing, vanished,
                    flags, r.getString(r.fieldIndex("rulebook_version")), r.getString(r.fieldIndex("input_version"))});
        }
        // rank within the year: most flags first, then the smallest bunching p-value, then the code
        Map<Integer, List<Object[]>> byYear = new HashMap<>();
        out.forEach(o -> byYear.computeIfAbsent((Integer) o[0], k -> new ArrayList<>()).add(o));
        List<Row> ranked = new ArrayList<>();
        for (List<Object[]> list : byYear.values()) {
            list.sort(Comparator.comparing((Object[] o) -> -(Integer) o[20]).thenComparing(o -> (Double) o[12])
                    .thenComparing(o -> (String) o[3]));
            for (int i = 0; i < list.size(); i++) {
                Object[] o = list.get(i);
                Object[] withRank = java.util.Arrays.copyOf(o, o.length + 1);
                withRank[o.length] = i + 1;
                ranked.add(RowFactory.create(withRank));
            }
        }
        StructType schema = new StructType().add("review_year", "int").add("province_code", "string")
                .add("district_code", "string").add("commune_code", "string").add("scored_households", "long")
                .add("quarantined_rows", "long").add("mismatch_households", "long").add("mismatch_share", "double")
                .add("at_or_below_threshold", "long").add("just_above_threshold", "long").add("further_above_threshold", "long")
                .add("pooled_share_above", "double").add("bunching_p_value", "double")
                .add("poor_rate_change_pp", "double").add("left_without_reason", "long")
                .add("flag_bunching", "boolean").add("flag_mismatch", "boolean").add("flag_quarantine", "boolean")
                .add("flag_swing", "boolean").add("flag_vanished", "boolean").add("flags", "int")
                .add("rulebook_version", "string").add("input_version", "string").add("recheck_rank", "int");
        return spark.createDataFrame(ranked, schema).select(
                col("province_code"), col("district_code"), col("commune_code"), col("scored_households"),
                col("quarantined_rows"), col("mismatch_households"), col("mismatch_share"), col("at_or_below_threshold"),
                col("just_above_threshold"), col("further_above_threshold"), col("pooled_share_above"), col("bunching_p_value"), col("poor_rate_change_pp"),
                col("left_without_reason"), col("flag_bunching"), col("flag_mismatch"), col("flag_quarantine"),
                col("flag_swing"), col("flag_vanished"), col("flags"), col("recheck_rank"), col("rulebook_version"),
                col("input_version"), col("review_year"));
    }

    private static String poolKey(Row r) {
        boolean urban = 2 * r.getLong(r.fieldIndex("_urban_households")) > r.getLong(r.fieldIndex("scored_households"));
        return r.getInt(r.fieldIndex("review_year")) + (urban ? "/urban" : "/rural");
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
