package vn.rasoat.dashboards.site;

import org.junit.jupiter.api.Test;
import vn.rasoat.dashboards.SampleDashboards;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboards' DuckDB is read-only and reads nothing but the marts. */
class ReadOnlyWarehouseIT extends SampleDashboards {
    @Test
    void noWritesNoFilesOutsideTheMartsNoSettingChanges() throws Exception {
        try (DashboardSession s = openSample("vi"); Statement st = s.warehouse().connection().createStatement()) {
            try (var rs = st.executeQuery("SELECT count(*) FROM mart_rates")) {
                rs.next();
                assertTrue(rs.getLong(1) > 0);
            }
            for (String sql : List.of("CREATE TABLE t (x INTEGER)", "INSERT INTO unit_names VALUES ('x', 'y', 'z')",
                    "DROP VIEW mart_rates", "SELECT * FROM read_csv('/etc/passwd')",
                    "SELECT * FROM read_parquet('" + schemasDir().resolve("..").toAbsolutePath() + "/**/*.parquet')",
                    "COPY (SELECT 1) TO '/tmp/rasoat-should-not-exist.csv'", "SET enable_external_access = true",
                    "ATTACH '/tmp/rasoat-other.duckdb' AS other", "INSTALL httpfs")) {
                assertThrows(SQLException.class, () -> st.execute(sql), sql);
            }
            assertEquals(false, new java.io.File("/tmp/rasoat-should-not-exist.csv").exists());
        }
    }
}
