package vn.rasoat.analysis.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.List;

/**
 * Estimates from a simple random sample of communes (clusters) — a spot-check of some communes, a survey
 * subsample — of a ratio of sums R = Σy / Σx: a poor rate (y = poor households, x = households), or M0 (y = censored
 * deprivations, x = households × indicators). Two intervals: the delta method (linearised ratio estimator, with the
 * finite population correction) and a percentile bootstrap over clusters; and for the change between two years on
 * the same sampled communes, a paired bootstrap with a significance flag (the interval excludes zero).
 *
 * <p>When it applies: only to samples. The annual review itself lists every poor, near-poor and applicant household,
 * so its counts are exact and carry no sampling interval. For a rate over many units from a simple random sample of
 * households use {@link Intervals#wilson}; for two independent samples {@link Intervals#difference} (Newcombe); for
 * communes sampled as wholes (clusters) use this class, since households of one commune are not independent.
 */
public final class ClusterSample {
    /** One sampled commune: numerator and denominator of the ratio, in the base and (optionally) target year. */
    public record Cluster(double y, double x, double y2, double x2) {
        public Cluster(double y, double x) {
            this(y, x, Double.NaN, Double.NaN);
        }
    }

    private ClusterSample() {
    }

    static double ratio(List<Cluster> c, boolean second) {
        double y = 0;
        double x = 0;
        for (Cluster k : c) {
            y += second ? k.y2() : k.y();
            x += second ? k.x2() : k.x();
        }
        return y / x;
    }

    /**
     * Delta-method interval of R from m sampled clusters out of a population of M (M = 0: no correction):
     * var(R) = (1 − m/M) / (m (m − 1) x̄²) Σ (y_i − R x_i)².
     */
    public static Intervals.Interval delta(List<Cluster> c, int populationClusters, double confidence) {
        int m = c.size();
        if (m < 2) {
            throw new IllegalArgumentException("at least two sampled communes are needed for an interval");
        }
        double r = ratio(c, false);
        double xbar = c.stream().mapToDouble(Cluster::x).sum() / m;
        double ss = 0;
        for (Cluster k : c) {
            ss += Math.pow(k.y() - r * k.x(), 2);
        }
        double fpc = populationClusters > 0 ? 1 - (double) m / populationClusters : 1;
        double se = Math.sqrt(fpc * ss / (m * (m - 1.0)) / (xbar * xbar));
        double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - confidence) / 2);
        return new Intervals.Interval(r, r - z * se, r + z * se);
    }

    /** Percentile bootstrap of R over clusters (or of R2 − R1 when {@code change}), seeded. */
    public static Intervals.Interval bootstrap(List<Cluster> c, boolean change, int replicates, double confidence, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        int m = c.size();
        double[] stats = new double[replicates];
        Cluster[] arr = c.toArray(Cluster[]::new);
        for (int b = 0; b < replicates; b++) {
            double y = 0, x = 0, y2 = 0, x2 = 0;
            for (int i = 0; i < m; i++) {
                Cluster k = arr[rng.nextInt(m)];
                y += k.y();
                x += k.x();
                y2 += k.y2();
                x2 += k.x2();
            }
            stats[b] = change ? y2 / x2 - y / x : y / x;
        }
        double est = change ? ratio(c, true) - ratio(c, false) : ratio(c, false);
        Percentile p = new Percentile();
        double lo = p.evaluate(stats, 100 * (1 - confidence) / 2);
        double hi = p.evaluate(stats, 100 * (1 - (1 - confidence) / 2));
        return new Intervals.Interval(est, lo, hi);
    }
}
