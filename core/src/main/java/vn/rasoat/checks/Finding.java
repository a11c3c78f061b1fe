package vn.rasoat.checks;

import java.math.BigDecimal;

/**
 * A published cell whose arithmetic does not hold: where (row, column), what was published, what it should be (one
 * value, or a range when the published figure is rounded) and by which rule. The budget's cost-table checker and the
 * published-results checker report in this one form, cell by cell.
 */
public record Finding(String row, String column, BigDecimal published, BigDecimal expectedLow, BigDecimal expectedHigh,
                      String rule) {
    /** A whole number that should equal another. */
    public Finding(String row, String column, long published, long expected, String rule) {
        this(row, column, BigDecimal.valueOf(published), BigDecimal.valueOf(expected), BigDecimal.valueOf(expected), rule);
    }

    /** Published minus the nearest expected value (zero never occurs in a finding). */
    public BigDecimal difference() {
        return published.compareTo(expectedLow) < 0 ? published.subtract(expectedLow) : published.subtract(expectedHigh);
    }

    @Override
    public String toString() {
        String expected = expectedLow.compareTo(expectedHigh) == 0 ? "expected " + format(expectedLow)
                : "expected between " + format(expectedLow) + " and " + format(expectedHigh);
        BigDecimal d = difference();
        return String.format("row %s, column %s: published %s, %s (difference %s%s) — %s", row, column, format(published),
                expected, d.signum() > 0 ? "+" : "", format(d), rule);
    }

    /** Thousands grouped with commas, at most four decimals, no trailing zeros. */
    static String format(BigDecimal v) {
        BigDecimal r = v.setScale(Math.min(Math.max(v.scale(), 0), 4), java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        java.text.DecimalFormat f = new java.text.DecimalFormat("#,##0.####",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        return f.format(r);
    }
}
