package vn.rasoat.marts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import vn.rasoat.io.WarehouseLayout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import static org.apache.spark.sql.functions.col;

/**
 * Atomic publication of the marts. A run writes each mart aside (under {@code marts/_staging/<run>/}), moves every
 * written partition into a new version folder beside the published one ({@code <mart>/review_year=…/version=<run>/}),
 * and only then switches one pointer file, {@code marts/_published.json}, which names the version of every partition
 * of every mart; the switch is an atomic rename. Readers ({@link #read}, the dashboards' DuckDB) follow the pointer,
 * so a run killed at any point leaves the previous marts readable and intact, and readers never see a half-written
 * partition. Versions no longer published and folders of killed runs are removed by the next run (under the
 * warehouse lock). Partitions a run does not write stay as they are, as with dynamic overwrite.
 *
 * <p>The same protocol publishes the staged tables of an ingest ({@link #beginStaging}): area {@code staging/},
 * pointer {@code staging/_published.json}, so scoring and every other reader of staging sees one complete ingest.
 */
public final class Publication {
    public static final String POINTER = WarehouseLayout.POINTER;
    public static final String VERSION = "version";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final String warehouse;
    /** The folder under the warehouse ({@code marts} or {@code staging}) and the tables it may hold. */
    private final String area;
    private final List<String> tables;
    private final boolean repartition;
    private final String run;
    private final FileSystem fs;
    private final Map<String, Map<String, String>> published;
    private final Map<String, Map<String, String>> pending = new TreeMap<>();
    /** The schema of each table this run wrote, for reading it back without a Spark job to infer it. */
    private final Map<String, org.apache.spark.sql.types.StructType> written = new TreeMap<>();
    private int moved;
    /** Numbers each write's aside folder: writes of one table (the quarantine, per record type) may run at once. */
    private final java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();

