package vn.rasoat.analysis.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Worked examples from R. G. Newcombe, "Two-sided confidence intervals for the single proportion: comparison of
 * seven methods", Statistics in Medicine 17 (1998) 857–872, Table I (method 3, Wilson), and "Interval estimation
 * for the difference between independent proportions", Statistics in Medicine 17 (1998) 873–890, Table II (method 10).
 */
class IntervalsTest {
    private static void assertInterval(double lower, double upper, Intervals.Interval i) {
        assertEquals(lower, i.lower(), 0.00005, "lower");
        assertEquals(upper, i.upper(), 0.00005, "upper");
    }

    @Test
    void wilsonMatchesNewcombesTable() {
        assertInterval(0.2553, 0.3662, Intervals.wilson(81, 263, 0.95));
        assertInterval(0.0624, 0.1605, Intervals.wilson(15, 148, 0.95));
        assertInterval(0.0000, 0.1611, Intervals.wilson(0, 20, 0.95));
        assertInterval(0.0061, 0.1718, Intervals.wilson(1, 29, 0.95));
        assertEquals(81.0 / 263, Intervals.wilson(81, 263, 0.95).estimate(), 1e-12);
    }

    @Test
    void differenceMatchesNewcombesHybridScoreMethod() {
        assertInterval(0.0524, 0.3339, Intervals.difference(56, 70, 48, 80, 0.95));
        assertInterval(0.1705, 0.8090, Intervals.difference(9, 10, 3, 10, 0.95));
        assertInterval(0.0582, 0.8062, Intervals.difference(6, 7, 2, 7, 0.95));
        assertTrue(Intervals.difference(56, 70, 48, 80, 0.95).excludesZero());
        assertFalse(Intervals.difference(10, 100, 12, 100, 0.95).excludesZero());
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> Intervals.wilson(5, 4, 0.95));
        assertThrows(IllegalArgumentException.class, () -> Intervals.wilson(1, 0, 0.95));
        assertThrows(IllegalArgumentException.class, () -> Intervals.wilson(1, 10, 1.0));
    }
}
