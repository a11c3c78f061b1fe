package vn.rasoat.ingest;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import vn.rasoat.contracts.Contract;
import vn.rasoat.contracts.Contracts;
import vn.rasoat.contracts.FieldSpec;
import vn.rasoat.io.Progress;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.io.WarehouseLayout;
import vn.rasoat.marts.Publication;
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
 * {@code rasoat ingest}: reads every input file (CSV, compressed CSV, XLSX, XLS, Parquet), validates it against its contract,
 * writes typed staged Parquet per record type partitioned by review year, sends every rejected row to the
 * quarantine table with file, row, field, value and reason, and reconciles rows read = accepted + quarantined.
 */
public final class IngestJob {
    public static final String INPUT_VERSION = "input_version";

    private IngestJob() {
    }

    /**
     * Per record type and file: rows read, accepted, quarantined (read back from what was written), and a note
     * for a file that was not read (skipped, a link loop) or that held no rows; the file's size in bytes.
     */
    public record FileCount(String recordType, String sourceFile, long read, long accepted, long quarantined,
                            String note, long sizeBytes) {
        public FileCount(String recordType, String sourceFile, long read, long accepted, long quarantined) {
            this(recordType, sourceFile, read, accepted, quarantined, null, -1);
        }

        public boolean balanced() {
            return read == accepted + quarantined;
        }
    }

