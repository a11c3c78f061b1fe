package vn.rasoat.marts;

import vn.rasoat.ingest.IngestJob;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.bit_xor;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Per published mart (the optional ones, dim_hamlet and mart_rates_harmonised, too): rows, and two order-independent digests (bit_xor and a modular sum of xxhash64 over
 * every column, in name order) of every row. Two warehouses with equal checksums hold the same marts, whatever
 * the file layout, partition order or machine that wrote them.
 */
public final class MartChecksums {
    private MartChecksums() {
    }

    public static Map<String, String> of(SparkSession spark, String warehouse) {
        Map<String, String> out = new TreeMap<>();
        for (String mart : MartsJob.ALL_MARTS) {
            java.util.List<String> folders = Publication.publishedFolders(warehouse, mart,
                    spark.sparkContext().hadoopConfiguration());
            boolean absentOptional = folders == null && MartsJob.OPTIONAL_MARTS.contains(mart)
                    && !IngestJob.hasParquet(spark, MartsJob.martPath(warehouse, mart));
            if ((folders != null && folders.isEmpty()) || absentOptional) {
                out.put(mart, "not published");
                continue;
            }
            out.put(mart, of(MartsJob.read(spark, warehouse, mart)));
        }
        return out;
    }

    /** The checksum of any table: rows / bit_xor / modular sum of a 64-bit hash of every row. */
    public static String of(Dataset<Row> d) {
        Column[] cols = Arrays.stream(d.columns()).sorted().map(c -> col("`" + c + "`")).toArray(Column[]::new);
        Row r = d.select(xxhash64(cols).as("h")).agg(count(lit(1)), bit_xor(col("h")), sum(pmod(col("h"), lit(1_000_003L))))
                .first();
        return r.get(0) + "/" + r.get(1) + "/" + r.get(2);
    }
}
