package vn.rasoat.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.rasoat.contracts.Contract;
import vn.rasoat.contracts.Contracts;
import vn.rasoat.io.SchemaSource;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The held rows an officer fixes from: the quarantine rows of the input versions currently staged (a re-ingested,
 * fixed file replaces its version, so its held rows leave this list), with the commune, year, run and household
 * read from the row's raw record.
 */
public final class Quarantine {
    private Quarantine() {
    }

    /** Held row of a commune and year, as listed by {@code rasoat quarantine}. */
    public record HeldRow(String recordType, String sourceFile, long sourceRow, String field, String value, String reason,
                          String errors, String runId, String householdId) {
    }

    /** Per review year and commune: held rows and the households they touch (distinct run + household). */
    public record ByCommune(Integer year, String communeCode, long rows, long households) {
    }

    /** The input versions of everything staged now. */
    public static List<Object> currentVersions(SparkSession spark, SchemaSource source, String warehouse) {
        Contracts contracts = Contracts.load(source);
        Dataset<Row> v = null;
        for (String type : Contracts.RECORD_TYPES) {
            Contract c = contracts.get(type);
            Dataset<Row> staged = Staging.readOptional(spark, warehouse, c.stagedTable());
            if (staged != null) {
                Dataset<Row> d = staged.select(IngestJob.INPUT_VERSION).distinct();
                v = v == null ? d : v.union(d);
            }
        }
        List<Object> out = new ArrayList<>();
        if (v != null) {
            v.distinct().collectAsList().forEach(r -> out.add(r.getString(0)));
        }
        return out;
    }

    /** The published quarantine, or an empty table with its columns when nothing was ever held. */
    public static Dataset<Row> read(SparkSession spark, String warehouse) {
        Dataset<Row> q = Staging.readOptional(spark, warehouse, IngestJob.QUARANTINE);
        if (q != null) {
            return q;
        }
        return spark.createDataFrame(List.of(), new org.apache.spark.sql.types.StructType().add("record_type", "string")
                .add("source_file", "string").add("source_row", "long").add("field", "string").add("value", "string")
                .add("reason", "string").add("errors", "string").add("raw_record", "string")
                .add(IngestJob.INPUT_VERSION, "string"));
    }

    /** Held rows of the given versions with commune_code, year, run_id and household_id from the raw record. */
    public static Dataset<Row> held(SparkSession spark, String warehouse, List<Object> versions) {
        Dataset<Row> q = read(spark, warehouse);
        if (!List.of(q.columns()).contains("raw_record")) {
            q = q.withColumn("raw_record", lit(null).cast("string")).withColumn("source_row", lit(null).cast("long"))
                    .withColumn("field", lit(null).cast("string")).withColumn("value", lit(null).cast("string"))
                    .withColumn("errors", lit(null).cast("string"));
        }
        Column raw = col("raw_record");
        Column year = coalesce(get_json_object(raw, "$.review_year"), get_json_object(raw, "$.reference_year"));
        return q.where(col(IngestJob.INPUT_VERSION).isin(versions.toArray()))
                .select(get_json_object(raw, "$.commune_code").as("commune_code"),
                        when(year.rlike("^[0-9]{4}$"), year.cast("int")).as("year"),
                        get_json_object(raw, "$.run_id").as("run_id"), get_json_object(raw, "$.household_id").as("household_id"),
                        col("record_type"), col("source_file"), col("source_row").cast("long").as("source_row"),
                        col("field"), col("value"), col("reason"), col("errors"), col(IngestJob.INPUT_VERSION));
    }

    public static List<HeldRow> list(Dataset<Row> held, String commune, int year) {
        return held.where(col("commune_code").equalTo(commune).and(col("year").equalTo(year)))
                .orderBy("record_type", "source_file", "source_row").collectAsList().stream()
                .map(r -> new HeldRow(r.getAs("record_type"), r.getAs("source_file"), r.<Long>getAs("source_row"),
                        r.getAs("field"), r.getAs("value"), r.getAs("reason"), r.getAs("errors"), r.getAs("run_id"),
                        r.getAs("household_id")))
                .toList();
    }

    /** Communes with held rows, most households touched first (rows without a readable commune: commune null). */
    public static List<ByCommune> byCommune(Dataset<Row> held) {
        Column hh = when(col("household_id").isNotNull(),
                org.apache.spark.sql.functions.concat_ws("|", coalesce(col("run_id"), lit("")), col("household_id")));
        return held.groupBy(col("year"), col("commune_code"))
                .agg(org.apache.spark.sql.functions.count(lit(1)).as("rows"), countDistinct(hh).as("households"))
                .orderBy(col("households").desc(), col("rows").desc(), col("year"), col("commune_code"))
                .collectAsList().stream()
                .map(r -> new ByCommune(r.isNullAt(0) ? null : r.getInt(0), r.getString(1), r.getLong(2), r.getLong(3)))
                .toList();
    }
}
