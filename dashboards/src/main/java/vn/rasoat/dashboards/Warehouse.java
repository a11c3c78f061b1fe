package vn.rasoat.dashboards;

import vn.rasoat.contracts.MartContract;
import vn.rasoat.io.SchemaSource;
import org.apache.hadoop.conf.Configuration;
import vn.rasoat.io.WarehouseLayout;
import vn.rasoat.marts.MartsJob;
import vn.rasoat.marts.Publication;
import vn.rasoat.reference.AdminUnit;
import vn.rasoat.reference.ReferenceData;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * DuckDB over the Parquet marts: one view per mart over its hive-partitioned files, partition columns typed
 * (DuckDB would read review_year as BIGINT otherwise), and a {@code unit_names} table (level, unit_code, name)
 * from the reference unit lists. Only {@code *.parquet} is globbed, so Spark's bookkeeping files never get in
 * the way.
 *
 * <p>{@link #openReadOnly} is what dashboards, reports and the server use: the views are written to a private
 * catalog file that is then reopened read-only, file access is limited to the warehouse's marts folder and the
 * configuration is locked, so no query can write anything or read outside the marts.
 */
public final class Warehouse implements AutoCloseable {
    private final Connection connection;
    private final List<String> views;
    private final Path catalogDir;

    private Warehouse(Connection connection, List<String> views, Path catalogDir) {
        this.connection = connection;
        this.views = List.copyOf(views);
        this.catalogDir = catalogDir;
    }

    /** An in-memory, writable DuckDB with the views (for jobs that add their own tables, like the budget). */
    public static Warehouse open(SchemaSource source, String warehouse) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        return new Warehouse(c, define(c, source, warehouse), null);
    }

    /** A read-only DuckDB with the views, reading nothing but the marts. */
    public static Warehouse openReadOnly(SchemaSource source, String warehouse) throws SQLException {
        Path dir;
        try {
            dir = Files.createTempDirectory("rasoat-duckdb-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the DuckDB catalog", e);
        }
        String file = dir.resolve("marts.duckdb").toString();
        List<String> views;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            views = define(c, source, warehouse);
        }
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, p);
        try (Statement s = c.createStatement()) {
            String marts = new File(WarehouseLayout.marts(warehouse)).getAbsolutePath().replace("'", "''") + "/";
            s.execute("SET allowed_directories = ['" + marts + "']");
            s.execute("SET enable_external_access = false");
            s.execute("SET lock_configuration = true");
        }
        return new Warehouse(c, views, dir);
    }

    private static List<String> define(Connection c, SchemaSource source, String warehouse) throws SQLException {
        List<String> views = new ArrayList<>();
        for (String mart : MartsJob.ALL_MARTS) {
            File dir = new File(WarehouseLayout.mart(warehouse, mart));
            MartContract contract = MartContract.load(source, mart);
            if (!dir.isDirectory()) {
                emptyView(c, contract, views);
                continue;
            }
            StringBuilder types = new StringBuilder();
            for (String p : contract.partitionedBy()) {
                String sparkType = contract.columns().stream().filter(col -> col.name().equals(p)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(mart + ": partition column " + p + " not documented"))
                        .type();
                types.append(types.length() == 0 ? "" : ", ").append('\'').append(p).append("': ")
                        .append(sparkType.equals("int") ? "INTEGER" : "VARCHAR");
            }
            List<String> folders = Publication.publishedFolders(warehouse, mart, new Configuration());
            String files;
            if (folders == null) { // no pointer: plain hive partitions
                files = "'" + dir.getAbsolutePath().replace("'", "''") + "/" + "*/".repeat(contract.partitionedBy().size())
                        + "*.parquet'";
            } else if (folders.isEmpty()) {
                emptyView(c, contract, views);
                continue;
            } else {
                files = "[" + String.join(", ", folders.stream()
                        .map(f -> "'" + new File(new org.apache.hadoop.fs.Path(f).toUri().getPath()).getAbsolutePath().replace("'", "''") + "/*.parquet'")
                        .toList()) + "]";
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE VIEW " + mart + " AS SELECT * " + (folders == null ? "" : "EXCLUDE (" + Publication.VERSION + ") ")
                        + "FROM read_parquet(" + files
                        + ", hive_partitioning = true, hive_types = {" + types + "})");
            }
            views.add(mart);
        }
        loadUnitNames(c, ReferenceData.load(source));
        return views;
    }

    /**
     * A mart the warehouse does not hold (transitions need two review years; a mart a run wrote empty is not
     * published, an optional mart whose input is absent) is an empty view with its contract's columns, so every page
     * and count still runs, with empty tables.
     */
    private static void emptyView(Connection c, MartContract contract, List<String> views) throws SQLException {
        List<String> cols = new ArrayList<>();
        for (MartContract.Column col : contract.columns()) {
            cols.add("CAST(NULL AS " + duckType(col.type()) + ") AS \"" + col.name() + "\"");
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE VIEW " + contract.mart() + " AS SELECT " + String.join(", ", cols) + " WHERE false");
        }
        views.add(contract.mart());
    }

    static String duckType(String sparkType) {
        String t = sparkType.toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "int" -> "INTEGER";
            case "bigint", "long" -> "BIGINT";
            case "string" -> "VARCHAR";
            case "boolean" -> "BOOLEAN";
            case "date" -> "DATE";
            case "double" -> "DOUBLE";
            case "array<string>" -> "VARCHAR[]";
            default -> {
                if (t.startsWith("decimal")) {
                    yield t.toUpperCase(java.util.Locale.ROOT);
                }
                throw new IllegalArgumentException("mart " + "column type " + sparkType + " has no DuckDB type");
            }
        };
    }

    /**
     * Names of the units of the 63-province lists (a later list's name wins), the regions and the nation, keyed by
     * level and code as the marts are; the units of the 2025 list as {@code province_2025} and {@code commune_2025}.
     */
    private static void loadUnitNames(Connection c, ReferenceData reference) throws SQLException {
        Map<String, String> names = new LinkedHashMap<>();
        for (String file : reference.unitListFiles()) {
            if (file.contains("_34p_")) {
                // the units of the 2025 boundaries (mart_rates_2025), as level_2025: their codes are reused from the
                // old lists, for other territories
                for (AdminUnit u : reference.units(file)) {
                    names.put("province_2025\t" + u.provinceCode(), u.provinceName());
                    names.put("commune_2025\t" + u.communeCode(), u.communeName());
                }
                continue;
            }
            for (AdminUnit u : reference.units(file)) {
                names.put("province\t" + u.provinceCode(), u.provinceName());
                if (u.districtCode() != null) {
                    names.put("district\t" + u.districtCode(), u.districtName());
                }
                names.put("commune\t" + u.communeCode(), u.communeName());
            }
        }
        names.put("national_2025\tVN", "Toàn quốc");
        for (Map<String, String> r : reference.regionsOfProvinces63()) {
            names.put("region\t" + r.get("region_key"), r.get("region_name_vi"));
        }
        names.put("national\tVN", "Toàn quốc");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE unit_names (level VARCHAR NOT NULL, unit_code VARCHAR NOT NULL, name VARCHAR NOT NULL, "
                    + "PRIMARY KEY (level, unit_code))");
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO unit_names VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> e : names.entrySet()) {
                String[] k = e.getKey().split("\t");
                ps.setString(1, k[0]);
                ps.setString(2, k[1]);
                ps.setString(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    public Connection connection() {
        return connection;
    }

    public List<String> views() {
        return views;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
        if (catalogDir != null) {
            try (Stream<Path> files = Files.walk(catalogDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder left behind is harmless
            }
        }
    }
}
