package vn.rasoat.marts;

import vn.rasoat.io.SchemaSource;
import vn.rasoat.io.SimpleCsv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Restates commune-level counts of the 63-province boundaries (the 2025-03-01 list) in the 34-province boundaries
 * of 2025-07-01, through the commune crosswalk. An old commune that went whole into a new one moves whole; one
 * split across several new communes ({@code partial}) is allocated by census-household shares: each target's weight
 * is its 2019 census households (the households of its sources, a split source counted equally among its targets).
 * Counts are whole households and people, allocated by largest remainder so that every old commune's counts are
 * kept exactly — the totals of every new province and of the nation equal the old ones. A commune code the
 * crosswalk does not know (codes changed between November 2024 and March 2025 have no published mapping) goes to
 * its new province through the province crosswalk, as an {@code unallocated} row of that province. Every allocation
 * is returned with its rule and share. A code changed between 2019 and November 2024 whose successors (the GSO
 * changes list) are all in the crosswalk goes through them first (rule {@code changed+…}; several successors share
 * equally, ASSUMED); codes changed between November 2024 and March 2025 have no published mapping.
 */
public final class Restatement {
    /** The commune counts a restatement carries, in the order its files write them. */
    public static final List<String> MEASURES = List.of("reviewed_households", "poor_households", "near_poor_households",
            "middle_households", "poor_people", "near_poor_people", "middle_people", "households_total", "population_total",
            "not_scored_households", "not_scored_recorded_poor", "not_scored_recorded_near_poor");

    /**
     * The commune totals (the rates' denominators): a commune without them leaves them out of its sources' counts, so
     * a unit none of whose communes has one has none (null), never 0.
     */
    public static final java.util.Set<String> DENOMINATORS = java.util.Set.of("households_total", "population_total");

    /** One allocation of an old commune to a new unit. */
    public record Allocation(String oldCommune, String oldProvince, String newProvince, String newCommune, String rule,
                             double share) {
    }

    /** Counts of an old commune (any named measures). */
    public record Source(String oldCommune, String oldProvince, Map<String, Long> counts) {
    }

    /** Counts of a new unit: a new commune, or {@code unallocated} within a new province. */
    public record Target(String newProvince, String newCommune, Map<String, Long> counts) {
    }

    public record Result(List<Target> communes, Map<String, Map<String, Long>> provinces, Map<String, Long> national,
                         List<Allocation> allocations) {
    }

    public static final String UNALLOCATED = "unallocated";

    private final Map<String, List<String[]>> targetsOf = new HashMap<>();
    private final Map<String, String> provinceOf = new HashMap<>();
    private final Map<String, Double> weightOfNew = new HashMap<>();
    private final Map<String, java.util.SortedSet<String>> successors = new HashMap<>();

    private Restatement() {
    }

    public static Restatement load(SchemaSource source) {
        Restatement r = new Restatement();
        Map<String, Long> census = new HashMap<>();
        for (Map<String, String> row : csv(source, "reference/census2019_households_by_commune.csv")) {
            census.put(row.get("commune_code"), Long.parseLong(row.get("households_total")));
        }
        for (Map<String, String> row : csv(source, "reference/vn_admin_crosswalk_2025-03-01_to_2025-07-01.csv")) {
            String old = row.get("old_commune_code");
            r.targetsOf.computeIfAbsent(old, k -> new ArrayList<>()).add(new String[]{row.get("new_province_code"),
                    row.get("new_commune_code"), row.get("merge_type")});
        }
        r.targetsOf.forEach((old, targets) -> {
            double part = census.getOrDefault(old, 0L) / (double) targets.size();
            for (String[] t : targets) {
                r.weightOfNew.merge(t[1], part, Double::sum);
            }
        });
        // codes changed between 2019 and November 2024 (merges, renumbering): an old code whose successors are all in
        // the crosswalk goes through them
        for (Map<String, String> row : csv(source, "reference/vn_admin_changes_2019-01-01_to_2024-11-10.csv")) {
            String old = row.get("old_commune_code");
            String next = row.get("new_commune_code");
            if (next != null && !next.isBlank() && !next.equals(old)) {
                r.successors.computeIfAbsent(old, k -> new java.util.TreeSet<>()).add(next);
            }
        }
        for (Map<String, String> row : csv(source, "reference/vn_province_crosswalk_63_to_34.csv")) {
            r.provinceOf.put(row.get("old_province_code"), row.get("new_province_code"));
        }
        return r;
    }

