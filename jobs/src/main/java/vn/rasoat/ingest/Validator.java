package vn.rasoat.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import vn.rasoat.contracts.Contract;
import vn.rasoat.contracts.FieldSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

/**
 * Validates raw rows against a contract with Spark built-in expressions (no UDFs): adds the typed value of
 * every field and an {@code errors} array of (field, value, reason). A row is accepted when it has no error.
 */
public final class Validator {
    public static final String ERRORS = "errors";
    private static final List<String> TRUE = List.of("true", "1", "x", "có", "co", "yes", "y", "đúng", "c");
    private static final List<String> FALSE = List.of("false", "0", "không", "khong", "no", "n", "sai", "k");

    private final Contract contract;
    private final Dataset<Row> communeCodes;
    private final Set<String> ethnicCodes;

    /**
     * {@code communeCodes}: every known commune code, one column {@link #CODE} ({@link #codeTable}). It is joined,
     * not written into the plan as a list: some 14,000 literals in every query of a record type cost seconds of
     * planning per query on any input, however small.
     */
    public Validator(Contract contract, Dataset<Row> communeCodes, Set<String> ethnicCodes) {
        this.contract = contract;
        this.communeCodes = communeCodes;
        this.ethnicCodes = ethnicCodes;
    }

    /** The column of a code table. */
    public static final String CODE = "_code";

    /** A set of codes as a small table (materialised once, so a plan that joins it holds a reference, not the rows). */
    public static Dataset<Row> codeTable(SparkSession spark, Set<String> codes) {
        List<Row> rows = codes.stream().sorted().map(c -> RowFactory.create(c)).toList();
        return spark.createDataFrame(rows, new StructType().add(CODE, "string")).localCheckpoint();
    }

    private static String knownName(String field) {
        return "_known_" + field;
    }

    static String typedName(String field) {
        return "_t_" + field;
    }

    private static String reasonName(String field) {
        return "_r_" + field;
    }

    /** Raw rows → raw rows + typed columns {@code _t_<field>} + {@code errors}. */
    public Dataset<Row> validate(Dataset<Row> raw) {
        // Three projections (typed values, then reasons, then the error list), not a column at a time: each
        // withColumn is a projection of its own, and a projection per field copies every row once per field.
        List<Column> typedCols = new ArrayList<>();
        typedCols.add(col("*"));
        for (FieldSpec f : contract.fields()) {
            typedCols.add(typed(f, col(f.name())).as(typedName(f.name())));
        }
        Dataset<Row> df = raw.select(typedCols.toArray(Column[]::new));
        // a commune field is known when its code is in the table (a broadcast join: the rows are not shuffled)
        List<String> known = new ArrayList<>();
        for (FieldSpec f : contract.fields()) {
            if ("commune".equals(f.ref())) {
                df = df.join(broadcast(communeCodes.select(col(CODE).as(knownName(f.name())))),
                        col(f.name()).equalTo(col(knownName(f.name()))), "left");
                known.add(knownName(f.name()));
            }
        }
        List<Column> reasonCols = new ArrayList<>();
        reasonCols.add(col("*"));
        for (FieldSpec f : contract.fields()) {
            reasonCols.add(reason(f, col(f.name()), col(typedName(f.name()))).as(reasonName(f.name())));
        }
        df = df.select(reasonCols.toArray(Column[]::new));
        List<Column> errors = new ArrayList<>();
        List<Column> reasons = new ArrayList<>();
        errors.add(struct(col(RawReader.READ_ERROR_FIELD).as("field"), col(RawReader.READ_ERROR_DETAIL).as("value"),
                col(RawReader.READ_ERROR).as("reason")));
        reasons.add(col(RawReader.READ_ERROR));
        for (FieldSpec f : contract.fields()) {
            reasons.add(col(reasonName(f.name())));
            Column value = col(f.name());
            if (f.type() == vn.rasoat.contracts.FieldType.CODES) {
                // the quarantine names the codes at fault and the list they must come from
                value = when(col(reasonName(f.name())).equalTo(ReasonCodes.NOT_ALLOWED), org.apache.spark.sql.functions.concat(
                        value, lit(" (not allowed: "), org.apache.spark.sql.functions.array_join(
                                unknownCodes(f, col(typedName(f.name()))), ", "),
                        lit("; allowed: " + String.join(", ", f.allowed()) + ")"))).otherwise(value);
            }
            errors.add(struct(lit(f.name()).as("field"), value.as("value"), col(reasonName(f.name())).as("reason")));
        }
        // The error list is built (by an interpreted higher-order filter) only for rows that have an error: a
        // clean row, nearly every row, costs one null test per field in generated code.
        Column anyError = coalesce(reasons.toArray(Column[]::new)).isNotNull();
        Column list = filter(array(errors.toArray(Column[]::new)), e -> e.getField("reason").isNotNull());
        df = df.withColumn(ERRORS, when(anyError, list).otherwise(array().cast("array<struct<field:string,value:string,reason:string>>")));
        df = df.drop(contract.fields().stream().map(f -> reasonName(f.name())).toArray(String[]::new));
        return df.drop(known.toArray(String[]::new));
    }

