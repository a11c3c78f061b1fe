package vn.rasoat.analysis.recheck;

import org.apache.commons.math3.distribution.NormalDistribution;
import vn.rasoat.analysis.stats.Intervals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Design-based estimates from a stratified re-check sample (simple random sampling without replacement within each
 * stratum, the plan's design): per stratum the share of households whose status changes on re-verification with its
 * Wilson interval; over strata (a district, the province) the stratified share changed, the weighted confusion matrix
 * of recorded × re-verified status, and the corrected counts of poor and near-poor households (Σ N_h × share of the
 * stratum re-verified so) with intervals from the stratified variance, finite-population corrected
 * (Cochran 1977, §5.3–5.5), and which strata contribute most to the estimated errors.
 */
public final class RecheckEstimator {
    public static final List<String> STATUSES = List.of("poor", "near_poor", "middle", "not_poor", "screened_out");

    /** A stratum of the plan and its re-checked households (recorded → re-verified status). */
    public record StratumData(String stratum, String district, String recordedStatus, long households,
                              List<String> reverified) {
        long checked() {
            return reverified.size();
        }

        long changed() {
            return reverified.stream().filter(v -> !v.equals(recordedStatus)).count();
        }

        long reverifiedAs(String status) {
            return reverified.stream().filter(status::equals).count();
        }
    }

    /** An estimate with its interval at the stated confidence. */
    public record Estimate(double value, double lower, double upper) {
    }

    /** One stratum's result. */
    public record StratumResult(String stratum, String district, String recordedStatus, long households, long checked,
                                long changed, Intervals.Interval changedShare, double estimatedChanged,
                                double contributionPct) {
    }

    /** The estimates over a set of strata. */
    public record Result(long households, long checked, long changed, Estimate changedShare,
                         Map<String, Map<String, Double>> confusion, Estimate correctedPoor, Estimate correctedNearPoor,
                         long recordedPoor, long recordedNearPoor, List<StratumResult> strata,
                         List<String> unmeasured) {
    }

    private RecheckEstimator() {
    }

    public static Result estimate(List<StratumData> strata, double confidence) {
        double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - confidence) / 2);
        long population = strata.stream().mapToLong(StratumData::households).sum();
        double share = 0;
        double shareVar = 0;
        double poor = 0;
        double poorVar = 0;
        double near = 0;
        double nearVar = 0;
        long recordedPoor = 0;
        long recordedNear = 0;
        long checked = 0;
        long changed = 0;
        Map<String, Map<String, Double>> confusion = new LinkedHashMap<>();
        List<String> unmeasured = new ArrayList<>();
        List<double[]> perStratum = new ArrayList<>();
        for (StratumData s : strata) {
            if (s.recordedStatus().equals("poor")) {
                recordedPoor += s.households();
            } else if (s.recordedStatus().equals("near_poor")) {
                recordedNear += s.households();
            }
            long m = s.checked();
            checked += m;
            changed += s.changed();
            if (m == 0) {
                // a stratum without a re-checked household: its households are counted as recorded, and said so
                if (s.households() > 0) {
                    unmeasured.add(s.stratum());
                }
                if (s.recordedStatus().equals("poor")) {
                    poor += s.households();
                } else if (s.recordedStatus().equals("near_poor")) {
                    near += s.households();
                }
                confusion.computeIfAbsent(s.recordedStatus(), k -> new TreeMap<>())
                        .merge(s.recordedStatus(), (double) s.households(), Double::sum);
                perStratum.add(new double[]{0});
                continue;
            }
            double w = (double) s.households() / population;
            double fpc = 1 - (double) m / s.households();
            double p = (double) s.changed() / m;
            share += w * p;
            shareVar += w * w * fpc * variance(p, m) / m;
            double pp = (double) s.reverifiedAs("poor") / m;
            poor += s.households() * pp;
            poorVar += (double) s.households() * s.households() * fpc * variance(pp, m) / m;
            double pn = (double) s.reverifiedAs("near_poor") / m;
            near += s.households() * pn;
            nearVar += (double) s.households() * s.households() * fpc * variance(pn, m) / m;
            for (String v : s.reverified()) {
                confusion.computeIfAbsent(s.recordedStatus(), k -> new TreeMap<>())
                        .merge(v, (double) s.households() / m, Double::sum);
            }
            perStratum.add(new double[]{s.households() * p});
        }
        double totalChanged = perStratum.stream().mapToDouble(d -> d[0]).sum();
        List<StratumResult> results = new ArrayList<>();
        for (int i = 0; i < strata.size(); i++) {
            StratumData s = strata.get(i);
            double est = perStratum.get(i)[0];
            results.add(new StratumResult(s.stratum(), s.district(), s.recordedStatus(), s.households(), s.checked(),
                    s.changed(), s.checked() == 0 ? null : Intervals.wilson(s.changed(), s.checked(), confidence), est,
                    totalChanged == 0 ? 0 : 100 * est / totalChanged));
        }
        return new Result(population, checked, changed, bounded(share, z * Math.sqrt(shareVar), 0, 1), confusion,
                bounded(poor, z * Math.sqrt(poorVar), 0, population), bounded(near, z * Math.sqrt(nearVar), 0, population),
                recordedPoor, recordedNear, results, unmeasured);
    }

    /** The sample variance of a 0/1 variable with mean p over m units (m − 1 in the denominator). */
    private static double variance(double p, long m) {
        return m > 1 ? p * (1 - p) * m / (m - 1) : 0;
    }

    private static Estimate bounded(double value, double half, double min, double max) {
        return new Estimate(value, Math.max(min, value - half), Math.min(max, value + half));
    }
}
