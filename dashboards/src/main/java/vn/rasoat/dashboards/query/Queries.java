package vn.rasoat.dashboards.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Runs named queries on a DuckDB connection, binding checked parameter values; queries are parsed once. */
public final class Queries {
    private final Connection connection;
    private final Map<String, NamedQuery> cache = new ConcurrentHashMap<>();

    public Queries(Connection connection) {
        this.connection = connection;
    }

    public NamedQuery query(String name) {
        return cache.computeIfAbsent(name, NamedQuery::load);
    }

    /** The values of the parameters after checking: every declared one present, none extra. */
    public static Map<String, Object> check(NamedQuery q, Map<String, ?> params) {
        Set<String> extra = new HashSet<>(params.keySet());
        extra.removeAll(q.params().keySet());
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException(q.name() + ": unknown parameter(s) " + extra.stream().sorted().toList()
                    + " (it takes " + q.params().keySet() + ")");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        // a parameter declared with a default ("subgroup subgroup = all") may be left out
        q.params().forEach((name, type) -> out.put(name, type.check(name,
                params.get(name) != null ? params.get(name) : q.defaults().get(name))));
        return out;
    }

    public QueryResult run(String name, Map<String, ?> params) throws SQLException {
        NamedQuery q = query(name);
        Map<String, Object> values = check(q, params);
        synchronized (connection) {
            try (PreparedStatement ps = connection.prepareStatement(q.jdbcSql())) {
                int i = 1;
                for (String p : q.bindOrder()) {
                    ps.setObject(i++, values.get(p));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    List<String> types = new ArrayList<>();
                    for (int c = 1; c <= md.getColumnCount(); c++) {
                        columns.add(md.getColumnLabel(c));
                        types.add(md.getColumnTypeName(c));
                    }
                    List<List<Object>> rows = new ArrayList<>();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>(columns.size());
                        for (int c = 1; c <= columns.size(); c++) {
                            row.add(rs.getObject(c));
                        }
                        rows.add(row);
                    }
                    return new QueryResult(name, columns, types, rows);
                }
            } catch (SQLException e) {
                throw new SQLException(name + ".sql: " + e.getMessage(), e);
            }
        }
    }
}