    /** Vietnamese thousands grouping (1.500.000) is read as the integer it writes; other dots are not. */
    static Column numberText(Column raw) {
        return when(raw.rlike("^-?\\d{1,3}(\\.\\d{3})+$"), regexp_replace(raw, "\\.", "")).otherwise(raw);
    }

    /**
     * An integer written as plain digits with an optional minus (values arrive stripped), or in Vietnamese
     * thousands grouping; anything else (a sign +, a decimal point, an exponent, overflow) is null. Spark's strict
     * cast decides digits and overflow, so no regular expression runs for the ordinary value.
     */
    static Column integer(Column raw, String type) {
        Column text = when(raw.contains("."), numberText(raw)).otherwise(raw);
        return when(raw.startsWith("+"), lit(null).cast(type)).otherwise(text.try_cast(type));
    }

    /** A multi-select answer as its sorted set of lower-case codes; separators ; , or | (spaces around a code ignored). */
    static Column codes(Column raw) {
        Column parts = org.apache.spark.sql.functions.transform(org.apache.spark.sql.functions.split(lower(raw), "[;,|]"),
                (Column p) -> org.apache.spark.sql.functions.trim(p));
        return org.apache.spark.sql.functions.array_sort(org.apache.spark.sql.functions.array_distinct(
                filter(parts, p -> org.apache.spark.sql.functions.length(p).gt(0))));
    }

    private static Column unknownCodes(FieldSpec f, Column typed) {
        return org.apache.spark.sql.functions.array_except(typed, org.apache.spark.sql.functions.array(
                f.allowed().stream().map(org.apache.spark.sql.functions::lit).toArray(Column[]::new)));
    }

    private Column typed(FieldSpec f, Column raw) {
        return switch (f.type()) {
            case INT -> integer(raw, "int");
            case LONG -> integer(raw, "bigint");
            case BOOL -> when(lower(raw).isin(TRUE.toArray()), lit(true))
                    .when(lower(raw).isin(FALSE.toArray()), lit(false));
            case DATE -> coalesce(expr("try_to_date(`" + f.name() + "`, 'yyyy-MM-dd')"),
                    expr("try_to_date(`" + f.name() + "`, 'dd/MM/yyyy')"));
            case ENUM -> lower(raw);
            case CODES -> codes(raw);
            default -> raw;
        };
    }

    private Column reason(FieldSpec f, Column raw, Column typed) {
        Column r = when(raw.isNull(), f.required() ? lit(ReasonCodes.MISSING_REQUIRED) : lit(null).cast("string"));
        switch (f.type()) {
            case INT, LONG -> {
                r = r.when(typed.isNull(), lit(ReasonCodes.BAD_TYPE));
                if (f.min() != null) {
                    r = r.when(typed.lt(f.min()), lit(ReasonCodes.OUT_OF_RANGE));
                }
                if (f.max() != null) {
                    r = r.when(typed.gt(f.max()), lit(ReasonCodes.OUT_OF_RANGE));
                }
                if (f.maxField() != null) {
                    // a part larger than its whole, both given and the whole within its own range (a whole out of
                    // range or unreadable is held for its own reason, not blamed on its parts)
                    FieldSpec whole = contract.fields().stream().filter(o -> o.name().equals(f.maxField())).findFirst().orElseThrow();
                    Column w = col(typedName(whole.name()));
                    Column wholeOk = w.isNotNull();
                    if (whole.min() != null) {
                        wholeOk = wholeOk.and(w.geq(whole.min()));
                    }
                    if (whole.max() != null) {
                        wholeOk = wholeOk.and(w.leq(whole.max()));
                    }
                    r = r.when(wholeOk.and(typed.gt(w)), lit(ReasonCodes.EXCEEDS_FIELD));
                }
            }
            case BOOL, DATE -> r = r.when(typed.isNull(), lit(ReasonCodes.BAD_TYPE));
            case ENUM -> r = r.when(typed.isin(f.allowed().toArray()).unary_$bang(), lit(ReasonCodes.NOT_ALLOWED));
            case CODES -> r = r.when(size(typed).equalTo(0), lit(ReasonCodes.BAD_FORMAT))
                    .when(size(unknownCodes(f, typed)).gt(0), lit(ReasonCodes.NOT_ALLOWED));
            default -> {
            }
        }
        if (f.fullPattern() != null) {
            r = r.when(raw.rlike(f.fullPattern()).unary_$bang(), lit(ReasonCodes.BAD_FORMAT));
        }
        if (f.maxLength() != null) {
            r = r.when(expr("char_length(`" + f.name() + "`)").gt(f.maxLength()), lit(ReasonCodes.TOO_LONG));
        }
        if ("commune".equals(f.ref())) {
            r = r.when(col(knownName(f.name())).isNull(), lit(ReasonCodes.UNKNOWN_COMMUNE));
        } else if ("ethnicity".equals(f.ref())) {
            r = r.when(raw.isin(ethnicCodes.toArray()).unary_$bang(), lit(ReasonCodes.UNKNOWN_CODE));
        }
        return r;
    }