    /**
     * What an ingest did. {@code warnings}: a record type that had rows but of which nothing was accepted, a file
     * of which every row was quarantined for one reason — a run that finishes, balanced, but almost surely on the
     * wrong input (the command exits with status 4).
     */
    public record Result(String inputVersion, List<FileCount> counts, Map<String, Long> quarantineByReason,
                         List<String> warnings) {
        public Result(String inputVersion, List<FileCount> counts, Map<String, Long> quarantineByReason) {
            this(inputVersion, counts, quarantineByReason, List.of());
        }

        /** The command's exit status: 3 when a file does not reconcile, 4 when it does but with warnings, else 0. */
        public int exitStatus() {
            return !balanced() ? 3 : warnings.isEmpty() ? 0 : 4;
        }

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

    /** The staging area of a warehouse ({@link WarehouseLayout#staging}). */
    public static String stagingRoot(String warehouse) {
        return WarehouseLayout.staging(warehouse);
    }

    /** Every table an ingest writes under staging/ (published together, see {@link Staging}). */
    public static List<String> stagingTables() {
        List<String> tables = new ArrayList<>();
        Contracts.RECORD_TYPES.forEach(t -> tables.add("stg_" + t));
        tables.add(QUARANTINE);
        tables.add(RECONCILIATION);
        return tables;
    }

    public static final String QUARANTINE = "quarantine";
    public static final String RECONCILIATION = "ingest_reconciliation";

    public static Result run(SparkSession spark, SchemaSource source, String input, String warehouse) {
        Progress progress = new Progress("ingest");
        Contracts contracts = Contracts.load(source);
        ReferenceData ref = ReferenceData.load(source);
        Set<String> communeCodes = ref.allCommuneCodes();
        Set<String> ethnic = new HashSet<>(ref.ethnicCodes());
        InputListing.Listing listing = InputListing.listAll(input);
        List<InputFile> files = listing.files();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no input files (csv, csv.gz, xlsx, xls, parquet) under " + input
                    + (listing.skipped().isEmpty() ? "" : " (" + listing.skipped().size() + " other entries skipped, e.g. "
                    + listing.skipped().get(0).relativePath() + ": " + listing.skipped().get(0).note() + ")")
                    + "; put each record type in a folder named after it, e.g. household_roster/");
        }
        long bytes = files.stream().map(f -> java.util.Map.entry(f.path(), f.size())).distinct()
                .mapToLong(java.util.Map.Entry::getValue).sum();
        try (vn.rasoat.spark.SmallInput.Scope scope = vn.rasoat.spark.SmallInput.enter(spark, bytes,
                vn.rasoat.spark.SmallInput.INGEST_BYTES)) {
            if (scope.small()) {
                progress.step(vn.rasoat.spark.SmallInput.note(String.format("%,d bytes of input", bytes)));
            }
            return ingest(spark, contracts, warehouse, input, progress, communeCodes, ethnic, listing, files,
                    vn.rasoat.spark.ParallelJobs.threads(spark, bytes, vn.rasoat.spark.SmallInput.INGEST_BYTES, PARALLEL));
        }
    }

    private static Result ingest(SparkSession spark, Contracts contracts, String warehouse, String input,
                                 Progress progress, Set<String> communeCodes, Set<String> ethnic,
                                 InputListing.Listing listing, List<InputFile> files, int parallel) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String version = Fingerprint.of(jsc, files);
        progress.step(files.stream().map(InputFile::path).distinct().count() + " input file(s), input version " + version
                + (listing.skipped().isEmpty() ? "" : ", " + listing.skipped().size() + " other entries skipped (listed in the reconciliation)"));
        // Everything is written aside and published at the end by one pointer switch: a run killed half-way leaves
        // the previous ingest's tables as they were, and the next run removes what it left.
        Publication pub = Publication.beginStaging(spark, warehouse, stagingTables());
        Dataset<Row> communes = Validator.codeTable(spark, communeCodes);
        List<FileCount> counts = new ArrayList<>();
        Map<String, Long> byReason = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        for (TypeResult t : ingestTypes(spark, jsc, contracts, pub, input, version, progress, communes, ethnic, files,
                parallel)) {
            counts.addAll(t.counts());
            t.reasons().values().forEach(m -> m.forEach((reason, n) -> byReason.merge(reason, n, Long::sum)));
            warnings.addAll(t.warnings());
        }
        // commune workbooks (outside a record-type folder) that gave no row of any record type
        Set<String> withRows = new HashSet<>(counts.stream().map(FileCount::sourceFile).toList());
        files.stream().filter(f -> !f.underTypeFolder()).map(InputFile::relativePath).distinct()
                .filter(f -> !withRows.contains(f)).forEach(f -> counts.add(new FileCount(NO_TYPE, f, 0, 0, 0,
                        "no sheet named after a record type", files.stream().filter(x -> x.relativePath().equals(f))
                        .findFirst().map(InputFile::size).orElse(-1L))));
        for (InputListing.Skipped sk : listing.skipped()) {
            counts.add(new FileCount(sk.recordType() == null ? NO_TYPE : sk.recordType(), sk.relativePath(), 0, 0, 0,
                    sk.note(), sk.size()));
        }
        Result result = new Result(version, counts, byReason, warnings);
        writeReconciliation(spark, pub, result);
        pub.commit();
        return result;
    }

    /** What one record type gave: its files' counts, their quarantine reasons, and its warnings. */
    private record TypeResult(List<FileCount> counts, Map<String, Map<String, Long>> reasons, List<String> warnings) {
    }

    /**
     * Record types at most this many at once where that pays ({@link vn.rasoat.spark.ParallelJobs#threads}: a small
     * input on a cluster); the forms wait for the household roster, whose keys they are checked against.
     * {@code rasoat.ingest.parallel} (a system property) sets it.
     */
    static final int PARALLEL = Integer.getInteger("rasoat.ingest.parallel", 3);

    /** Every record type of the input, {@code parallel} at once; the results in the contracts' order. */
    private static List<TypeResult> ingestTypes(SparkSession spark, JavaSparkContext jsc, Contracts contracts,
                                                Publication pub, String input, String version, Progress progress,
                                                Dataset<Row> communes, Set<String> ethnic, List<InputFile> files,
                                                int parallel) {
        try (vn.rasoat.spark.ParallelJobs jobs = new vn.rasoat.spark.ParallelJobs(spark, "ingest", parallel)) {
            Map<String, java.util.concurrent.CompletableFuture<TypeResult>> byType = new LinkedHashMap<>();
            java.util.concurrent.CompletableFuture<Dataset<Row>> rosterKeys = java.util.concurrent.CompletableFuture.completedFuture(null);
            if (jobs.sideBySide()) {
                progress.step("record types side by side, up to " + parallel + " at once (little input, on a cluster)");
            }
            // in the contracts' order (the roster before the forms, which wait for it)
            for (String type : Contracts.RECORD_TYPES) {
                List<InputFile> ofType = files.stream().filter(f -> f.recordType().equals(type)).toList();
                if (ofType.isEmpty()) {
                    continue;
                }
                Contract c = contracts.get(type);
                java.util.concurrent.CompletableFuture<TypeResult> f = isForm(c)
                        ? jobs.after(rosterKeys, keys -> ingestType(spark, jsc, c, pub, ofType, input, version, progress, communes, ethnic, keys))
                        : jobs.submit(() -> ingestType(spark, jsc, c, pub, ofType, input, version, progress, communes, ethnic, null));
                if (type.equals("household_roster")) {
                    rosterKeys = f.thenApply(r -> {
                        Dataset<Row> roster = pub.readWritten(c.stagedTable());
                        return roster == null ? null : roster
                                .select(col("run_id").as("_k_run"), col("household_id").as("_k_hh"), lit(true).as("_k_ok"));
                    });
                }
                byType.put(type, f);
            }
            // in the contracts' order; the first failure in that order is the one reported
            List<TypeResult> out = new ArrayList<>();
            for (String type : Contracts.RECORD_TYPES) {
                if (byType.containsKey(type)) {
                    out.add(jobs.join(byType.get(type)));
                }
            }
            return out;
        }
    }

    private static TypeResult ingestType(SparkSession spark, JavaSparkContext jsc, Contract c, Publication pub,
                                         List<InputFile> ofType, String input, String version, Progress progress,
                                         Dataset<Row> communes, Set<String> ethnic, Dataset<Row> rosterKeys) {
        String type = c.recordType();
        Dataset<Row> raw = readRaw(spark, jsc, c, ofType, input);
        Validator validator = new Validator(c, communes, ethnic);
        // The checked rows are read and validated once, and cached: they feed the two key checks, and with the keys
        // at fault joined to them (normally a handful of rows) the staged table, the quarantine and the
        // reconciliation. The checked-and-keyed rows are not cached a second time: building a cache of every row
        // cost more than joining the keys three times (at 10 % of the country the ingest went 70 → 57 s). Forcing
        // those joins to broadcast, after counting the keys, was 5 s slower there than Spark's own choice of join.
        Dataset<Row> checked = validator.validate(raw).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> validated = validator.withKeyChecks(checked, isForm(c) ? rosterKeys : null);
        Column accepted = size(col(Validator.ERRORS)).equalTo(0);
        writeStaged(pub, validated.where(accepted), c, version);
        writeQuarantine(pub, validated.where(accepted.unary_$bang()), c, version);
        Map<String, Map<String, Long>> reasons = new TreeMap<>();
        List<FileCount> fileCounts = reconcile(pub, validated, c, version, reasons);
        checked.unpersist();
        // a file of the type that gave no row at all (a header and nothing else) is listed with 0 rows
        Set<String> reported = new HashSet<>(fileCounts.stream().map(FileCount::sourceFile).toList());
        List<FileCount> withSizes = new ArrayList<>();
        Map<String, Long> sizes = new TreeMap<>();
        ofType.forEach(f -> sizes.put(f.relativePath(), f.size()));
        for (FileCount fc : fileCounts) {
            withSizes.add(new FileCount(fc.recordType(), fc.sourceFile(), fc.read(), fc.accepted(), fc.quarantined(),
                    null, sizes.getOrDefault(fc.sourceFile(), -1L)));
        }
        for (InputFile f : ofType) {
            if (f.underTypeFolder() && reported.add(f.relativePath())) {
                withSizes.add(new FileCount(type, f.relativePath(), 0, 0, 0, "no data rows (a header only)", f.size()));
            }
        }
        List<String> warnings = new ArrayList<>();
        long read = fileCounts.stream().mapToLong(FileCount::read).sum();
        long q = fileCounts.stream().mapToLong(FileCount::quarantined).sum();
        progress.step(String.format("%-17s %,10d read %,10d accepted %,8d quarantined", type, read, read - q, q));
        if (read > 0 && read == q) {
            warnings.add(String.format("nothing accepted from %s: all %,d rows quarantined %s", type, read,
                    reasons.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList()));
        }
        for (FileCount fc : fileCounts) {
            Map<String, Long> ofFile = reasons.getOrDefault(fc.sourceFile(), Map.of());
            if (fc.read() > 0 && fc.quarantined() == fc.read() && ofFile.size() == 1) {
                warnings.add(String.format("every row of %s (%s, %,d) quarantined as %s", fc.sourceFile(), type,
                        fc.read(), ofFile.keySet().iterator().next()));
            }
        }
        Publication.Failpoints.hit("ingest:staged:" + type);
        return new TypeResult(withSizes, reasons, warnings);
    }

    /** The record type column of a reconciliation row for an entry that is of no record type. */
    public static final String NO_TYPE = "-";

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

    private static void writeStaged(Publication pub, Dataset<Row> accepted, Contract c, String version) {
        List<Column> cols = new ArrayList<>();
        for (FieldSpec f : c.fields()) {
            cols.add(col(Validator.typedName(f.name())).cast(f.type().sparkType()).as(f.name()));
        }
        cols.add(col(RawReader.SOURCE_FILE));
        cols.add(col(RawReader.SOURCE_ROW));
        cols.add(lit(version).as(INPUT_VERSION));
        pub.writeUncounted(accepted.select(cols.toArray(Column[]::new)), c.stagedTable(), c.partitionColumn());
    }

    private static void writeQuarantine(Publication pub, Dataset<Row> rejected, Contract c, String version) {
        Column first = element_at(col(Validator.ERRORS), 1);
        Column all = concat_ws("; ", transform(col(Validator.ERRORS),
                e -> concat_ws("=", e.getField("field"), e.getField("reason"))));
        Column rawJson = to_json(struct(c.fieldNames().stream().map(n -> col(n)).toArray(Column[]::new)));
        pub.writeUncounted(rejected.select(
                        col(RawReader.SOURCE_FILE), col(RawReader.SOURCE_ROW),
                        first.getField("field").as("field"), first.getField("value").as("value"),
                        first.getField("reason").as("reason"), size(col(Validator.ERRORS)).as("error_count"),
                        all.as("errors"), rawJson.as("raw_record"),
                        lit(c.recordType()).as("record_type"), lit(version).as(INPUT_VERSION))
                .coalesce(1), QUARANTINE, "record_type", INPUT_VERSION);
    }

    /** Counts per file read back from what this run wrote; {@code reasons} gets each file's quarantine reasons. */
    private static List<FileCount> reconcile(Publication pub, Dataset<Row> validated, Contract c, String version,
                                             Map<String, Map<String, Long>> reasons) {
        // one query: rows read (the validated rows), accepted (read back from the staged table written) and
        // quarantined by reason (read back from the quarantine written), per file
        Dataset<Row> parts = validated.select(col(RawReader.SOURCE_FILE).as("_file"), lit(0).as("_kind"),
                lit(null).cast("string").as("_reason"));
        Dataset<Row> staged = pub.readWritten(c.stagedTable());
        if (staged != null) {
            parts = parts.unionByName(staged.where(col(INPUT_VERSION).equalTo(version))
                    .select(col(RawReader.SOURCE_FILE).as("_file"), lit(1).as("_kind"), lit(null).cast("string").as("_reason")));
        }
        Dataset<Row> quarantined = pub.readWritten(QUARANTINE);
        if (quarantined != null) {
            parts = parts.unionByName(quarantined.where(col(INPUT_VERSION).cast("string").equalTo(version)
                            .and(col("record_type").equalTo(c.recordType())))
                    .select(col(RawReader.SOURCE_FILE).as("_file"), lit(2).as("_kind"), col("reason").as("_reason")));
        }
        Map<String, long[]> byFile = new TreeMap<>();
        for (Row r : parts.groupBy("_file", "_kind", "_reason").count().collectAsList()) {
            byFile.computeIfAbsent(r.getString(0), k -> new long[3])[r.getInt(1)] += r.getLong(3);
            if (r.getInt(1) == 2) {
                reasons.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(2), r.getLong(3));
            }
        }
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

    private static void writeReconciliation(SparkSession spark, Publication pub, Result r) {
        List<Row> rows = new ArrayList<>();
        for (FileCount f : r.counts()) {
            rows.add(org.apache.spark.sql.RowFactory.create(f.recordType(), f.sourceFile(), f.read(), f.accepted(),
                    f.quarantined(), f.balanced(), f.note(), f.sizeBytes() < 0 ? null : f.sizeBytes(), r.inputVersion()));
        }
        var schema = new org.apache.spark.sql.types.StructType()
                .add("record_type", "string").add("source_file", "string").add("rows_read", "long")
                .add("rows_accepted", "long").add("rows_quarantined", "long").add("balanced", "boolean")
                .add("note", "string").add("size_bytes", "long")
                .add(INPUT_VERSION, "string");
        pub.write(spark.createDataFrame(rows, schema).coalesce(1), RECONCILIATION, INPUT_VERSION);
    }
}
