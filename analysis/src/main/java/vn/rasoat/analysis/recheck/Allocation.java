package vn.rasoat.analysis.recheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many households of each stratum a re-check sample takes: proportional to the stratum's size times its
 * over-sampling factor (a commune the diagnostics flag counts {@code factor} times), with at least {@code minimum}
 * households per stratum (all of a smaller stratum), never more than the stratum has, adding to exactly {@code n}.
 *
 * <p>Allocation with a floor and a ceiling: each stratum's share is λ × households × factor clamped to [floor,
 * households], with the one λ (found by bisection) that makes the shares add up to n; the shares are then rounded by
 * largest remainder (ties by stratum name), so the sizes add up to n exactly.
 */
public final class Allocation {
    /** A stratum: its households and its over-sampling factor (1 = none). */
    public record Stratum(long households, double factor) {
        public Stratum {
            if (households < 0 || !(factor > 0)) {
                throw new IllegalArgumentException("a stratum needs households >= 0 and factor > 0");
            }
        }
    }

    private Allocation() {
    }

    private static double clamp(Stratum s, long floor, double lambda) {
        return Math.max(floor, Math.min(s.households(), lambda * s.households() * s.factor()));
    }

    private static double sum(Map<String, Stratum> strata, Map<String, Long> floor, double lambda) {
        return strata.entrySet().stream().mapToDouble(e -> clamp(e.getValue(), floor.get(e.getKey()), lambda)).sum();
    }

    public static Map<String, Integer> allocate(Map<String, Stratum> strata, int n, int minimum) {
        long population = strata.values().stream().mapToLong(Stratum::households).sum();
        if (n <= 0) {
            throw new IllegalArgumentException("the sample size must be positive: " + n);
        }
        if (n > population) {
            throw new IllegalArgumentException("the sample size " + n + " is larger than the " + population
                    + " households to draw from");
        }
        Map<String, Long> floor = new LinkedHashMap<>();
        strata.forEach((k, s) -> floor.put(k, Math.min(minimum, s.households())));
        long floors = floor.values().stream().mapToLong(Long::longValue).sum();
        if (floors > n) {
            throw new IllegalArgumentException("the sample size " + n + " is smaller than the minimum of " + minimum
                    + " per stratum over " + strata.size() + " strata (" + floors + " households)");
        }
        // the shares clamp(λ × households × factor, floor, households) add up to n for one λ (the sum grows with λ):
        // found by bisection, so strata fixed at their floor or their size need no second pass
        Map<String, Double> share = new LinkedHashMap<>();
        double lo = 0;
        double hi = 1;
        while (sum(strata, floor, hi) < n) {
            hi *= 2;
        }
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (sum(strata, floor, mid) < n) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        for (String k : strata.keySet()) {
            share.put(k, clamp(strata.get(k), floor.get(k), hi));
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        int total = 0;
        for (String k : strata.keySet()) {
            int whole = (int) Math.floor(share.get(k) + 1e-9);
            out.put(k, whole);
            total += whole;
        }
        List<String> byRemainder = new ArrayList<>(strata.keySet());
        byRemainder.sort(Comparator.comparingDouble((String k) -> -(share.get(k) - Math.floor(share.get(k) + 1e-9)))
                .thenComparing(Comparator.naturalOrder()));
        boolean moved = true;
        while (total < n && moved) {
            moved = false;
            for (String k : byRemainder) {
                if (total == n) {
                    break;
                }
                if (out.get(k) < strata.get(k).households()) {
                    out.put(k, out.get(k) + 1);
                    total++;
                    moved = true;
                }
            }
        }
        while (total > n) {
            // the shares' sum is n up to rounding: take back from the strata furthest above their floor
            String k = strata.keySet().stream().filter(x -> out.get(x) > floor.get(x))
                    .max(Comparator.comparingDouble(x -> out.get(x) - share.get(x))).orElseThrow();
            out.put(k, out.get(k) - 1);
            total--;
        }
        if (total != n) {
            throw new IllegalStateException("allocation adds to " + total + ", not " + n);
        }
        return out;
    }
}
