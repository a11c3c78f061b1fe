package vn.rasoat.analysis.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Confidence intervals for rates estimated from a sample (a spot-check, a survey subsample, a sample of
 * communes). The annual review itself covers every listed household, so its counts are exact and need none.
 *
 * <ul>
 *   <li>{@link #wilson}: the Wilson score interval for one proportion — good coverage near 0 and for small n,
 *       where poverty rates of a commune sample sit (Newcombe 1998, method 3).</li>
 *   <li>{@link #difference}: the difference of two independent proportions (e.g. the same commune sample in two
 *       years, drawn independently) by Newcombe's hybrid score method (1998, method 10), built from the two
 *       Wilson intervals; a change is significant when the interval excludes 0.</li>
 * </ul>
 */
public final class Intervals {
    private Intervals() {
    }

    /** A point estimate with its interval. */
    public record Interval(double estimate, double lower, double upper) {
        public boolean excludesZero() {
            return lower > 0 || upper < 0;
        }
    }

    static double z(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        }
        return new NormalDistribution().inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    public static Interval wilson(long successes, long n, double confidence) {
        if (n <= 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("need 0 <= successes <= n and n > 0: " + successes + " of " + n);
        }
        double z = z(confidence);
        double p = (double) successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Interval(p, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** p1 − p2 for two independent samples. */
    public static Interval difference(long x1, long n1, long x2, long n2, double confidence) {
        Interval a = wilson(x1, n1, confidence);
        Interval b = wilson(x2, n2, confidence);
        double d = a.estimate() - b.estimate();
        double lower = d - Math.sqrt(sq(a.estimate() - a.lower()) + sq(b.upper() - b.estimate()));
        double upper = d + Math.sqrt(sq(a.upper() - a.estimate()) + sq(b.estimate() - b.lower()));
        return new Interval(d, lower, upper);
    }

    private static double sq(double x) {
        return x * x;
    }
}
