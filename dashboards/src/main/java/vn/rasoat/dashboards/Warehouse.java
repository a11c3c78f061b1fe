package vn.rasoat.dashboards;

import vn.rasoat.contracts.MartContract;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.marts.MartsJob;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB over the Parquet marts: one view per mart over its hive-partitioned files, partition columns typed
 * (DuckDB would read review_year as BIGINT otherwise). Only {@code *.parquet} is globbed, so Spark's
 * bookkeeping files never get in the way.
 */
public final class Warehouse implements AutoCloseable {
    private final Connection connection;
    private final List<String> views = new ArrayList<>();

    private Warehouse(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens an in-memory DuckDB with a view per mart found under {@code <warehouse>/marts}; the partition columns
     * and their types come from the mart contracts in {@code schemas/marts/}.
     */
    public static Warehouse open(SchemaSource source, String warehouse) throws SQLException {
        Warehouse w = new Warehouse(DriverManager.getConnection("jdbc:duckdb:"));
        for (String mart : MartsJob.MARTS) {
            File dir = new File(warehouse, "marts/" + mart);
            if (!dir.isDirectory()) {
                continue;
            }
            MartContract contract = MartContract.load(source, mart);
            StringBuilder types = new StringBuilder();
            for (String p : contract.partitionedBy()) {
                String sparkType = contract.columns().stream().filter(c -> c.name().equals(p)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(mart + ": partition column " + p + " not documented"))
                        .type();
                types.append(types.length() == 0 ? "" : ", ").append('\'').append(p).append("': ")
                        .append(sparkType.equals("int") ? "INTEGER" : "VARCHAR");
            }
            String glob = dir.getAbsolutePath().replace("'", "''") + "/" + "*/".repeat(contract.partitionedBy().size())
                    + "*.parquet";
            try (Statement s = w.connection.createStatement()) {
                s.execute("CREATE VIEW " + mart + " AS SELECT * FROM read_parquet('" + glob
                        + "', hive_partitioning = true, hive_types = {" + types + "})");
            }
            w.views.add(mart);
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
