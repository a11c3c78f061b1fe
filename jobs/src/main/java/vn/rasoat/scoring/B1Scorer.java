package vn.rasoat.scoring;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import vn.rasoat.rules.B1Table;
import vn.rasoat.rules.Rulebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Score A as one expression over a household's row: the constant of its B1 table plus, for each variable, the
 * points of the table entry its answer matches (an exact text answer, as staged: lower case, or an integer range),
 * 0 when none does. A table's entries of one variable never overlap (checked when the table is loaded), so at
 * most one matches. Evaluated in the same projection as the rest of the scoring: no join, no explode, no
 * shuffle; each answer is compared with its own table's entries only.
 */
final class B1Scorer {
    private B1Scorer() {
    }

    /**
     * Score A of the row whose B1 table id is {@code table} (null → null) and whose answers are the columns
     * {@code prefix} + variable (variable → Spark type in {@code answers}); variables the input lacks score 0, as an
     * unanswered one.
     */
    static Column scoreA(Rulebook rb, Column table, Map<String, DataType> answers, String prefix) {
        Map<String, B1Table> tables = new LinkedHashMap<>();
        tables.put(rb.urbanTable().tableId(), rb.urbanTable());
        rb.ruralTables().values().forEach(t -> tables.put(t.tableId(), t));
        Column constant = null;
        Set<String> variables = new LinkedHashSet<>();
        for (B1Table t : tables.values()) {
            constant = constant == null ? when(table.equalTo(t.tableId()), lit(t.constant()))
                    : constant.when(table.equalTo(t.tableId()), lit(t.constant()));
            variables.addAll(t.variables());
        }
        Column score = constant;
        for (String v : variables) {
            if (!answers.containsKey(v)) {
                continue;
            }
            // tables that score a variable alike share one expression (most variables are alike in every table)
            Map<List<B1Table.Entry>, List<String>> alike = new LinkedHashMap<>();
            for (B1Table t : tables.values()) {
                alike.computeIfAbsent(t.entriesOf(v), k -> new ArrayList<>()).add(t.tableId());
            }
            Column byTable = null;
            for (Map.Entry<List<B1Table.Entry>, List<String>> g : alike.entrySet()) {
                Column points = points(g.getKey(), prefix + v, answers.get(v));
                if (points == null) {
                    continue;
                }
                if (alike.size() == 1) {
                    byTable = points; // the constant is null for an unknown table, so the score is too
                    break;
                }
                Column in = table.isin(g.getValue().toArray());
                byTable = byTable == null ? when(in, points) : byTable.when(in, points);
            }
            if (byTable != null) {
                score = score.plus(coalesce(byTable, lit(0)));
            }
        }
        return score.cast("int");
    }

    /** The points of one variable's answer under one table's entries; 0 when no entry matches. */
    private static Column points(List<B1Table.Entry> entries, String column, DataType type) {
        if (entries.isEmpty()) {
            return null;
        }
        boolean integral = type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType)
                || type.equals(DataTypes.ShortType) || type.equals(DataTypes.ByteType);
        // staged text answers are already lower case (the validator lowercases enums; a boolean casts to true/false)
        Column text = col(column).cast("string");
        Column number = integral ? col(column).cast("long") : col(column).cast("string").try_cast("bigint");
        List<Column> conditions = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        for (B1Table.Entry e : entries) {
            if (e.isRange()) {
                Column c = number.geq(lit(e.lo()));
                conditions.add(e.hi() == null ? c : c.and(number.leq(lit(e.hi()))));
            } else {
                conditions.add(text.equalTo(lit(e.answer().toLowerCase(Locale.ROOT))));
            }
            values.add(e.points());
        }
        Column out = when(conditions.get(0), lit(values.get(0)));
        for (int i = 1; i < conditions.size(); i++) {
            out = out.when(conditions.get(i), lit(values.get(i)));
        }
        return out.otherwise(lit(0));
    }
}
