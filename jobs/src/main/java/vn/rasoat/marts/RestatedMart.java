package vn.rasoat.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;

/**
 * {@code mart_rates_2025}: every review year's official results in the boundaries of 1 July 2025 (34 provinces, no
 * districts), for the maps and tables of the 2025 boundaries — the nation, its 34 provinces and their communes.
 * A year of the 63-province system is restated commune by commune through the crosswalk ({@link Restatement}: a
 * commune split between new ones by 2019 census households, in whole households and people, so every total is
 * kept exactly; a code the crosswalk does not know stays at its new province as the {@code unallocated} row); a
 * year already in the 2025 boundaries is carried as it is. Rates are ratios of the restated sums
 * ({@link Rates#pct(long, long)}).
 *
 * <p>The commune rows of the official annual snapshots are brought to the driver: one row per commune and year
 * (about 10,600 a year for the whole country), aggregates, never households.
 */
final class RestatedMart {
    static final String MART = "mart_rates_2025";

    private RestatedMart() {
    }

    /**
     * @param rates the stamped mart_rates (any rows; the official annual commune rows of breakdown 'all' are used)
     * @param area  the commune → province of each year's unit list ({@link MartsJob#communeArea})
     * @param boundaries2025 review years whose unit list is already the 34-province one
     */
    static Dataset<Row> build(SparkSession spark, Restatement restatement, Dataset<Row> rates, Dataset<Row> area,
                              Set<Integer> boundaries2025, BigDecimal threshold) {
        List<String> measures = Restatement.MEASURES;
        // a commune's province: from the year's unit list, else (a code of another year's list, which mart_rates
        // places by the records' own province) the province above its district row in mart_rates
        Dataset<Row> official = rates.where(col(Snapshots.OFFICIAL).and(col("breakdown").equalTo("all")));
        Dataset<Row> districts = official.where(col("level").equalTo("district")).select(col("review_year").as("_d_year"),
                col("unit_code").as("_d_code"), col("parent_code").as("_d_province"));
        List<org.apache.spark.sql.Column> cols = new ArrayList<>(List.of(col("review_year"), col("unit_code"),
                org.apache.spark.sql.functions.coalesce(col("_a_province"), col("_d_province")).as("province_code"),
                col("rulebook_version"), col("input_version")));
        measures.forEach(m -> cols.add(col(m)));
        Dataset<Row> communes = official.where(col("level").equalTo("commune"))
                .join(area, col("review_year").equalTo(col("_a_year")).and(col("unit_code").equalTo(col("_a_commune"))), "left")
                .join(districts, col("review_year").equalTo(col("_d_year")).and(col("parent_code").equalTo(col("_d_code"))), "left")
                .select(cols.toArray(org.apache.spark.sql.Column[]::new))
                .orderBy("review_year", "unit_code");
        Map<Integer, List<Restatement.Source>> byYear = new TreeMap<>();
        Map<Integer, Set<String>> rulebooks = new HashMap<>();
        Map<Integer, Set<String>> inputs = new HashMap<>();
        Map<Integer, Set<String>> withoutTotal = new HashMap<>();
        for (Row r : communes.collectAsList()) {
            int year = r.getInt(0);
            if (r.isNullAt(2)) {
                throw new IllegalStateException("commune " + r.getString(1) + " of " + year
                        + " has no province in the year's unit list nor in mart_rates: it cannot be restated");
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int i = 0; i < measures.size(); i++) {
                boolean denominator = Restatement.DENOMINATORS.contains(measures.get(i));
                if (r.isNullAt(5 + i) && denominator) {
                    continue; // no commune total: left out of the sums, counted as a commune without denominator
                }
                counts.put(measures.get(i), r.isNullAt(5 + i) ? 0L : ((Number) r.get(5 + i)).longValue());
            }
            if (r.isNullAt(5 + measures.indexOf("households_total"))) {
                withoutTotal.computeIfAbsent(year, k -> new java.util.HashSet<>()).add(r.getString(1));
            }
            byYear.computeIfAbsent(year, k -> new ArrayList<>()).add(new Restatement.Source(r.getString(1), r.getString(2), counts));
            rulebooks.computeIfAbsent(year, k -> new TreeSet<>()).add(r.getString(3));
            inputs.computeIfAbsent(year, k -> new TreeSet<>()).add(r.getString(4));
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<Integer, List<Restatement.Source>> e : byYear.entrySet()) {
            int year = e.getKey();
            boolean same = boundaries2025.contains(year);
            Restatement.Result res = same ? Restatement.asIs(e.getValue()) : restatement.restate(e.getValue());
            Set<String> lacking = withoutTotal.getOrDefault(year, Set.of());
            Map<String, int[]> sources = new HashMap<>(); // unit key → {source communes, of which split, without total}
            Map<String, Set<String>> seen = new HashMap<>();
            for (Restatement.Allocation a : res.allocations()) {
                boolean split = a.share() < 1.0; // a part of a commune: an estimate
                for (String key : List.of("commune\t" + a.newProvince() + "/" + a.newCommune(), "province\t" + a.newProvince(), "national\tVN")) {
                    if (seen.computeIfAbsent(key, k -> new TreeSet<>()).add(a.oldCommune())) {
                        int[] n = sources.computeIfAbsent(key, k -> new int[3]);
                        n[0]++;
                        n[1] += split ? 1 : 0;
                        n[2] += lacking.contains(a.oldCommune()) ? 1 : 0;
                    }
                }
            }
            String rule = same ? "same_boundaries" : "crosswalk_2025";
            String rb = String.join(",", rulebooks.get(year));
            String in = String.join(",", inputs.get(year));
            rows.add(row(year, "national", "VN", null, res.national(), sources.get("national\tVN"), rule, rb, in, threshold));
            res.provinces().forEach((p, counts) -> rows.add(row(year, "province", p, "VN", counts,
                    sources.get("province\t" + p), rule, rb, in, threshold)));
            for (Restatement.Target t : res.communes()) {
                rows.add(row(year, "commune", t.newCommune(), t.newProvince(), t.counts(),
                        sources.get("commune\t" + t.newProvince() + "/" + t.newCommune()), rule, rb, in, threshold));
            }
        }
        return spark.createDataFrame(rows, schema());
    }

