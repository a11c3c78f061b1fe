package vn.rasoat.ingest;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import vn.rasoat.contracts.Contract;
import vn.rasoat.contracts.Contracts;
import vn.rasoat.contracts.FieldSpec;
import vn.rasoat.io.Progress;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.reference.ReferenceData;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

/**
 * {@code rasoat ingest}: reads every input file (CSV, XLSX, Parquet), validates it against its contract,
 * writes typed staged Parquet per record type partitioned by review year, sends every rejected row to the
 * quarantine table with file, row, field, value and reason, and reconciles rows read = accepted + quarantined.
 */
public final class IngestJob {
    public static final String INPUT_VERSION = "input_version";

    private IngestJob() {
    }

    /** Per record type and file: rows read, accepted, quarantined (read back from what was written). */
    public record FileCount(String recordType, String sourceFile, long read, long accepted, long quarantined) {
        public boolean balanced() {
            return read == accepted + quarantined;
        }
    }

    public record Result(String inputVersion, List<FileCount> counts, Map<String, Long> quarantineByReason) {
        public long read() {
            return counts.stream().mapToLong(FileCount::read).sum();
        }

        public long accepted() {
            return counts.stream().mapToLong(FileCount::accepted).sum();
        }

        public long quarantined() {
            return counts.stream().mapToLong(FileCount::quarantined).sum();
        }

        public boolean balanced() {
            return counts.stream().allMatch(FileCount::balanced);
        }
    }

    public static String stagingRoot(String warehouse) {
        return warehouse + "/staging";
    }

