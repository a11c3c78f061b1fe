package vn.rasoat.generate;

import vn.rasoat.rules.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Draws the report fields of a household's roster row (since contract 1.1.0): causes of poverty and support needs (poor
 * and near-poor households), social protection, children under 16 with their deprivations, and the sector of a
 * farm household. They follow the household's drawn forms: a household deprived in nutrition on form B2 has a
 * malnourished child, one deprived in child schooling a child out of school, one deprived in health insurance an
 * uninsured child when it has children; one without working capacity lacks labour; a deprivation in health,
 * schooling or housing is a need for that support. Its own random stream (seeded per household-run), so the forms
 * and statuses drawn before it are the same with or without it.
 */
final class ReportFields {
    private final GeneratorSettings.ReportFieldShares shares;
    private final SplittableRandom rng;

    ReportFields(GeneratorSettings.ReportFieldShares shares, long seed, String runId, String householdId) {
        this.shares = shares;
        this.rng = new SplittableRandom(seed * 1_000_033L + (runId + "|" + householdId).hashCode());
    }

    /**
     * @param intended the status the household is drawn for
     * @param b1 form B1 answers (null when the household was screened out)
     * @param b2 form B2 answers (null when screened out)
     */
    void fill(Map<String, String> roster, String intended, boolean noWorkingCapacity, boolean farm,
              Map<String, String> b1, Map<String, String> b2) {
        boolean poorOrNear = intended.equals(Status.POOR) || intended.equals(Status.NEAR_POOR);
        roster.put("sector", farm ? pick(shares.sectorShares()) : "");
        double sp = noWorkingCapacity ? shares.socialProtectionNoWorkingCapacity() : shares.socialProtectionOther();
        roster.put("social_protection", String.valueOf(rng.nextDouble() < sp));
        if (b1 == null || b2 == null) {
            for (String f : List.of("poverty_causes", "support_needs", "children_under16", "children_no_health_insurance",
                    "children_malnourished", "children_out_of_school")) {
                roster.put(f, "");
            }
            return;
        }
        int malnourished = flag(b2, "d_nutrition") ? Math.max(1, number(b2, "n_children_malnourished")) : 0;
        int outOfSchool = flag(b2, "d_child_schooling") ? Math.max(1, number(b2, "n_children_out_of_school")) : 0;
        int kids = Math.max(number(b1, "n_children_under16"), Math.max(malnourished, outOfSchool));
        int uninsured = flag(b2, "d_health_insurance") && kids > 0 ? 1 + rng.nextInt(kids) : 0;
        roster.put("children_under16", String.valueOf(kids));
        roster.put("children_no_health_insurance", String.valueOf(uninsured));
        roster.put("children_malnourished", String.valueOf(malnourished));
        roster.put("children_out_of_school", String.valueOf(outOfSchool));
        if (!poorOrNear) {
            roster.put("poverty_causes", "");
            roster.put("support_needs", "");
            return;
        }
        TreeSet<String> causes = new TreeSet<>();
        if (noWorkingCapacity) {
            causes.add("labour");
        }
        if (flag(b2, "d_health_care_access") && rng.nextDouble() < 0.5) {
            causes.add("illness");
        }
        int n = 1 + rng.nextInt(Math.max(1, shares.causesMax()));
        while (causes.size() < n) {
            causes.add(pick(shares.causeWeights()));
        }
        TreeSet<String> needs = new TreeSet<>();
        if (flag(b2, "d_health_insurance") || flag(b2, "d_health_care_access") || flag(b2, "d_nutrition")) {
            needs.add("health");
        }
        if (flag(b2, "d_child_schooling") || flag(b2, "d_adult_education")) {
            needs.add("education");
        }
        if (flag(b2, "d_housing_quality") || flag(b2, "d_housing_area")) {
            needs.add("housing");
        }
        for (Map.Entry<String, Double> e : shares.supportShares().entrySet()) {
            if (rng.nextDouble() < e.getValue()) {
                needs.add(e.getKey());
            }
        }
        if (needs.isEmpty()) {
            needs.add("livelihood");
        }
        roster.put("poverty_causes", String.join(";", causes));
        roster.put("support_needs", String.join(";", needs));
    }

    private String pick(Map<String, Double> weights) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double u = rng.nextDouble() * total;
        List<String> keys = new ArrayList<>(weights.keySet());
        for (String k : keys) {
            u -= weights.get(k);
            if (u < 0) {
                return k;
            }
        }
        return keys.get(keys.size() - 1);
    }

    private static boolean flag(Map<String, String> form, String field) {
        return "true".equals(form.get(field));
    }

    private static int number(Map<String, String> form, String field) {
        String v = form.get(field);
        return v == null || v.isEmpty() ? 0 : Integer.parseInt(v);
    }
}
