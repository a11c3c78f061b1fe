package vn.rasoat.generate;

import vn.rasoat.rules.B1Table;
import vn.rasoat.rules.IncomeBand;
import vn.rasoat.rules.Indicator;
import vn.rasoat.rules.Rulebook;
import vn.rasoat.rules.ScoreBands;
import vn.rasoat.rules.Status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * Draws form answers (A, B1, B2, Appendix VIII) that produce a household's intended status under a rulebook.
 * It scores its own draws with the rulebook's B1 table, so generator and scoring agree by construction.
 */
final class FormDrawer {
    private static final List<String> EDUCATION = List.of("none", "primary", "lower_secondary", "upper_secondary",
            "vocational", "college_plus");
    private static final List<String> HOUSE = List.of("makeshift", "semi_permanent", "permanent", "multi_storey");
    private static final List<String> FUEL = List.of("wood", "coal", "gas", "electric");
    /** Asset variables and the welfare level around which a household tends to own each. */
    private static final Map<String, Double> ASSETS = new LinkedHashMap<>();

    static {
        ASSETS.put("has_tv", 0.10);
        ASSETS.put("has_motorbike", 0.22);
        ASSETS.put("has_fridge", 0.40);
        ASSETS.put("has_washing_machine", 0.55);
        ASSETS.put("has_computer", 0.62);
        ASSETS.put("has_water_heater", 0.60);
        ASSETS.put("has_air_conditioner", 0.75);
        ASSETS.put("has_car", 0.92);
    }

    /** How often each indicator is the one a deprived household lacks (relative weights). */
    private static final Map<String, Double> INDICATOR_WEIGHT = Map.ofEntries(
            Map.entry("employment", 1.0), Map.entry("dependants", 1.2), Map.entry("nutrition", 0.5),
            Map.entry("health_care_access", 0.6), Map.entry("health_insurance", 1.4),
            Map.entry("adult_education", 1.3), Map.entry("child_schooling", 0.5),
            Map.entry("housing_quality", 1.0), Map.entry("housing_area", 0.8), Map.entry("water", 0.9),
            Map.entry("latrine", 1.2), Map.entry("telecom", 1.3), Map.entry("information_means", 0.4),
            Map.entry("waste_treatment", 1.0));

    private final Rulebook rulebook;
    private final SplittableRandom rng;

    FormDrawer(Rulebook rulebook, SplittableRandom rng) {
        this.rulebook = rulebook;
        this.rng = rng;
    }

    /** The result of a draw: the answers of each form and the scores they give. */
    record Drawn(Map<String, String> b1, Map<String, String> b2, int scoreA, int scoreB) {
    }

    Drawn draw(String status, int members, boolean urban, boolean farm, String region) {
        return draw(status, members, urban, farm, region, 0);
    }

    /** With {@code justAbove} > 0 (a not-poor status), score A is drawn within that many points above the threshold. */
    Drawn draw(String status, int members, boolean urban, boolean farm, String region, int justAbove) {
        ScoreBands bands = rulebook.bands(urban);
        int cutoffIndicators = (rulebook.deprivationCutoff() + rulebook.pointsPerIndicator() - 1)
                / rulebook.pointsPerIndicator();
        int n = rulebook.indicators().size();
        int deprived;
        IntPredicate aTarget;
        boolean poorByIncome = bands.poorMax() != null && status.equals(Status.POOR) && rng.nextDouble() < 0.5;
        switch (status) {
            case Status.POOR -> {
                deprived = poorByIncome ? rng.nextInt(n / 2 + 1)
                        : Math.min(n, cutoffIndicators + rng.nextInt(5));
                aTarget = poorByIncome ? a -> a <= bands.poorMax()
                        : a -> a <= bands.nearPoorMax() && (bands.poorMax() == null || a > bands.poorMax());
            }
            case Status.NEAR_POOR -> {
                deprived = rng.nextInt(cutoffIndicators);
                aTarget = a -> a <= bands.nearPoorMax() && (bands.poorMax() == null || a > bands.poorMax());
            }
            default -> {
                double u = rng.nextDouble();
                deprived = u < 0.45 ? 0 : u < 0.75 ? 1 : u < 0.9 ? 2 : Math.min(n, 3 + rng.nextInt(2));
                aTarget = justAbove > 0 ? a -> a > bands.nearPoorMax() && a <= bands.nearPoorMax() + justAbove
                        : a -> a > bands.nearPoorMax();
            }
        }
        Map<String, Boolean> flags = chooseDeprivations(deprived);
        Map<String, String> b2 = b2Facts(flags, members);
        Map<String, String> fixed = new HashMap<>();
        fixed.put("hh_size", String.valueOf(members));
        fixed.put("floor_area_m2", b2.get("floor_area_m2"));
        if (flags.getOrDefault("information_means", false)) {
            fixed.put("has_tv", "false");
            fixed.put("has_computer", "false");
        }
        double welfare = switch (status) {
            case Status.POOR -> 0.12;
            case Status.NEAR_POOR -> 0.28;
            case Status.NOT_POOR -> justAbove > 0 ? 0.33 : 0.6;
            case Status.MIDDLE -> 0.45;
            default -> 0.6;
        };
        B1Table table = rulebook.table(urban, region);
        Map<String, String> b1 = drawB1(table, fixed, welfare, urban, farm, aTarget);
        int scoreA = table.score(b1);
        int scoreB = rulebook.scoreB(deprived);
        return new Drawn(b1, b2, scoreA, scoreB);
    }