    private static Row row(int year, String level, String code, String parent, Map<String, Long> counts, int[] sources,
                           String rule, String rulebookVersion, String inputVersion, BigDecimal threshold) {
        List<Object> v = new ArrayList<>(List.of(level, code));
        v.add(parent);
        // a unit none of whose communes has a total has no denominator (null, as in mart_rates), never 0
        Restatement.MEASURES.forEach(m -> v.add(Restatement.DENOMINATORS.contains(m) ? counts.get(m) : counts.getOrDefault(m, 0L)));
        Restatement.Completeness c = Restatement.completeness(counts, threshold);
        v.add(c.poorRate());
        v.add(c.nearPoorRate());
        v.add(c.share());
        v.add(c.incomplete());
        v.add(c.poorRateHigh());
        v.add(c.nearPoorRateHigh());
        v.add(sources == null ? 0 : sources[0]);
        v.add(sources == null ? 0 : sources[1]);
        v.add(sources == null ? 0 : sources[2]);
        v.add(rule);
        v.add(true);
        v.add(rulebookVersion);
        v.add(inputVersion);
        v.add(year);
        return RowFactory.create(v.toArray());
    }

    static StructType schema() {
        StructType s = new StructType().add("level", "string", false).add("unit_code", "string", false)
                .add("parent_code", "string");
        for (String m : Restatement.MEASURES) {
            s = s.add(m, "bigint", Restatement.DENOMINATORS.contains(m));
        }
        return s.add("poor_rate_pct", DataTypes.createDecimalType(9, 4))
                .add("near_poor_rate_pct", DataTypes.createDecimalType(9, 4))
                .add("completeness", DataTypes.createDecimalType(5, 4), false)
                .add("incomplete", "boolean", false)
                .add("poor_rate_high", DataTypes.createDecimalType(9, 4))
                .add("near_poor_rate_high", DataTypes.createDecimalType(9, 4))
                .add("source_communes", "int", false)
                .add("split_communes", "int", false)
                .add("communes_without_denominator", "int", false)
                .add("restatement", "string", false)
                .add(Snapshots.OFFICIAL, "boolean", false)
                .add("rulebook_version", "string")
                .add("input_version", "string")
                .add("review_year", "int", false);
    }
}
