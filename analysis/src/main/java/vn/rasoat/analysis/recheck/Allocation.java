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
 * <p>Textbook allocation with a floor and a ceiling: strata whose proportional share falls below the floor (or above
 * their size) are fixed there and the rest is shared again among the others, until no share crosses a bound; the
 * shares are then rounded by largest remainder (ties by stratum name), so the sizes add to n.
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
        Map<String, Double> share = new LinkedHashMap<>();
        List<String> free = new ArrayList<>(strata.keySet());
        double remaining = n;
        while (true) {
            double measure = free.stream().mapToDouble(k -> strata.get(k).households() * strata.get(k).factor()).sum();
            List<String> fixed = new ArrayList<>();
            for (String k : free) {
                double x = measure == 0 ? 0 : remaining * strata.get(k).households() * strata.get(k).factor() / measure;
                if (x < floor.get(k)) {
                    share.put(k, (double) floor.get(k));
                    fixed.add(k);
                } else if (x > strata.get(k).households()) {
                    share.put(k, (double) strata.get(k).households());
                    fixed.add(k);
                } else {
                    share.put(k, x);
                }
            }
            if (fixed.isEmpty()) {
                break;
            }
            free.removeAll(fixed);
            remaining = n - strata.keySet().stream().filter(k -> !free.contains(k)).mapToDouble(share::get).sum();
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
        for (String k : byRemainder) {
            if (total == n) {
                break;
            }
            if (out.get(k) < strata.get(k).households()) {
                out.put(k, out.get(k) + 1);
                total++;
            }
        }
        if (total != n) {
            throw new IllegalStateException("allocation adds to " + total + ", not " + n);
        }
        return out;
    }
}
