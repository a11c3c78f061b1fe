package vn.rasoat.dashboards.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The result of a named query: column names and DuckDB types, and the rows (Java values as JDBC gave them). */
public record QueryResult(String query, List<String> columns, List<String> types, List<List<Object>> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        rows = List.copyOf(rows);
    }

    public int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(query + " has no column " + column + " (it has " + columns + ")");
        }
        return i;
    }

    public Object get(int row, String column) {
        return rows.get(row).get(index(column));
    }

    public String string(int row, String column) {
        Object v = get(row, column);
        return v == null ? null : v.toString();
    }

    /** A numeric cell as a double, for drawing only (null stays null). */
    public Double number(int row, String column) {
        Object v = get(row, column);
        return v == null ? null : ((Number) v).doubleValue();
    }

    public long whole(int row, String column) {
        Object v = get(row, column);
        if (v instanceof BigDecimal d) {
            return d.longValueExact();
        }
        return ((Number) v).longValue();
    }

    public List<Object> column(String column) {
        int i = index(column);
        List<Object> out = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            out.add(r.get(i));
        }
        return out;
    }

    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** A plain-text rendering: the header, then one tab-separated line per row (null as NULL). */
    public String toTsv() {
        StringBuilder b = new StringBuilder(String.join("\t", columns)).append('\n');
        for (List<Object> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                b.append(i == 0 ? "" : "\t").append(format(r.get(i)));
            }
            b.append('\n');
        }
        return b.toString();
    }

    public static String format(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }
}
