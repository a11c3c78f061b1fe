package vn.rasoat.dashboards;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DuckDB over the Parquet marts: one view per mart over its hive-partitioned files, partition columns typed
 * (DuckDB would read review_year as BIGINT otherwise). Only {@code *.parquet} is globbed, so Spark's
 * bookkeeping files never get in the way.
 */
public final class Warehouse implements AutoCloseable {
    /** Partition columns of each mart and their DuckDB types. */
    public static final Map<String, Map<String, String>> PARTITIONS = Map.of(
            "fct_household_status", Map.of("review_year", "INTEGER"),
            "mart_rates", Map.of("review_year", "INTEGER", "snapshot", "VARCHAR"),
            "mart_deprivation", Map.of("review_year", "INTEGER"),
            "mart_deprivation_af", Map.of("review_year", "INTEGER"),
            "mart_deprivation_af_indicator", Map.of("review_year", "INTEGER"),
            "mart_transitions", Map.of("review_year", "INTEGER"),
            "mart_transition_matrix", Map.of("review_year", "INTEGER"),
            "mart_spells", Map.of("review_year", "INTEGER"));

    private final Connection connection;
    private final List<String> views = new ArrayList<>();

    private Warehouse(Connection connection) {
        this.connection = connection;
    }

    /** Opens an in-memory DuckDB with a view per mart found under {@code <warehouse>/marts}. */
    public static Warehouse open(String warehouse) throws SQLException {
        Warehouse w = new Warehouse(DriverManager.getConnection("jdbc:duckdb:"));
        for (Map.Entry<String, Map<String, String>> e : PARTITIONS.entrySet()) {
            File dir = new File(warehouse, "marts/" + e.getKey());
            if (!dir.isDirectory()) {
                continue;
            }
            String glob = dir.getAbsolutePath().replace("'", "''") + "/" + "*/".repeat(e.getValue().size()) + "*.parquet";
            StringBuilder types = new StringBuilder();
            e.getValue().forEach((k, v) -> types.append(types.length() == 0 ? "" : ", ").append('\'').append(k)
                    .append("': ").append(v));
            try (Statement s = w.connection.createStatement()) {
                s.execute("CREATE VIEW " + e.getKey() + " AS SELECT * FROM read_parquet('" + glob
                        + "', hive_partitioning = true, hive_types = {" + types + "})");
            }
            w.views.add(e.getKey());
        }
        return w;
    }

    public Connection connection() {
        return connection;
    }

    public List<String> views() {
        return List.copyOf(views);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