    private Publication(SparkSession spark, String warehouse, String area, List<String> tables, boolean repartition,
                        String run, FileSystem fs, Map<String, Map<String, String>> published) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.area = area;
        this.tables = tables;
        this.repartition = repartition;
        this.run = run;
        this.fs = fs;
        this.published = published;
    }

    /** Starts a publication: reads the pointer and removes what killed runs left behind. */
    public static Publication begin(SparkSession spark, String warehouse) {
        return begin(spark, warehouse, WarehouseLayout.MARTS, martTables(), true);
    }

    /**
     * Starts a publication of staged tables ({@code staging/<table>/}): written as they come (no repartition by
     * the first partition column, so a national review year is still written in parallel).
     */
    public static Publication beginStaging(SparkSession spark, String warehouse, List<String> tables) {
        return begin(spark, warehouse, WarehouseLayout.STAGING, tables, false);
    }

    private static List<String> martTables() {
        return MartsJob.ALL_MARTS;
    }

    private static Publication begin(SparkSession spark, String warehouse, String area, List<String> tables,
                                     boolean repartition) {
        try {
            Path marts = new Path(WarehouseLayout.area(warehouse, area));
            FileSystem fs = marts.getFileSystem(spark.sparkContext().hadoopConfiguration());
            String run = "r" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
                    + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
            Publication p = new Publication(spark, warehouse, area, tables, repartition, run, fs, pointer(fs, marts));
            if (!fs.exists(new Path(marts, POINTER))) {
                // Publish what is there (adopted as version=legacy, or nothing) before writing anything: without a
                // pointer readers take every folder, and would see this run's versions if it were killed.
                p.adoptUnversioned();
                p.writePointer(p.published);
            }
            p.removeUnpublished();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + area + " of " + warehouse + ": " + e.getMessage(), e);
        }
    }

    public String run() {
        return run;
    }

    /**
     * Parquet row groups of at most this many bytes (Spark's default is 128 MB: a year of a national mart in one row
     * group, which a reader scans on one thread and cannot skip any of): DuckDB reads row groups in parallel and skips
     * those whose statistics rule them out.
     */
    public static final long ROW_GROUP_BYTES = 8L << 20;

    /** Writes a mart's partitions aside and moves them into version folders (not yet visible); returns the rows. */
    public long write(Dataset<Row> df, String mart, String... partitions) {
        return writeAside(df, mart, true, List.of(), partitions);
    }

    /** As {@link #write(Dataset, String, String...)}, each file's rows sorted by {@code sortBy}. */
    public long write(Dataset<Row> df, String mart, List<String> sortBy, String... partitions) {
        return writeAside(df, mart, true, sortBy, partitions);
    }

    /**
     * As {@link #write}, without reading the rows back to count them (one Spark job less): for tables whose caller
     * counts what was written itself (ingest reconciles every file against what it wrote).
     */
    public void writeUncounted(Dataset<Row> df, String table, String... partitions) {
        writeAside(df, table, false, List.of(), partitions);
    }

    private long writeAside(Dataset<Row> df, String mart, boolean count, List<String> sortBy, String[] partitions) {
        Path staged = new Path(WarehouseLayout.writingAside(warehouse, area, run, mart + "." + writes.incrementAndGet()));
        Dataset<Row> out = repartition ? vn.rasoat.spark.Spread.byPartitionAndRows(df, partitions[0], sortBy) : df;
        if (!sortBy.isEmpty()) {
            out = out.sortWithinPartitions(sortBy.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
        }
        out.write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "static")
                .option("parquet.block.size", String.valueOf(ROW_GROUP_BYTES))
                .partitionBy(partitions).parquet(staged.toString());
        synchronized (this) {
            written.put(mart, df.schema().add(VERSION, org.apache.spark.sql.types.DataTypes.StringType));
        }
        Failpoints.hit(area + ":staged:" + mart);
        try {
            List<String> leaves = fs.exists(staged) ? leaves(fs, staged, "", partitions.length) : List.of();
            if (leaves.isEmpty()) {
                return 0; // nothing to publish (e.g. year-over-year with a single review year)
            }
            long rows = count ? spark.read().schema(df.schema()).parquet(staged.toString()).count() : -1;
            Path martDir = new Path(WarehouseLayout.table(warehouse, area, mart));
            for (String leaf : leaves) {
                Path target = new Path(martDir, leaf + "/" + VERSION + "=" + run);
                fs.mkdirs(target.getParent());
                if (!fs.rename(new Path(staged, leaf), target)) {
                    throw new IOException("cannot move " + new Path(staged, leaf) + " to " + target);
                }
                int n;
                synchronized (this) {
                    pending.computeIfAbsent(mart, k -> new TreeMap<>()).put(leaf, run);
                    n = ++moved;
                }
                if (n == 2) {
                    Failpoints.hit(area + ":moving");
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + mart + ": " + e.getMessage(), e);
        }
    }

    /**
     * What this run has written of a table so far (moved into its version folders, not yet published), the version
     * column dropped; null when it wrote nothing of it.
     */
    public Dataset<Row> readWritten(String table) {
        String[] folders;
        org.apache.spark.sql.types.StructType schema;
        Path dir = new Path(WarehouseLayout.table(warehouse, area, table));
        synchronized (this) {
            Map<String, String> parts = pending.get(table);
            if (parts == null || parts.isEmpty()) {
                return null;
            }
            folders = parts.entrySet().stream()
                    .map(e -> new Path(dir, e.getKey() + "/" + VERSION + "=" + e.getValue()).toString()).toArray(String[]::new);
            schema = written.get(table);
        }
        // with the schema it was written with: no job to read a footer, and partition values keep their types
        return spark.read().schema(schema).option("basePath", dir.toString()).parquet(folders).drop(VERSION);
    }

    /** Switches the pointer to the new versions (one atomic rename), then removes what is no longer published. */
    public synchronized void commit() {
        Failpoints.hit(area + ":before-commit");
        try {
            Map<String, Map<String, String>> next = new TreeMap<>();
            published.forEach((m, parts) -> next.put(m, new TreeMap<>(parts)));
            pending.forEach((m, parts) -> next.computeIfAbsent(m, k -> new TreeMap<>()).putAll(parts));
            writePointer(next);
            published.clear();
            published.putAll(next);
            pending.clear();
            Failpoints.hit(area + ":after-commit");
            removeUnpublished();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the " + area + " of " + warehouse + ": " + e.getMessage(), e);
        }
    }

    /** Writes the pointer naming {@code next} aside and renames it over the published one (atomic). */
    private void writePointer(Map<String, Map<String, String>> next) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("run", run);
        root.put("published_at", Instant.now().toString());
        ObjectNode marts = root.putObject(pointerKey(area));
        next.forEach((m, parts) -> {
            ObjectNode o = marts.putObject(m);
            parts.forEach(o::put);
        });
        Path dir = new Path(warehouse, area);
        Path tmp = new Path(dir, "_published." + run + ".tmp");
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            out.hsync();
        }
        replace(fs, tmp, new Path(dir, POINTER));
    }

    /** Atomic replace: POSIX rename on a local disk, rename with overwrite elsewhere (atomic on HDFS). */
    private static void replace(FileSystem fs, Path from, Path to) throws IOException {
        if (fs instanceof LocalFileSystem || "file".equals(fs.getUri().getScheme())) {
            Files.move(Paths.get(fs.makeQualified(from).toUri()), Paths.get(fs.makeQualified(to).toUri()),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        if (fs.exists(to)) {
            fs.delete(to, false);
        }
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    /**
     * A warehouse written before publication existed has its files straight in the partition folders: they are
     * moved into {@code version=legacy} folders and published as they are, so nothing is lost on the first run.
     */
    private void adoptUnversioned() throws IOException {
        Path marts = new Path(warehouse, area);
        for (String mart : tables) {
            Path dir = new Path(marts, mart);
            if (fs.exists(dir)) {
                adopt(mart, dir, "");
            }
        }
        published.putAll(pending);
        pending.clear();
    }

    private void adopt(String mart, Path dir, String prefix) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (s.isDirectory() && name.contains("=") && !name.startsWith(VERSION + "=")) {
                adopt(mart, s.getPath(), prefix + name + "/");
            } else if (!s.isDirectory() && name.endsWith(".parquet")) {
                files.add(s);
            }
        }
        if (!files.isEmpty() && !prefix.isEmpty()) {
            Path target = new Path(dir, VERSION + "=legacy");
            fs.mkdirs(target);
            for (FileStatus f : files) {
                fs.rename(f.getPath(), new Path(target, f.getPath().getName()));
            }
            pending.computeIfAbsent(mart, k -> new TreeMap<>()).put(prefix.substring(0, prefix.length() - 1), "legacy");
        }
    }

    /**
     * Removes staging folders, version folders that the pointer does not name, and the {@code .spark-staging-*}
     * folders a killed Spark write leaves in a table (safe under the warehouse lock).
     */
    private void removeUnpublished() throws IOException {
        Path marts = new Path(WarehouseLayout.area(warehouse, area));
        fs.delete(new Path(marts, WarehouseLayout.WRITING_ASIDE), true);
        if (!fs.exists(marts)) {
            return;
        }
        for (FileStatus s : fs.listStatus(marts)) {
            String name = s.getPath().getName();
            if (name.startsWith("_published.") && name.endsWith(".tmp")) {
                fs.delete(s.getPath(), false);
            }
        }
        for (String mart : tables) {
            Path dir = new Path(marts, mart);
            if (fs.exists(dir)) {
                removeSparkStaging(dir);
            }
            if (!fs.exists(dir) || !published.containsKey(mart)) {
                continue;
            }
            Map<String, String> parts = published.get(mart);
            removeVersions(dir, "", parts);
        }
    }

    private void removeSparkStaging(Path dir) throws IOException {
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (s.isDirectory() && name.startsWith(".spark-staging-")) {
                fs.delete(s.getPath(), true);
            } else if (s.isDirectory() && name.contains("=")) {
                removeSparkStaging(s.getPath());
            }
        }
    }

    private void removeVersions(Path dir, String prefix, Map<String, String> parts) throws IOException {
        for (FileStatus s : fs.listStatus(dir)) {
            if (!s.isDirectory()) {
                continue;
            }
            String name = s.getPath().getName();
            if (name.startsWith(VERSION + "=")) {
                String leaf = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
                if (!name.equals(VERSION + "=" + parts.get(leaf))) {
                    fs.delete(s.getPath(), true);
                }
            } else if (name.contains("=")) {
                removeVersions(s.getPath(), prefix + name + "/", parts);
            }
        }
    }

    /** Partition folders {@code depth} levels below {@code dir}, as relative paths. */
    private static List<String> leaves(FileSystem fs, Path dir, String prefix, int depth) throws IOException {
        List<String> out = new ArrayList<>();
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (!s.isDirectory() || !name.contains("=") || name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            if (depth == 1) {
                out.add(prefix + name);
            } else {
                out.addAll(leaves(fs, s.getPath(), prefix + name + "/", depth - 1));
            }
        }
        return out;
    }

    /** The published version of every partition of every mart (empty without a pointer). */
    static Map<String, Map<String, String>> pointer(FileSystem fs, Path marts) throws IOException {
        String area = marts.getName();
        Map<String, Map<String, String>> out = new TreeMap<>();
        Path p = new Path(marts, POINTER);
        if (!fs.exists(p)) {
            return out;
        }
        JsonNode root;
        try (InputStream in = fs.open(p)) {
            root = JSON.readTree(in);
        }
        for (Iterator<Map.Entry<String, JsonNode>> m = root.path(pointerKey(area)).fields(); m.hasNext(); ) {
            Map.Entry<String, JsonNode> e = m.next();
            Map<String, String> parts = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(f -> parts.put(f.getKey(), f.getValue().asText()));
            out.put(e.getKey(), parts);
        }
        return out;
    }

    /**
     * The published folders of a mart (absolute paths), or null when the warehouse has no pointer (a warehouse
     * written before publication existed, read as plain partitions).
     */
    public static List<String> publishedFolders(String warehouse, String mart, Configuration conf) {
        return publishedFolders(warehouse, WarehouseLayout.MARTS, mart, conf);
    }

    /** The published folders of a table of an area ({@code marts} or {@code staging}); null without a pointer. */
    public static List<String> publishedFolders(String warehouse, String area, String mart, Configuration conf) {
        try {
            Path marts = new Path(WarehouseLayout.area(warehouse, area));
            FileSystem fs = marts.getFileSystem(conf);
            if (!fs.exists(new Path(marts, POINTER))) {
                return null;
            }
            Map<String, String> parts = pointer(fs, marts).get(mart);
            if (parts == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            parts.forEach((leaf, version) -> out.add(new Path(new Path(marts, mart), leaf + "/" + VERSION + "=" + version).toString()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WarehouseLayout.pointer(warehouse, area) + ": " + e.getMessage(), e);
        }
    }

    /** A mart as published (the version column dropped), for Spark readers. */
    public static Dataset<Row> read(SparkSession spark, String warehouse, String mart) {
        String dir = MartsJob.martPath(warehouse, mart);
        List<String> folders = publishedFolders(warehouse, mart, spark.sparkContext().hadoopConfiguration());
        if (folders == null) {
            return spark.read().parquet(dir);
        }
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("the warehouse " + warehouse + " has no published " + mart + " (run rasoat marts)");
        }
        return spark.read().option("basePath", dir).parquet(folders.toArray(String[]::new)).drop(VERSION);
    }

    /** The pointer file names the marts' partitions under "marts" (as it always has), other areas' under "tables". */
    private static String pointerKey(String area) {
        return area.equals("marts") ? "marts" : "tables";
    }

    /** Test seam: {@code RASOAT_FAILPOINT=<name>} halts the JVM at that point, as a kill would. */
    public static final class Failpoints {
        private Failpoints() {
        }

        public static void hit(String name) {
            String at = System.getenv("RASOAT_FAILPOINT");
            if (at != null && at.equals(name)) {
                System.err.println("failpoint " + name + ": halting");
                Runtime.getRuntime().halt(137);
            }
        }
    }
}