    private static List<Map<String, String>> csv(SchemaSource source, String path) {
        try (InputStream in = source.open(path)) {
            return SimpleCsv.read(in, source.describe(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The allocations of one old commune: targets with shares summing to 1. */
    public List<Allocation> allocate(String oldCommune, String oldProvince) {
        List<String[]> targets = targetsOf.get(oldCommune);
        List<Allocation> out = new ArrayList<>();
        java.util.SortedSet<String> next = successors.get(oldCommune);
        if (targets == null && next != null && next.stream().allMatch(targetsOf::containsKey)) {
            // changed before November 2024: through its successors in the crosswalk, sharing equally among them
            Map<String, Allocation> merged = new java.util.LinkedHashMap<>();
            for (String n : next) {
                for (Allocation a : allocate(n, oldProvince)) {
                    Allocation x = new Allocation(oldCommune, oldProvince, a.newProvince(), a.newCommune(),
                            "changed+" + a.rule(), a.share() / next.size());
                    merged.merge(a.newProvince() + "/" + a.newCommune(), x, (p, q) -> new Allocation(oldCommune,
                            oldProvince, p.newProvince(), p.newCommune(), p.rule(), p.share() + q.share()));
                }
            }
            out.addAll(merged.values());
            return out;
        }
        if (targets == null) {
            String p = provinceOf.get(oldProvince);
            if (p == null) {
                throw new IllegalArgumentException("province " + oldProvince + " is in no 63-province list");
            }
            out.add(new Allocation(oldCommune, oldProvince, p, UNALLOCATED, "province_only", 1.0));
            return out;
        }
        if (targets.size() == 1) {
            String[] t = targets.get(0);
            out.add(new Allocation(oldCommune, oldProvince, t[0], t[1], "whole", 1.0));
            return out;
        }
        double sum = 0;
        for (String[] t : targets) {
            sum += weightOfNew.getOrDefault(t[1], 0.0);
        }
        for (String[] t : targets) {
            double share = sum > 0 ? weightOfNew.getOrDefault(t[1], 0.0) / sum : 1.0 / targets.size();
            out.add(new Allocation(oldCommune, oldProvince, t[0], t[1], sum > 0 ? "census_households" : "equal", share));
        }
        return out;
    }

    /** Whole numbers split by shares, largest remainder first (ties to the earlier target), summing to the total. */
    static long[] split(long total, List<Allocation> allocations) {
        int n = allocations.size();
        long[] out = new long[n];
        double[] rest = new double[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            double exact = total * allocations.get(i).share();
            out[i] = (long) Math.floor(exact);
            rest[i] = exact - out[i];
            given += out[i];
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -rest[i]).thenComparing(i -> i));
        for (int k = 0; given < total; k = (k + 1) % n) {
            out[order[k]]++;
            given++;
        }
        for (int k = 0; given > total; k = (k + 1) % n) { // rounding of shares above 1 in total
            if (out[order[n - 1 - k]] > 0) {
                out[order[n - 1 - k]]--;
                given--;
            }
        }
        return out;
    }

    public Result restate(List<Source> sources) {
        return restate(sources, s -> allocate(s.oldCommune(), s.oldProvince()));
    }

    /** Results already in the 2025 boundaries: each commune is its own target, whole (rule {@code same}). */
    public static Result asIs(List<Source> sources) {
        return restate(sources, s -> List.of(new Allocation(s.oldCommune(), s.oldProvince(), s.oldProvince(),
                s.oldCommune(), "same", 1.0)));
    }

    private static Result restate(List<Source> sources, java.util.function.Function<Source, List<Allocation>> allocate) {
        Map<String, Map<String, Long>> byCommune = new TreeMap<>();
        Map<String, String> provinceOfNew = new HashMap<>();
        List<Allocation> allocations = new ArrayList<>();
        for (Source s : sources) {
            List<Allocation> a = allocate.apply(s);
            allocations.addAll(a);
            for (Map.Entry<String, Long> m : s.counts().entrySet()) {
                long[] parts = split(m.getValue() == null ? 0 : m.getValue(), a);
                for (int i = 0; i < a.size(); i++) {
                    String key = a.get(i).newProvince() + "/" + a.get(i).newCommune();
                    provinceOfNew.put(key, a.get(i).newProvince());
                    byCommune.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(m.getKey(), parts[i], Long::sum);
                }
            }
        }
        List<Target> communes = new ArrayList<>();
        Map<String, Map<String, Long>> provinces = new TreeMap<>();
        Map<String, Long> national = new LinkedHashMap<>();
        byCommune.forEach((key, counts) -> {
            String province = provinceOfNew.get(key);
            communes.add(new Target(province, key.substring(key.indexOf('/') + 1), counts));
            counts.forEach((m, v) -> {
                provinces.computeIfAbsent(province, k -> new LinkedHashMap<>()).merge(m, v, Long::sum);
                national.merge(m, v, Long::sum);
            });
        });
        return new Result(communes, provinces, national, allocations);
    }

    /** Rate in per cent of two sums: the marts' one rate function, {@link Rates#pct(long, long)}. */
    public static java.math.BigDecimal ratePct(long part, long whole) {
        return Rates.pct(part, whole);
    }

    /**
     * Completeness of a restated unit, as in mart_rates: the share classified (truncated to 4 places), whether it is
     * under the threshold, and the poor and near-poor rates with their upper ends (the not-scored households as the
     * commune recorded them); rates null where the unit has no household total.
     */
    public record Completeness(java.math.BigDecimal share, boolean incomplete, java.math.BigDecimal poorRate,
                               java.math.BigDecimal poorRateHigh, java.math.BigDecimal nearPoorRate,
                               java.math.BigDecimal nearPoorRateHigh) {
        /** share, incomplete, poor low and high, near-poor low and high: the restate command's columns. */
        public String csv() {
            return String.join(",", share.toPlainString(), String.valueOf(incomplete), plain(poorRate),
                    plain(poorRateHigh), plain(nearPoorRate), plain(nearPoorRateHigh));
        }

        private static String plain(java.math.BigDecimal d) {
            return d == null ? "" : d.toPlainString();
        }
    }

    public static Completeness completeness(Map<String, Long> counts, java.math.BigDecimal threshold) {
        long reviewed = counts.getOrDefault("reviewed_households", 0L);
        long held = counts.getOrDefault("not_scored_households", 0L);
        java.math.BigDecimal share = reviewed + held == 0 ? java.math.BigDecimal.ONE.setScale(4)
                : java.math.BigDecimal.valueOf(reviewed).divide(java.math.BigDecimal.valueOf(reviewed + held), 4,
                java.math.RoundingMode.FLOOR);
        boolean incomplete = java.math.BigDecimal.valueOf(reviewed).compareTo(
                java.math.BigDecimal.valueOf(reviewed + held).multiply(threshold)) < 0;
        long total = counts.getOrDefault("households_total", 0L);
        long poor = counts.getOrDefault("poor_households", 0L);
        long nearPoor = counts.getOrDefault("near_poor_households", 0L);
        return new Completeness(share, incomplete, ratePct(poor, total),
                ratePct(poor + counts.getOrDefault("not_scored_recorded_poor", 0L), total), ratePct(nearPoor, total),
                ratePct(nearPoor + counts.getOrDefault("not_scored_recorded_near_poor", 0L), total));
    }

    public static String rate(Map<String, Long> counts, String measure) {
        var r = ratePct(counts.getOrDefault(measure, 0L), counts.getOrDefault("households_total", 0L));
        return r == null ? "" : r.toPlainString();
    }
}
