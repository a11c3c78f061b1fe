package vn.rasoat.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import vn.rasoat.contracts.Contract;
import vn.rasoat.contracts.FieldSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.array;
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
    private final Set<String> communeCodes;
    private final Set<String> ethnicCodes;

    public Validator(Contract contract, Set<String> communeCodes, Set<String> ethnicCodes) {
        this.contract = contract;
        this.communeCodes = communeCodes;
        this.ethnicCodes = ethnicCodes;
    }

    static String typedName(String field) {
        return "_t_" + field;
    }

    /** Raw rows → raw rows + typed columns {@code _t_<field>} + {@code errors}. */
    public Dataset<Row> validate(Dataset<Row> raw) {
        Dataset<Row> df = raw;
        List<Column> errors = new ArrayList<>();
        errors.add(struct(col(RawReader.READ_ERROR_FIELD).as("field"), col(RawReader.READ_ERROR_DETAIL).as("value"),
                col(RawReader.READ_ERROR).as("reason")));
        for (FieldSpec f : contract.fields()) {
            Column rawCol = col(f.name());
            Column typed = typed(f, rawCol);
            df = df.withColumn(typedName(f.name()), typed);
            errors.add(struct(lit(f.name()).as("field"), rawCol.as("value"),
                    reason(f, rawCol, col(typedName(f.name()))).as("reason")));
        }
        df = df.withColumn(ERRORS, filter(array(errors.toArray(Column[]::new)), e -> e.getField("reason").isNotNull()));
        return withDuplicates(df);
    }

    /** Vietnamese thousands grouping (1.500.000) is read as the integer it writes; other dots are not. */
    static Column numberText(Column raw) {
        return when(raw.rlike("^-?\\d{1,3}(\\.\\d{3})+$"), regexp_replace(raw, "\\.", "")).otherwise(raw);
    }

    private Column typed(FieldSpec f, Column raw) {
        return switch (f.type()) {
            case INT -> when(numberText(raw).rlike("^-?\\d{1,10}$"), numberText(raw)).cast("string").try_cast("int");
            case LONG -> when(numberText(raw).rlike("^-?\\d{1,18}$"), numberText(raw)).cast("string").try_cast("bigint");
            case BOOL -> when(lower(raw).isin(TRUE.toArray()), lit(true))
                    .when(lower(raw).isin(FALSE.toArray()), lit(false));
            case DATE -> coalesce(expr("try_to_date(`" + f.name() + "`, 'yyyy-MM-dd')"),
                    expr("try_to_date(`" + f.name() + "`, 'dd/MM/yyyy')"));
            case ENUM -> lower(raw);
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
            }
            case BOOL, DATE -> r = r.when(typed.isNull(), lit(ReasonCodes.BAD_TYPE));
            case ENUM -> r = r.when(typed.isin(f.allowed().toArray()).unary_$bang(), lit(ReasonCodes.NOT_ALLOWED));
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
            r = r.when(raw.isin(communeCodes.toArray()).unary_$bang(), lit(ReasonCodes.UNKNOWN_COMMUNE));
        } else if ("ethnicity".equals(f.ref())) {
            r = r.when(raw.isin(ethnicCodes.toArray()).unary_$bang(), lit(ReasonCodes.UNKNOWN_CODE));
        }
        return r;
    }

    /** Rows otherwise valid that share the contract key with another valid row are all held as duplicates. */
    private Dataset<Row> withDuplicates(Dataset<Row> df) {
        Column[] key = contract.key().stream().map(k -> col(typedName(k))).toArray(Column[]::new);
        Column valid = size(col(ERRORS)).equalTo(0);
        Column copies = count(when(valid, lit(1))).over(Window.partitionBy(key));
        return df.withColumn(ERRORS, when(valid.and(copies.gt(1)),
                array(struct(lit(String.join("+", contract.key())).as("field"),
                        expr("concat_ws('|', " + String.join(", ", contract.key().stream().map(k -> "`" + k + "`").toList()) + ")").as("value"),
                        lit(ReasonCodes.DUPLICATE_KEY).as("reason"))))
                .otherwise(col(ERRORS)));
    }
}
