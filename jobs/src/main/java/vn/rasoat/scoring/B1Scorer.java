package vn.rasoat.scoring;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import vn.rasoat.rules.B1Table;
import vn.rasoat.rules.Rulebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.sum;

/**
 * Score A as a join: the household's B1 answers, one row per variable, matched against the point table of
 * its B1 table (exact answers and integer ranges), summed, plus the table's constant. The point tables are
 * small and broadcast; the generated code stays small however many tables and answers a rulebook has.
 */
final class B1Scorer {
    private B1Scorer() {
    }

    /** Input: run_id, household_id, b1_table, the B1 answer columns, recorded_score_a. */
    static Dataset<Row> score(Dataset<Row> b1, Rulebook rb) {
        var spark = b1.sparkSession();
        Map<String, B1Table> tables = new LinkedHashMap<>();
        tables.put(rb.urbanTable().tableId(), rb.urbanTable());
        rb.ruralTables().values().forEach(t -> tables.put(t.tableId(), t));
        List<Row> points = new ArrayList<>();
        List<Row> constants = new ArrayList<>();
        Set<String> variables = new LinkedHashSet<>();
        for (B1Table t : tables.values()) {
            constants.add(RowFactory.create(t.tableId(), t.constant()));
            for (B1Table.Entry e : t.entries()) {
                variables.add(e.variable());
                points.add(RowFactory.create(t.tableId(), e.variable(), e.isRange() ? null : e.answer().toLowerCase(java.util.Locale.ROOT),
                        e.lo(), e.hi(), e.points()));
            }
        }
        Dataset<Row> pointTable = spark.createDataFrame(points, new StructType().add("_t", "string").add("_var", "string")
                .add("_answer", "string").add("_lo", "long").add("_hi", "long").add("_points", "int"));
        Dataset<Row> constantTable = spark.createDataFrame(constants, new StructType().add("_t", "string").add("_constant", "int"));
        List<String> present = variables.stream().filter(v -> List.of(b1.columns()).contains(v)).toList();
        StringBuilder stack = new StringBuilder("stack(").append(present.size());
        for (String v : present) {
            stack.append(", '").append(v).append("', cast(`").append(v).append("` as string)");
        }
        stack.append(") as (variable, answer)");
        Dataset<Row> answers = b1.select(col("run_id"), col("household_id"), col("b1_table"), expr(stack.toString()));
        Column exact = col("_answer").isNotNull().and(lower(col("answer")).equalTo(col("_answer")));
        Column answerLong = col("answer").try_cast("bigint");
        Column range = col("_lo").isNotNull().and(answerLong.geq(col("_lo")))
                .and(col("_hi").isNull().or(answerLong.leq(col("_hi"))));
        Dataset<Row> matched = answers.join(broadcast(pointTable), col("b1_table").equalTo(col("_t"))
                        .and(col("variable").equalTo(col("_var"))).and(exact.or(range)))
                .groupBy("run_id", "household_id").agg(sum("_points").as("_sum"));
        return b1.select(col("run_id"), col("household_id"), col("b1_table"), col("recorded_score_a"))
                .join(matched, scala.jdk.javaapi.CollectionConverters.asScala(List.of("run_id", "household_id")).toSeq(), "left")
                .join(broadcast(constantTable), col("b1_table").equalTo(col("_t")), "left")
                .select(col("run_id"), col("household_id"), col("b1_table"), col("recorded_score_a"),
                        col("_constant").plus(coalesce(col("_sum"), lit(0L))).cast("int").as("score_a"));
    }
}
