package vn.rasoat.bench;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import vn.rasoat.ingest.Staging;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.marts.Publication;
import vn.rasoat.reference.AdminUnit;
import vn.rasoat.reference.ReferenceData;
import vn.rasoat.rules.Rulebooks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-memory DuckDB over a warehouse's staged Parquet, with the rule tables of {@link PeerSql}: where the
 * DuckDB peer runs its query and the Java loop loads its arrays. Results come as rows keyed
 * "year|snapshot|level|unit" → "poor|near_poor|households_total", the form every peer and mart_rates are compared in.
 */
public final class PeerDatabase implements AutoCloseable {
    private final Connection duck;
    private final PeerSql sql;
    private final List<String> variables;
    private final String warehouse;

    private PeerDatabase(Connection duck, PeerSql sql, List<String> variables, String warehouse) {
        this.duck = duck;
        this.sql = sql;
        this.variables = variables;
        this.warehouse = warehouse;
    }

    public static PeerDatabase open(SchemaSource source, Rulebooks rulebooks, String warehouse) throws SQLException {
        Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = duck.createStatement()) {
            st.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
            st.execute("SET preserve_insertion_order = false");
            Map<String, String> views = Map.of("household_roster", "roster", "review_runs", "runs", "form_a", "form_a",
                    "form_b1", "form_b1", "form_b2", "form_b2", "income_viii", "income_viii", "commune_totals", "totals");
            boolean versioned = Staging.versioned(warehouse);
            for (Map.Entry<String, String> v : views.entrySet()) {
                // the staged tables as published (Staging): the version folders the pointer names
                List<String> globs = Staging.parquetGlobs(warehouse, "stg_" + v.getKey());
                if (globs.isEmpty()) {
                    throw new IllegalArgumentException("the warehouse " + warehouse + " has no staged stg_" + v.getKey());
                }
                st.execute("CREATE VIEW " + v.getValue() + " AS SELECT * " + (versioned ? "EXCLUDE (version) " : "")
                        + "FROM read_parquet([" + String.join(", ", globs.stream().map(g -> "'" + g.replace("'", "''") + "'").toList())
                        + "], hive_partitioning = true, union_by_name = true)");
            }
            st.execute("CREATE TABLE regions (commune_code VARCHAR, region_key VARCHAR)");
        }
        regions(duck, ReferenceData.load(source));
        List<String> b1Columns = new ArrayList<>();
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE form_b1")) {
            while (rs.next()) {
                b1Columns.add(rs.getString(1));
            }
        }
        List<String> variables = PeerSql.b1Variables(rulebooks, b1Columns);
        PeerSql sql = new PeerSql(rulebooks, variables);
        try (Statement st = duck.createStatement()) {
            for (String s : sql.ruleTables()) {
                st.execute(s);
            }
        }
        return new PeerDatabase(duck, sql, variables, warehouse);
    }

    public Connection connection() {
        return duck;
    }

    public PeerSql sql() {
        return sql;
    }

    public List<String> variables() {
        return variables;
    }

    /** The peer: scoring, snapshot and aggregation as one query, into the table duck_result. */
    public void run() throws SQLException {
        try (Statement st = duck.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE duck_result AS WITH snap AS (" + sql.scoreAndSnapshot() + ") SELECT * FROM ("
                    + PeerSql.AGGREGATE + ")");
        }
    }

    public Map<String, String> result() throws SQLException {
        return rows("SELECT * FROM duck_result");
    }

    /** Rows of a Parquet result written by Spark. */
    public Map<String, String> parquet(String folder) throws SQLException {
        return rows("SELECT * FROM read_parquet('" + folder.replace("'", "''") + "/*.parquet')");
    }

    /** Commune rows of the published mart_rates (all households, annual snapshots). */
    public Map<String, String> martRates() throws SQLException {
        List<String> published = Publication.publishedFolders(warehouse, "mart_rates", new org.apache.hadoop.conf.Configuration());
        List<String> folders = published == null ? List.of()
                : published.stream().map(f -> "'" + f.replaceFirst("^file:", "").replace("'", "''") + "/*.parquet'").toList();
        if (folders.isEmpty()) {
            return Map.of();
        }
        return rows("SELECT review_year, snapshot, level, unit_code, poor_households, near_poor_households,"
                + " households_total FROM read_parquet([" + String.join(", ", folders) + "], hive_partitioning = true,"
                + " union_by_name = true) WHERE level = 'commune' AND breakdown = 'all' AND snapshot LIKE 'annual_%'");
    }

    /** Only the commune rows of a result. */
    public static Map<String, String> communes(Map<String, String> rows) {
        Map<String, String> out = new TreeMap<>();
        rows.forEach((k, v) -> {
            if (k.split("\\|")[2].equals("commune")) {
                out.put(k, v);
            }
        });
        return out;
    }

    private Map<String, String> rows(String query) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT CAST(review_year AS INTEGER), snapshot, level, unit_code, poor_households, near_poor_households,"
                        + " households_total FROM (" + query + ")")) {
            while (rs.next()) {
                out.put(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4),
                        rs.getLong(5) + "|" + rs.getLong(6) + "|" + rs.getString(7));
            }
        }
        return out;
    }

    private static void regions(Connection duck, ReferenceData ref) throws SQLException {
        Map<String, String> map = new LinkedHashMap<>();
        for (String file : ref.unitListFiles()) {
            for (AdminUnit u : ref.units(file)) {
                map.putIfAbsent(u.communeCode(), u.regionKey());
            }
        }
        try (DuckDBAppender app = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "regions")) {
            for (Map.Entry<String, String> e : map.entrySet()) {
                app.beginRow();
                app.append(e.getKey());
                app.append(e.getValue());
                app.endRow();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        duck.close();
    }
}
