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
     * The same as a Spark expression over two whole-number columns, as {@code decimal(9,4)}: {@link #ratio} of
     * {@code 100 · part} and {@code whole} to 4 decimals.
     */
    public static Column pct(Column part, Column whole) {
        return ratio(part, whole, 100, 9, SCALE);
    }

    /**
     * {@code multiplier · numerator / denominator} rounded once, exactly, half up, to {@code scale} decimals, as
     * {@code decimal(precision, scale)}; null when the denominator is 0 or null. For counts (never negative).
     *
     * <p>Computed in integers — {@code (numerator · multiplier · 2 · 10^scale + denominator) div (2 · denominator)} is the
     * quotient in units of the last decimal, rounded half up — then moved to its scale by a multiplication, which is
     * exact. Not a decimal division: that first rounds its quotient to Spark's result scale (18 decimals for two
     * {@code decimal(20,8)}), and rounding that again can differ from one exact rounding; it is also a 38-digit long
     * division per value (a quarter of the CPU samples of the Alkire–Foster step at 10 %, though that step's wall
     * time did not measurably change without them: 21.3 → 21.2 s). The integers stay far below
     * 2^63 for any count of households in the country (10^8 · 2 · 10^8); ANSI mode fails a run rather than let one
     * overflow.
     */
    public static Column ratio(Column numerator, Column denominator, long multiplier, int precision, int scale) {
        long pow = 1;
        for (int i = 0; i < scale; i++) {
            pow *= 10;
        }
        Column n = numerator.cast("long");
        Column d = denominator.cast("long");
        Column units = call_function("div", n.multiply(lit(2 * multiplier * pow)).plus(d), d.multiply(lit(2L)));
        return when(d.notEqual(lit(0L)), units.cast("decimal(18,0)").multiply(lit(BigDecimal.ONE.movePointLeft(scale)))
                .cast("decimal(" + precision + "," + scale + ")"));
    }
}
