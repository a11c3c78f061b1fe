package vn.rasoat.bench;

import vn.rasoat.contracts.Contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The ingest's yardstick: DuckDB's plain {@code read_csv} of the same CSV files into tables, one per record type,
 * every column as text. It validates, quarantines and reconciles nothing, so it is a floor the ingest is measured
 * against, not a peer that must agree with it. The tables go to a database file in the work folder (deleted
 * afterwards), as the ingest writes its staged tables to disk, with DuckDB's memory capped so that a national input
 * spills rather than swells the process.
 */
final class CsvYardstick {
    private CsvYardstick() {
    }

    /** Rows loaded per record type (in the contracts' order), and the total under {@code "total"}. */
    static Map<String, Long> run(Path input, Path work, int threads) throws IOException, SQLException {
        Path db = work.resolve("yardstick.duckdb");
        deleteDb(db);
        Map<String, Long> rows = new LinkedHashMap<>();
        long total = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
             Statement st = c.createStatement()) {
            st.execute("SET threads = " + threads);
            st.execute("SET memory_limit = '2GB'");
            st.execute("SET preserve_insertion_order = false");
            for (String type : Contracts.RECORD_TYPES) {
                Path dir = input.resolve(type);
                List<Path> files = csvFiles(dir);
                if (files.isEmpty()) {
                    continue;
                }
                // the files by name (no glob: a work folder's name may hold glob characters)
                String list = String.join(", ", files.stream().map(f -> "'" + f.toString().replace("'", "''") + "'").toList());
                st.execute("CREATE TABLE \"" + type + "\" AS SELECT * FROM read_csv([" + list
                        + "], header = true, delim = ',', quote = '\"', all_varchar = true)");
                try (ResultSet r = st.executeQuery("SELECT count(*) FROM \"" + type + "\"")) {
                    r.next();
                    rows.put(type, r.getLong(1));
                    total += r.getLong(1);
                }
            }
        } finally {
            deleteDb(db);
        }
        rows.put("total", total);
        return rows;
    }

    private static List<Path> csvFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static void deleteDb(Path db) throws IOException {
        Files.deleteIfExists(db);
        Files.deleteIfExists(db.resolveSibling(db.getFileName() + ".wal"));
    }
}