    public static Result run(SparkSession spark, SchemaSource source, String input, String warehouse) {
        Progress progress = new Progress("ingest");
        Contracts contracts = Contracts.load(source);
        ReferenceData ref = ReferenceData.load(source);
        Set<String> communes = ref.allCommuneCodes();
        Set<String> ethnic = new HashSet<>(ref.ethnicCodes());
        List<InputFile> files = InputListing.list(input);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no input files (csv, xlsx, parquet) under " + input
                    + "; put each record type in a folder named after it, e.g. household_roster/");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String version = Fingerprint.of(jsc, files);
        progress.step(files.stream().map(InputFile::path).distinct().count() + " input file(s), input version " + version);
        String staging = stagingRoot(warehouse);
        List<FileCount> counts = new ArrayList<>();
        Map<String, Long> byReason = new TreeMap<>();
        Dataset<Row> rosterKeys = null;
        for (String type : Contracts.RECORD_TYPES) {
            List<InputFile> ofType = files.stream().filter(f -> f.recordType().equals(type)).toList();
            if (ofType.isEmpty()) {
                continue;
            }
            Contract c = contracts.get(type);
            Dataset<Row> raw = readRaw(spark, jsc, c, ofType, input);
            Validator validator = new Validator(c, communes, ethnic);
            Dataset<Row> checked = validator.validate(raw).persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> validated = validator.withKeyChecks(checked, isForm(c) ? rosterKeys : null);
            Column accepted = size(col(Validator.ERRORS)).equalTo(0);
            writeStaged(validated.where(accepted), c, staging, version);
            writeQuarantine(validated.where(accepted.unary_$bang()), c, staging, version);
            if (type.equals("household_roster")) {
                rosterKeys = readIfExists(spark, staging + "/" + c.stagedTable())
                        .where(col(INPUT_VERSION).equalTo(version))
                        .select(col("run_id").as("_k_run"), col("household_id").as("_k_hh"), lit(true).as("_k_ok"));
            }
            List<FileCount> fileCounts = reconcile(spark, validated, c, staging, version);
            counts.addAll(fileCounts);
            readIfExists(spark, staging + "/quarantine").where(col(INPUT_VERSION).equalTo(version)
                            .and(col("record_type").equalTo(type)))
                    .groupBy("reason").count().collectAsList()
                    .forEach(r -> byReason.merge(r.getString(0), r.getLong(1), Long::sum));
            long read = fileCounts.stream().mapToLong(FileCount::read).sum();
            long q = fileCounts.stream().mapToLong(FileCount::quarantined).sum();
            progress.step(String.format("%-17s %,10d read %,10d accepted %,8d quarantined", type, read, read - q, q));
            checked.unpersist();
        }
        Result result = new Result(version, counts, byReason);
        writeReconciliation(spark, result, staging);
        return result;
    }

    private static boolean isForm(Contract c) {
        return List.of("form_a", "form_b1", "form_b2", "income_viii").contains(c.recordType());
    }

    static Dataset<Row> readRaw(SparkSession spark, JavaSparkContext jsc, Contract c, List<InputFile> files,
                                String input) {
        List<InputFile> text = files.stream().filter(f -> !f.format().equals("parquet")).toList();
        List<InputFile> parquet = files.stream().filter(f -> f.format().equals("parquet")).toList();
        Dataset<Row> raw = null;
        if (!text.isEmpty()) {
            var rdd = jsc.parallelize(text, Math.max(1, text.size())).flatMap(f -> RawReader.read(f, c));
            raw = spark.createDataFrame(rdd, RawReader.schema(c));
        }
        if (!parquet.isEmpty()) {
            Dataset<Row> p = readParquet(spark, c, parquet);
            raw = raw == null ? p : raw.unionByName(p);
        }
        return raw;
    }

    /** Parquet input: its own columns read as text, with the file and row index from Spark's file metadata. */
    private static Dataset<Row> readParquet(SparkSession spark, Contract c, List<InputFile> files) {
        Dataset<Row> df = spark.read().parquet(files.stream().map(InputFile::path).toArray(String[]::new));
        Set<String> present = new HashSet<>(List.of(df.columns()));
        String missing = c.fields().stream().filter(f -> f.required() && !present.contains(f.name()))
                .map(FieldSpec::name).findFirst().orElse(null);
        Map<String, String> relative = new LinkedHashMap<>();
        files.forEach(f -> relative.put(f.path(), f.relativePath()));
        Column rel = lit(null).cast("string");
        for (Map.Entry<String, String> e : relative.entrySet()) {
            rel = when(col("_metadata.file_path").endsWith(e.getValue()), lit(e.getValue())).otherwise(rel);
        }
        List<Column> cols = new ArrayList<>();
        cols.add(rel.as(RawReader.SOURCE_FILE));
        cols.add(col("_metadata.row_index").plus(1).as(RawReader.SOURCE_ROW));
        cols.add(lit(missing == null ? null : ReasonCodes.MISSING_COLUMN).cast("string").as(RawReader.READ_ERROR));
        cols.add(lit(missing).cast("string").as(RawReader.READ_ERROR_FIELD));
        cols.add(lit(null).cast("string").as(RawReader.READ_ERROR_DETAIL));
        for (FieldSpec f : c.fields()) {
            Column v = present.contains(f.name())
                    ? expr("nullif(trim(cast(`" + f.name() + "` as string)), '')")
                    : lit(null).cast("string");
            cols.add(v.as(f.name()));
        }
        return df.select(cols.toArray(Column[]::new));
    }

    private static void writeStaged(Dataset<Row> accepted, Contract c, String staging, String version) {
        List<Column> cols = new ArrayList<>();
        for (FieldSpec f : c.fields()) {
            cols.add(col(Validator.typedName(f.name())).cast(f.type().sparkType()).as(f.name()));
        }
        cols.add(col(RawReader.SOURCE_FILE));
        cols.add(col(RawReader.SOURCE_ROW));
        cols.add(lit(version).as(INPUT_VERSION));
        accepted.select(cols.toArray(Column[]::new))
                .write().mode(SaveMode.Overwrite).partitionBy(c.partitionColumn())
                .parquet(staging + "/" + c.stagedTable());
    }

    private static void writeQuarantine(Dataset<Row> rejected, Contract c, String staging, String version) {
        Column first = element_at(col(Validator.ERRORS), 1);
        Column all = concat_ws("; ", transform(col(Validator.ERRORS),
                e -> concat_ws("=", e.getField("field"), e.getField("reason"))));
        Column rawJson = to_json(struct(c.fieldNames().stream().map(n -> col(n)).toArray(Column[]::new)));
        rejected.select(
                        col(RawReader.SOURCE_FILE), col(RawReader.SOURCE_ROW),
                        first.getField("field").as("field"), first.getField("value").as("value"),
                        first.getField("reason").as("reason"), size(col(Validator.ERRORS)).as("error_count"),
                        all.as("errors"), rawJson.as("raw_record"),
                        lit(c.recordType()).as("record_type"), lit(version).as(INPUT_VERSION))
                .coalesce(1)
                .write().mode(SaveMode.Overwrite).partitionBy("record_type", INPUT_VERSION)
                .parquet(staging + "/quarantine");
    }

    private static List<FileCount> reconcile(SparkSession spark, Dataset<Row> validated, Contract c, String staging,
                                             String version) {
        Map<String, long[]> byFile = new TreeMap<>();
        validated.groupBy(RawReader.SOURCE_FILE).count().collectAsList()
                .forEach(r -> byFile.computeIfAbsent(r.getString(0), k -> new long[3])[0] = r.getLong(1));
        readIfExists(spark, staging + "/" + c.stagedTable()).where(col(INPUT_VERSION).equalTo(version))
                .groupBy(RawReader.SOURCE_FILE).count().collectAsList()
                .forEach(r -> byFile.computeIfAbsent(r.getString(0), k -> new long[3])[1] = r.getLong(1));
        readIfExists(spark, staging + "/quarantine")
                .where(col(INPUT_VERSION).equalTo(version).and(col("record_type").equalTo(c.recordType())))
                .groupBy(RawReader.SOURCE_FILE).count().collectAsList()
                .forEach(r -> byFile.computeIfAbsent(r.getString(0), k -> new long[3])[2] = r.getLong(1));
        List<FileCount> out = new ArrayList<>();
        byFile.forEach((file, n) -> out.add(new FileCount(c.recordType(), file, n[0], n[1], n[2])));
        return out;
    }

    /** Whether a table folder holds any Parquet file (an empty write leaves only folders). */
    public static boolean hasParquet(SparkSession spark, String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            var fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(p)) {
                var files = fs.listFiles(p, true);
                while (files.hasNext()) {
                    if (files.next().getPath().getName().endsWith(".parquet")) {
                        return true;
                    }
                }
            }
            return false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A written table, or an empty one with the columns the reconciliation asks for when nothing was written. */
    public static Dataset<Row> readIfExists(SparkSession spark, String path) {
        if (hasParquet(spark, path)) {
            return spark.read().parquet(path);
        }
        var schema = new org.apache.spark.sql.types.StructType().add(RawReader.SOURCE_FILE, "string")
                .add("reason", "string").add("record_type", "string").add(INPUT_VERSION, "string")
                .add("run_id", "string").add("household_id", "string");
        return spark.createDataFrame(List.of(), schema);
    }

    private static void writeReconciliation(SparkSession spark, Result r, String staging) {
        List<Row> rows = new ArrayList<>();
        for (FileCount f : r.counts()) {
            rows.add(org.apache.spark.sql.RowFactory.create(f.recordType(), f.sourceFile(), f.read(), f.accepted(),
                    f.quarantined(), f.balanced(), r.inputVersion()));
        }
        var schema = new org.apache.spark.sql.types.StructType()
                .add("record_type", "string").add("source_file", "string").add("rows_read", "long")
                .add("rows_accepted", "long").add("rows_quarantined", "long").add("balanced", "boolean")
                .add(INPUT_VERSION, "string");
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).partitionBy(INPUT_VERSION)
                .parquet(staging + "/ingest_reconciliation");
    }
}
