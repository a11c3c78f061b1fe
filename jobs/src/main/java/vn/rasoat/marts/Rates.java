package vn.rasoat.marts;

import org.apache.spark.sql.Column;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The one rate function of the warehouse (docs/rules.md#rates): a rate is a ratio of two sums (never an average of
 * rates) in per cent, rounded once, exactly, to 4 decimals, half up (1,001 of 80,000 = 1.25125 % → 1.2513); no rate
 * when the whole is 0. The Spark marts use {@link #pct(Column, Column)}, the Java side (restatement) {@link #pct(long,
 * long)}; both give the same decimal for every pair of counts.
 */
public final class Rates {
    /** Decimals of a rate in per cent. */
    public static final int SCALE = 4;

    private Rates() {
    }

    /** {@code 100 · part / whole}, 4 decimals, half up; null if {@code whole} is 0. Counts are never negative. */
    public static BigDecimal pct(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return new BigDecimal(BigInteger.valueOf(part).multiply(BigInteger.valueOf(100)))
                .divide(BigDecimal.valueOf(whole), SCALE, RoundingMode.HALF_UP);
    }

    /**
     * The same as a Spark expression over two whole-number columns, as {@code decimal(9,4)}. Computed in integers —
     * {@code (part · 2,000,000 + whole) div (2 · whole)} is the rate in ten-thousandths of a per cent rounded half up —
     * so it is rounded once (a decimal division first rounds its quotient to Spark's result scale, and rounding
     * that again to 4 places can differ from one exact rounding).
     */
    public static Column pct(Column part, Column whole) {
        Column p = part.cast("long");
        Column w = whole.cast("long");
        Column tenThousandths = call_function("div", p.multiply(lit(2_000_000L)).plus(w), w.multiply(lit(2L)));
        return when(w.notEqual(lit(0L)), tenThousandths.cast("decimal(18,0)").divide(lit(10_000)).cast("decimal(9,4)"));
    }
}
