package vn.rasoat.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.rasoat.io.WarehouseLayout;
import vn.rasoat.marts.Publication;

import java.io.File;
import java.util.List;

/**
 * Reading the staged tables as published. An ingest publishes all its tables at once (the marts' pointer protocol,
 * {@link Publication#beginStaging}: {@code staging/_published.json} names the version folder of every partition),
 * so every reader sees one complete ingest, never the tables of a run that was killed half-way. A staging folder
 * without a pointer (written by hand, e.g. test fixtures) is read as plain partitions.
 */
public final class Staging {
    public static final String AREA = WarehouseLayout.STAGING;

    private Staging() {
    }

    /** The published table, or null when the warehouse holds none of it. */
    public static Dataset<Row> readOptional(SparkSession spark, String warehouse, String table) {
        String dir = WarehouseLayout.stagingTable(warehouse, table);
        List<String> folders = Publication.publishedFolders(warehouse, AREA, table, spark.sparkContext().hadoopConfiguration());
        if (folders == null) {
            return IngestJob.hasParquet(spark, dir) ? spark.read().parquet(dir) : null;
        }
        if (folders.isEmpty()) {
            return null;
        }
        return spark.read().option("basePath", dir).parquet(folders.toArray(String[]::new)).drop(Publication.VERSION);
    }

    /**
     * The published staged table of a record type with every field of its current contract: the partitions' schemas
     * are merged, and a field added to the contract after a partition was staged (an optional one, e.g. the causes
     * of poverty of roster 1.1.0) is there as null, "not collected", never missing.
     */
    public static Dataset<Row> readContract(SparkSession spark, String warehouse, vn.rasoat.contracts.Contract c) {
        String table = c.stagedTable();
        String dir = WarehouseLayout.stagingTable(warehouse, table);
        List<String> folders = Publication.publishedFolders(warehouse, AREA, table, spark.sparkContext().hadoopConfiguration());
        Dataset<Row> df;
        if (folders == null) {
            if (!IngestJob.hasParquet(spark, dir)) {
                throw new IllegalArgumentException("the warehouse " + warehouse + " has no staged " + table
                        + " (run rasoat ingest with that record type)");
            }
            df = spark.read().option("mergeSchema", "true").parquet(dir);
        } else if (folders.isEmpty()) {
            throw new IllegalArgumentException("the warehouse " + warehouse + " has no staged " + table
                    + " (run rasoat ingest with that record type)");
        } else {
            df = spark.read().option("mergeSchema", "true").option("basePath", dir)
                    .parquet(folders.toArray(String[]::new)).drop(Publication.VERSION);
        }
        List<String> have = java.util.Arrays.asList(df.columns());
        for (vn.rasoat.contracts.FieldSpec f : c.fields()) {
            if (!have.contains(f.name())) {
                df = df.withColumn(f.name(), org.apache.spark.sql.functions.lit(null).cast(f.type().sparkType()));
            }
        }
        return df;
    }

    /** The published table; a clear error naming it when the warehouse has none. */
    public static Dataset<Row> read(SparkSession spark, String warehouse, String table) {
        Dataset<Row> df = readOptional(spark, warehouse, table);
        if (df == null) {
            throw new IllegalArgumentException("the warehouse " + warehouse + " has no staged " + table
                    + " (run rasoat ingest with that record type)");
        }
        return df;
    }

    /**
     * Parquet globs of the published table for DuckDB's read_parquet (local warehouses), hive partitions kept in
     * the paths: every file of the table without a pointer, the published version folders with one (their
     * {@code version} partition is to be excluded). Empty when the table is not there.
     */
    public static List<String> parquetGlobs(String warehouse, String table) {
        File dir = new File(WarehouseLayout.stagingTable(warehouse, table));
        List<String> folders = Publication.publishedFolders(warehouse, AREA, table, new Configuration());
        if (folders == null) {
            return dir.isDirectory() ? List.of(dir.getAbsolutePath() + "/**/*.parquet") : List.of();
        }
        return folders.stream()
                .map(f -> new File(new org.apache.hadoop.fs.Path(f).toUri().getPath()).getAbsolutePath() + "/*.parquet")
                .toList();
    }

    /** Whether the table's globs come with a {@code version} partition column (a published staging). */
    public static boolean versioned(String warehouse) {
        return new File(WarehouseLayout.pointer(warehouse, WarehouseLayout.STAGING)).isFile();
    }
}
