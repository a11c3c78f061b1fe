package vn.rasoat.marts;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * Rolls commune-level sums up to district, province, region and the nation. Every level is a sum of the level
 * below; a rate is then computed from the sums (never an average of rates). Districts are skipped where the
 * data has none (reviews from 1 July 2025).
 */
final class Levels {
    static final List<String> LEVELS = List.of("commune", "district", "province", "region", "national");

    private Levels() {
    }

    static Column unitCode(String level) {
        return switch (level) {
            case "commune" -> col("commune_code");
            case "district" -> col("district_code");
            case "province" -> col("province_code");
            case "region" -> col("region_key");
            default -> lit("VN");
        };
    }

    static Column parentCode(String level) {
        return switch (level) {
            case "commune" -> org.apache.spark.sql.functions.coalesce(col("district_code"), col("province_code"));
            case "district" -> col("province_code");
            case "province" -> col("region_key");
            case "region" -> lit("VN");
            default -> lit(null).cast("string");
        };
    }

    /**
     * @param communes one row per commune (and any extra grouping columns) with additive measures
     * @param keep     extra grouping columns kept at every level (e.g. snapshot, breakdown)
     */
    static Dataset<Row> rollUp(Dataset<Row> communeRows, List<String> keep, List<String> measures) {
        // commune-level rows are small (units × breakdowns); computed once, read five times
        Dataset<Row> communes = communeRows.cache();
        Dataset<Row> out = null;
        for (String level : LEVELS) {
            Dataset<Row> src = level.equals("district") ? communes.where(col("district_code").isNotNull()) : communes;
            List<Column> groups = new ArrayList<>();
            keep.forEach(k -> groups.add(col(k)));
            groups.add(lit(level).as("level"));
            groups.add(unitCode(level).as("unit_code"));
            groups.add(parentCode(level).as("parent_code"));
            List<Column> aggs = new ArrayList<>();
            for (String m : measures) {
                aggs.add(sum(col(m)).cast("long").as(m));
            }
            Dataset<Row> agg = src.groupBy(groups.toArray(Column[]::new))
                    .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
            out = out == null ? agg : out.unionByName(agg);
        }
        return out;
    }

    /** The min and max of a column per unit and level (e.g. the years of the denominator figures). */
    static Dataset<Row> rollUpMinMax(Dataset<Row> communes, List<String> keep, String column) {
        Dataset<Row> out = null;
        for (String level : LEVELS) {
            Dataset<Row> src = level.equals("district") ? communes.where(col("district_code").isNotNull()) : communes;
            List<Column> groups = new ArrayList<>();
            keep.forEach(k -> groups.add(col(k)));
            groups.add(lit(level).as("level"));
            groups.add(unitCode(level).as("unit_code"));
            Dataset<Row> agg = src.groupBy(groups.toArray(Column[]::new)).agg(
                    org.apache.spark.sql.functions.min(col(column)).as(column + "_min"),
                    org.apache.spark.sql.functions.max(col(column)).as(column + "_max"));
            out = out == null ? agg : out.unionByName(agg);
        }
        return out;
    }
}
