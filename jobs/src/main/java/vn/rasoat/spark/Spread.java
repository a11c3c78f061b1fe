package vn.rasoat.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * The shuffle before a partitioned write. Hashing the rows on the partition column alone ({@code review_year}) puts
 * a year in one task: one core sorted and wrote a national year of a mart (27.5 million rows of
 * {@code fct_household_status}) while the other cores waited. Hashing on the partition column and the rows' own
 * columns spreads each year over the session's shuffle partitions ({@code spark.sql.shuffle.partitions}; adaptive
 * execution, when on, coalesces those of a small table into one): a year is written as a few files, each sorted as
 * the table's contract says. The rows are the same; only how many files hold them changes.
 */
public final class Spread {
    private Spread() {
    }

    /**
     * {@code df} hashed on {@code partition} and {@code by} (all of its columns when {@code by} is empty), into the
     * session's shuffle partitions.
     */
    public static Dataset<Row> byPartitionAndRows(Dataset<Row> df, String partition, List<String> by) {
        List<Column> keys = new ArrayList<>();
        keys.add(col(partition));
        for (String c : by.isEmpty() ? Arrays.asList(df.columns()) : by) {
            if (!c.equals(partition)) {
                keys.add(col("`" + c + "`"));
            }
        }
        return df.repartition(keys.toArray(Column[]::new));
    }
}
