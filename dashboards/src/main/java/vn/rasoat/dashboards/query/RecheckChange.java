package vn.rasoat.dashboards.query;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A unit's poor rate after re-check (phúc tra) in two review years and the change between them with its interval:
 * where both years have a re-check, the interval combines the two independent re-checks (normal approximation, each
 * standard error from its interval's half-width at its own confidence; the change's interval at the later year's
 * confidence). Review counts themselves are a census of the listed and applicant households: without a re-check a
 * change has no sampling error and no estimate of the review's own error. Read by {@code rasoat compare} and the
 * dashboard's year-over-year table.
 */
public record RecheckChange(int fromYear, Rate from, int toYear, Rate to) {
    /** One year's re-check of the unit (its first plan): corrected poor rate %, its interval, the recorded rate %. */
    public record Rate(double corrected, double low, double high, double recorded, double confidence, String planId) {
    }

    /** The unit's own row (the first plan's) of a {@code recheck_by_unit} result, or null when it has none. */
    public static Rate rate(QueryResult recheckByUnit, String unit) {
        if (recheckByUnit == null) {
            return null;
        }
        for (int i = 0; i < recheckByUnit.size(); i++) {
            if (unit.equals(recheckByUnit.string(i, "unit_code"))) {
                if (recheckByUnit.get(i, "corrected_poor_rate_pct") == null) {
                    return null;
                }
                return new Rate(recheckByUnit.number(i, "corrected_poor_rate_pct"), recheckByUnit.number(i, "corrected_poor_rate_low"),
                        recheckByUnit.number(i, "corrected_poor_rate_high"), recheckByUnit.number(i, "recorded_poor_rate_pct"),
                        recheckByUnit.number(i, "confidence"), recheckByUnit.string(i, "plan_id"));
            }
        }
        return null;
    }

    /** Whether either year has a re-check. */
    public boolean any() {
        return from != null || to != null;
    }

    /** Whether both years have one: the change has an interval. */
    public boolean both() {
        return from != null && to != null;
    }

    /** The change of the re-checked poor rate in points (later minus earlier); NaN unless {@link #both}. */
    public double change() {
        return both() ? to.corrected() - from.corrected() : Double.NaN;
    }

    /** Half the width of the change's interval, at {@link #confidence}; NaN unless {@link #both}. */
    public double halfWidth() {
        if (!both()) {
            return Double.NaN;
        }
        double seFrom = (from.high() - from.low()) / (2 * z(from.confidence()));
        double seTo = (to.high() - to.low()) / (2 * z(to.confidence()));
        return z(to.confidence()) * Math.sqrt(seFrom * seFrom + seTo * seTo);
    }

    /** The change's confidence level (the later year's). */
    public double confidence() {
        return to == null ? Double.NaN : to.confidence();
    }

    /** Whether the change's interval holds 0 (no change shown beyond the re-checks' error). */
    public boolean holdsZero() {
        return !(change() - halfWidth() > 0 || change() + halfWidth() < 0);
    }

    private static double z(double confidence) {
        return new NormalDistribution().inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }
}