    private Map<String, Boolean> chooseDeprivations(int k) {
        List<String> codes = new ArrayList<>(rulebook.indicatorCodes());
        Map<String, Boolean> flags = new LinkedHashMap<>();
        codes.forEach(c -> flags.put(c, false));
        for (int i = 0; i < k && !codes.isEmpty(); i++) {
            double total = codes.stream().mapToDouble(c -> INDICATOR_WEIGHT.getOrDefault(c, 1.0)).sum();
            double u = rng.nextDouble() * total;
            int pick = 0;
            for (; pick < codes.size() - 1; pick++) {
                u -= INDICATOR_WEIGHT.getOrDefault(codes.get(pick), 1.0);
                if (u < 0) {
                    break;
                }
            }
            flags.put(codes.remove(pick), true);
        }
        return flags;
    }

    /**
     * Facts consistent with the chosen flags under the shipped rulebooks' derive expressions. Facts an older
     * form did not collect are left blank (e.g. employment under 2016–2020), so rescoring can say what is missing.
     */
    private Map<String, String> b2Facts(Map<String, Boolean> flags, int members) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("members", String.valueOf(members));
        for (Indicator ind : rulebook.indicators()) {
            f.put(ind.recordedColumn(), String.valueOf(flags.get(ind.code())));
        }
        boolean collects2022 = flags.containsKey("employment");
        boolean d;
        if (collects2022) {
            d = flags.getOrDefault("employment", false);
            f.put("n_unemployed_or_informal", String.valueOf(d ? 1 + rng.nextInt(Math.min(2, members)) : 0));
            d = flags.getOrDefault("dependants", false);
            f.put("n_dependants", String.valueOf(d ? members / 2 + 1 : rng.nextInt(members / 2 + 1)));
            d = flags.getOrDefault("nutrition", false);
            f.put("n_children_malnourished", String.valueOf(d ? 1 : 0));
        }
        if (flags.containsKey("health_care_access")) {
            f.put("n_no_health_access", String.valueOf(flags.get("health_care_access") ? 1 : 0));
        }
        d = flags.getOrDefault("health_insurance", false);
        f.put("n_uninsured_6plus", String.valueOf(d ? 1 + rng.nextInt(members) : 0));
        d = flags.getOrDefault("adult_education", false);
        f.put("n_youth_undereducated", String.valueOf(d ? 1 : 0));
        d = flags.getOrDefault("child_schooling", false);
        f.put("n_children_out_of_school", String.valueOf(d ? 1 : 0));
        d = flags.getOrDefault("housing_quality", false);
        f.put("n_nondurable_parts", String.valueOf(d ? 2 + rng.nextInt(2) : rng.nextInt(2)));
        d = flags.getOrDefault("housing_area", false);
        int area = d ? Math.max(1, 3 * members + rng.nextInt(5 * members)) : 8 * members + rng.nextInt(20 + 10 * members);
        f.put("floor_area_m2", String.valueOf(area));
        d = flags.getOrDefault("water", false);
        f.put("water_source", d ? (rng.nextBoolean() ? "unprotected_well" : "surface")
                : List.of("piped", "drilled_well", "protected_well", "rain").get(rng.nextInt(4)));
        d = flags.getOrDefault("latrine", false);
        f.put("latrine_type", d ? (rng.nextBoolean() ? "unimproved_pit" : "none")
                : List.of("septic", "semi_septic", "pour_flush").get(rng.nextInt(3)));
        d = flags.getOrDefault("telecom", false);
        f.put("n_internet_users", String.valueOf(d ? 0 : 1 + rng.nextInt(members)));
        d = flags.getOrDefault("information_means", false);
        f.put("has_info_device", String.valueOf(!d));
        f.put("loudspeaker_reach", String.valueOf(!d && rng.nextBoolean()));
        if (flags.containsKey("waste_treatment")) {
            f.put("waste_handling", flags.get("waste_treatment") ? "none" : rng.nextBoolean() ? "collected" : "self_treated");
        }
        f.put("recorded_score_b", String.valueOf(rulebook.scoreB((int) flags.values().stream().filter(b -> b).count())));
        return f;
    }

    private Map<String, String> drawB1(B1Table table, Map<String, String> fixed, double welfare, boolean urban,
                                       boolean farm, IntPredicate target) {
        double w = welfare;
        Map<String, String> answers = null;
        for (int attempt = 0; attempt < 400; attempt++) {
            answers = sampleB1(fixed, clamp(w + rng.nextDouble() * 0.16 - 0.08), urban, farm);
            int score = table.score(answers);
            if (target.test(score)) {
                return answers;
            }
            // Move the welfare level towards the target region: lower if the score is too high for the band.
            w = clamp(w + (tooHigh(target, score) ? -0.02 : 0.02));
        }
        throw new IllegalStateException("could not draw B1 answers for the target band with table "
                + table.tableId() + " (last score " + table.score(answers) + ")");
    }

    private static boolean tooHigh(IntPredicate target, int score) {
        for (int d = 1; d <= 400; d++) {
            if (target.test(score - d)) {
                return true;
            }
        }
        return false;
    }

    private Map<String, String> sampleB1(Map<String, String> fixed, double w, boolean urban, boolean farm) {
        Map<String, String> a = new LinkedHashMap<>();
        int members = Integer.parseInt(fixed.get("hh_size"));
        a.put("hh_size", String.valueOf(members));
        int kids = members <= 1 ? 0 : Math.min(members - 1, (int) Math.round(rng.nextDouble() * (1.6 - w) * members * 0.5));
        a.put("n_children_under16", String.valueOf(kids));
        a.put("n_elderly_60plus", String.valueOf(Math.min(members - kids, rng.nextInt(3))));
        a.put("head_education", EDUCATION.get(index(w, EDUCATION.size())));
        int adults = Math.max(0, members - kids);
        a.put("n_wage_workers", String.valueOf(Math.min(adults, (int) Math.round(w * adults * rng.nextDouble() * 1.5))));
        a.put("house_type", HOUSE.get(index(w, HOUSE.size())));
        a.put("floor_area_m2", fixed.get("floor_area_m2"));
        a.put("cooking_fuel", FUEL.get(index(w, FUEL.size())));
        for (Map.Entry<String, Double> e : ASSETS.entrySet()) {
            double p = 1.0 / (1.0 + Math.exp(-(w - e.getValue()) * 12));
            a.put(e.getKey(), fixed.getOrDefault(e.getKey(), String.valueOf(rng.nextDouble() < p)));
        }
        long land = urban || !farm ? 0 : (long) (rng.nextDouble() * 8000 * (0.3 + w));
        a.put("land_area_m2", String.valueOf(land));
        a.put("n_cattle", String.valueOf(urban ? 0 : (int) (rng.nextDouble() * 4 * w)));
        return a;
    }

    private int index(double w, int size) {
        double x = w * size + rng.nextGaussian() * 0.7;
        return (int) Math.max(0, Math.min(size - 1, Math.floor(x)));
    }

    private static double clamp(double w) {
        return Math.max(0.0, Math.min(1.0, w));
    }

    /** Form A criteria: screened-out applicants tick enough to be screened out, the others too few. */
    Map<String, String> formA(boolean screenedOut) {
        var rule = rulebook.formA();
        int ticked;
        int max = rule.criteria().size();
        List<Integer> passing = new ArrayList<>();
        for (int t = 0; t <= max; t++) {
            if (rule.reviewed(t) != screenedOut) {
                passing.add(t);
            }
        }
        ticked = passing.get(rng.nextInt(Math.min(passing.size(), 4)));
        List<String> criteria = new ArrayList<>(rule.criteria());
        Map<String, String> row = new LinkedHashMap<>();
        criteria.forEach(c -> row.put(c, "false"));
        for (int i = 0; i < ticked; i++) {
            row.put(criteria.remove(rng.nextInt(criteria.size())), "true");
        }
        row.put("recorded_ticked", String.valueOf(ticked));
        return row;
    }

    /**
     * Appendix VIII components whose net income per person per month lies in the middle band (middle
     * households) or above it (other farm applicants): exact integers, so the band test has no rounding.
     */
    Map<String, String> incomeViii(boolean middle, int members, boolean urban) {
        IncomeBand band = rulebook.middleBand().get(Rulebook.area(urban));
        long perCapita = middle
                ? band.lower() + 1 + (long) (rng.nextDouble() * (band.upper() - band.lower() - 1))
                : band.upper() + 1 + (long) (rng.nextDouble() * band.upper());
        long net = perCapita * 12 * members;
        long costs = net * (20 + rng.nextInt(20)) / 100;
        long gross = net + costs;
        String[] parts = {"inc_crops", "inc_livestock", "inc_forestry", "inc_aquaculture", "inc_salt", "inc_nonfarm",
                "inc_wages", "inc_other"};
        double[] weights = new double[parts.length];
        double sum = 0;
        for (int i = 0; i < parts.length; i++) {
            weights[i] = i == 4 && rng.nextDouble() < 0.9 ? 0 : rng.nextDouble();
            sum += weights[i];
        }
        Map<String, String> row = new LinkedHashMap<>();
        row.put("members", String.valueOf(members));
        long assigned = 0;
        for (int i = 0; i < parts.length; i++) {
            long v = i == parts.length - 1 ? gross - assigned : (long) (gross * weights[i] / sum);
            assigned += v;
            row.put(parts[i], String.valueOf(v));
        }
        row.put("production_costs", String.valueOf(costs));
        row.put("social_assistance", String.valueOf(rng.nextDouble() < 0.3 ? 500_000L * (1 + rng.nextInt(12)) : 0));
        row.put("recorded_income_per_capita_month", String.valueOf(perCapita));
        return row;
    }
}