    /**
     * Rows otherwise valid that share the contract key with another valid row are all held as duplicates; form
     * rows whose run and household have no staged roster row ({@code rosterKeys}: _k_run, _k_hh; null when not
     * a form) are held as unknown households. The keys at fault are found on narrow key columns and joined
     * back (normally a handful, so the join is a broadcast): the wide rows are never sorted or shuffled.
     * The key sets are computed once (checkpointed); {@code validated} should be persisted by the caller.
     */
    public Dataset<Row> withKeyChecks(Dataset<Row> validated, Dataset<Row> rosterKeys) {
        Column valid = size(col(ERRORS)).equalTo(0);
        List<String> keyNames = contract.key().stream().map(Validator::typedName).toList();
        Column[] key = keyNames.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Dataset<Row> dupKeys = validated.where(valid).groupBy(key).count().where(col("count").gt(1))
                .select(java.util.stream.Stream.concat(keyNames.stream().map(k -> col(k).as("_dk" + k)),
                        java.util.stream.Stream.of(lit(true).as("_dup"))).toArray(Column[]::new))
                .localCheckpoint();
        Column dupJoin = lit(true);
        for (String k : keyNames) {
            dupJoin = dupJoin.and(col(k).equalTo(col("_dk" + k)));
        }
        Dataset<Row> df = validated.join(dupKeys, dupJoin, "left");
        Column isDup = valid.and(col("_dup").isNotNull());
        Column dupError = array(struct(lit(String.join("+", contract.key())).as("field"),
                expr("concat_ws('|', " + String.join(", ", contract.key().stream().map(k -> "`" + k + "`").toList()) + ")").as("value"),
                lit(ReasonCodes.DUPLICATE_KEY).as("reason")));
        df = df.withColumn(ERRORS, when(isDup, dupError).otherwise(col(ERRORS)))
                .drop(java.util.stream.Stream.concat(keyNames.stream().map(k -> "_dk" + k), java.util.stream.Stream.of("_dup"))
                        .toArray(String[]::new));
        if (rosterKeys == null) {
            return df;
        }
        Column run = col(typedName("run_id"));
        Column hh = col(typedName("household_id"));
        Dataset<Row> unknownKeys = validated.where(valid).select(run.as("_u_run"), hh.as("_u_hh")).distinct()
                .join(rosterKeys, col("_u_run").equalTo(col("_k_run")).and(col("_u_hh").equalTo(col("_k_hh"))), "left_anti")
                .withColumn("_unknown", lit(true))
                .localCheckpoint();
        df = df.join(unknownKeys, run.equalTo(col("_u_run")).and(hh.equalTo(col("_u_hh"))), "left");
        Column unknown = size(col(ERRORS)).equalTo(0).and(col("_unknown").isNotNull());
        return df.withColumn(ERRORS, when(unknown, array_union(col(ERRORS),
                        expr("array(named_struct('field', 'run_id+household_id', 'value', concat_ws('|', run_id, household_id), 'reason', '"
                                + ReasonCodes.UNKNOWN_HOUSEHOLD + "'))")))
                        .otherwise(col(ERRORS)))
                .drop("_u_run", "_u_hh", "_unknown");
    }
}
