package vn.rasoat.marts;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

/**
 * {@code fct_household_status}: one row per household per review run, keyed by a keyed pseudonym
 * (HMAC-SHA256 of the household id); the household id itself, names and citizen ids never reach the marts.
 */
final class FactTable {
    private FactTable() {
    }

    static Dataset<Row> build(Dataset<Row> scored, Pseudonyms pseudonyms) {
        List<Column> cols = new ArrayList<>();
        cols.add(pseudonyms.hmac(col("household_id")).as("household_key"));
        cols.add(when(col("parent_household_id").isNotNull(), pseudonyms.hmac(col("parent_household_id")))
                .as("parent_household_key"));
        List<String> dropped = List.of("household_id", "parent_household_id", "head_name", "citizen_id", "source_file",
                "source_row", "input_version");
        for (String c : scored.columns()) {
            if (!dropped.contains(c)) {
                cols.add(col(c));
            }
        }
        return scored.select(cols.toArray(Column[]::new));
    }
}
