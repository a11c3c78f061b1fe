package vn.rasoat.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rolls commune-level rows up to district, province, region and the nation in one aggregation (GROUPING SETS).
 * Every level is a sum of the level below; rates are computed afterwards from the sums, never averaged.
 * District rows are dropped where the data has no districts (reviews from 1 July 2025).
 */
final class Levels {
    static final List<String> LEVELS = List.of("commune", "district", "province", "region", "national");
    private static final AtomicLong VIEWS = new AtomicLong();

    private Levels() {
    }

    /** Sums of the measures per unit, with columns keep…, level, unit_code, parent_code, measures…. */
    static Dataset<Row> rollUp(Dataset<Row> communes, List<String> keep, List<String> measures) {
        List<String> aggs = new ArrayList<>();
        for (String m : measures) {
            aggs.add("CAST(sum(`" + m + "`) AS BIGINT) AS `" + m + "`");
        }
        return rollUpSql(communes, keep, aggs, true);
    }

    /** The min and max of a column per unit and level (e.g. the years of the denominator figures). */
    static Dataset<Row> rollUpMinMax(Dataset<Row> communes, List<String> keep, String column) {
        return rollUpSql(communes, keep, List.of("min(`" + column + "`) AS `" + column + "_min`",
                "max(`" + column + "`) AS `" + column + "_max`"), false);
    }

    private static Dataset<Row> rollUpSql(Dataset<Row> communes, List<String> keep, List<String> aggs, boolean parent) {
        String view = "rasoat_levels_" + VIEWS.incrementAndGet();
        communes.createOrReplaceTempView(view);
        String keys = String.join(", ", keep.stream().map(k -> "`" + k + "`").toList());
        String national = "grouping(region_key) = 1";
        String region = "grouping(province_code) = 1";
        String province = "grouping(district_code) = 1";
        String district = "grouping(commune_code) = 1";
        String level = "CASE WHEN " + national + " THEN 'national' WHEN " + region + " THEN 'region' WHEN " + province
                + " THEN 'province' WHEN " + district + " THEN 'district' ELSE 'commune' END";
        String unit = "CASE WHEN " + national + " THEN 'VN' WHEN " + region + " THEN region_key WHEN " + province
                + " THEN province_code WHEN " + district + " THEN district_code ELSE commune_code END";
        String parentCode = "CASE WHEN " + national + " THEN CAST(NULL AS STRING) WHEN " + region + " THEN 'VN' WHEN "
                + province + " THEN region_key WHEN " + district + " THEN province_code "
                + "ELSE coalesce(district_code, province_code) END";
        String sql = "SELECT " + keys + ", " + level + " AS level, " + unit + " AS unit_code, "
                + (parent ? parentCode + " AS parent_code, " : "") + String.join(", ", aggs)
                + " FROM " + view + " GROUP BY " + keys + ", GROUPING SETS ((region_key, province_code, district_code, "
                + "commune_code), (region_key, province_code, district_code), (region_key, province_code), (region_key), ())";
        Dataset<Row> out = communes.sparkSession().sql(sql);
        return out.where("NOT (level = 'district' AND unit_code IS NULL)");
    }
}
