package vn.rasoat.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.rasoat.ingest.IngestJob;

import static org.apache.spark.sql.functions.col;

/**
 * {@code dim_hamlet}: the hamlets of each commune and year as the staged hamlet list gives them, published with the
 * marts so that readers outside Spark (the budget's hamlet meetings) read a published table, never staging.
 */
final class HamletDim {
    private HamletDim() {
    }

    static Dataset<Row> build(Dataset<Row> stagedHamlets) {
        return stagedHamlets.select(col("province_code"), col("commune_code"), col("hamlet_code"), col("hamlet_name"),
                col(IngestJob.INPUT_VERSION), col("reference_year"));
    }
}
