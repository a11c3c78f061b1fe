package vn.rasoat.analysis.compare;

import vn.rasoat.dashboards.query.RecheckChange;

import vn.rasoat.dashboards.query.QueryResult;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A unit's official annual results in two review years side by side (query {@code compare_years}): both years'
 * households, counts and rates, the change in percentage points and relative to the base year, the standards, and
 * where the base year was also scored under the later year's standard ({@code mart_rates_harmonised}) the change
 * on that common standard. Review counts are a census of the listed and applicant households, not a sample: the
 * change carries no sampling error, and is said so.
 */
public final class YearComparison {
    private YearComparison() {
    }

    /** A base year's figures scored under another standard. */
    public record Harmonised(String as, long poor, long nearPoor, BigDecimal poorRate, BigDecimal nearPoorRate,
                             String underivable) {
    }

    /** One year's figures of a unit and breakdown. */
    public record Year(int year, String rulebook, String standard, Long households, long poor, long nearPoor,
                       BigDecimal poorRate, BigDecimal nearPoorRate, long notScored, BigDecimal completeness,
                       boolean incomplete, Harmonised harmonised) {
    }

    /** A change in percentage points and relative to the base (in %, two decimals; null when the base is 0). */
    public record Change(BigDecimal points, BigDecimal relativePct) {
        @Override
        public String toString() {
            return signed(points) + " points (" + (relativePct == null ? "no base to compare with" : signed(relativePct) + " %") + ")";
        }
    }

    /** The two years of one breakdown (for example {@code all}, or {@code ethnic_minority = yes}). */
    public record Comparison(String breakdown, String value, Year from, Year to) {
        public boolean sameStandard() {
            return from.standard().equals(to.standard());
        }

        public Change poor() {
            return change(from.poorRate(), to.poorRate());
        }

        public Change nearPoor() {
            return change(from.nearPoorRate(), to.nearPoorRate());
        }
    }

    /** The change from {@code from} to {@code to}: exact points, relative change rounded half up to 0.01 %. */
    public static Change change(BigDecimal from, BigDecimal to) {
        if (from == null || to == null) {
            return null;
        }
        BigDecimal points = to.subtract(from);
        BigDecimal relative = from.signum() == 0 ? null
                : points.multiply(BigDecimal.valueOf(100)).divide(from, 2, RoundingMode.HALF_UP);
        return new Change(points, relative);
    }

    /** The comparisons of a {@code compare_years} result, one per breakdown present in both years. */
    public static List<Comparison> of(QueryResult r, int fromYear, int toYear) {
        Map<String, Year[]> pairs = new LinkedHashMap<>();
        for (int i = 0; i < r.size(); i++) {
            String key = r.string(i, "breakdown") + "=" + r.string(i, "breakdown_value");
            int year = ((Number) r.get(i, "year")).intValue();
            Year y = year(r, i);
            Year[] p = pairs.computeIfAbsent(key, k -> new Year[2]);
            if (year == fromYear) {
                p[0] = y;
            } else if (year == toYear) {
                p[1] = y;
            }
        }
        List<Comparison> out = new ArrayList<>();
        pairs.forEach((k, p) -> {
            if (p[0] != null && p[1] != null) {
                out.add(new Comparison(k.substring(0, k.indexOf('=')), k.substring(k.indexOf('=') + 1), p[0], p[1]));
            }
        });
        return out;
    }

    private static Year year(QueryResult r, int i) {
        Harmonised h = r.get(i, "harmonised_as") == null ? null : new Harmonised(r.string(i, "harmonised_as"),
                r.whole(i, "harmonised_poor_households"), r.whole(i, "harmonised_near_poor_households"),
                decimal(r.get(i, "harmonised_poor_rate_pct")), decimal(r.get(i, "harmonised_near_poor_rate_pct")),
                r.string(i, "underivable_indicators"));
        return new Year(((Number) r.get(i, "year")).intValue(), r.string(i, "rulebook_version"), r.string(i, "standard"),
                r.get(i, "households_total") == null ? null : r.whole(i, "households_total"), r.whole(i, "poor_households"), r.whole(i, "near_poor_households"),
                decimal(r.get(i, "poor_rate_pct")), decimal(r.get(i, "near_poor_rate_pct")),
                r.whole(i, "not_scored_households"), decimal(r.get(i, "completeness")),
                Boolean.TRUE.equals(r.get(i, "incomplete")), h);
    }

    private static BigDecimal decimal(Object v) {
        return v == null ? null : v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
    }

    /** The comparison as text: a table of both years and the change, then what the change means. */
    public static List<String> text(Comparison c, String unit) {
        Year a = c.from();
        Year b = c.to();
        List<String> out = new ArrayList<>();
        out.add(unit + ", official annual reviews " + a.year() + " → " + b.year() + ", "
                + (c.breakdown().equals("all") ? "all households" : c.breakdown() + " = " + c.value()));
        out.add(String.format("  %-22s %16s %16s   %s", "", a.year(), b.year(), "change"));
        out.add(String.format("  %-22s %16s %16s", "rulebook", a.rulebook(), b.rulebook()));
        out.add(line("households", a.households(), b.households()));
        out.add(line("poor households", a.poor(), b.poor()));
        out.add(rate("poor rate %", a.poorRate(), b.poorRate(), c.poor()));
        out.add(line("near-poor households", a.nearPoor(), b.nearPoor()));
        out.add(rate("near-poor rate %", a.nearPoorRate(), b.nearPoorRate(), c.nearPoor()));
        if (!c.sameStandard()) {
            out.add("  the two years were reviewed under different standards (" + a.standard() + " → " + b.standard()
                    + "): the change mixes the change of standard with the change in households");
            Harmonised h = a.harmonised();
            if (h != null && h.as().equals(b.standard())) {
                out.add(String.format("  %-22s %16s %16s   %s", a.year() + " under " + h.as(), h.poorRate(), b.poorRate(),
                        change(h.poorRate(), b.poorRate()) + " poor, on one standard"));
                out.add(String.format("  %-22s %16s %16s   %s", "", h.nearPoorRate(), b.nearPoorRate(),
                        change(h.nearPoorRate(), b.nearPoorRate()) + " near-poor, on one standard"));
                if (h.underivable() != null && !h.underivable().isBlank()) {
                    out.add("  " + a.year() + "'s forms did not collect " + String.join(", ", h.underivable().trim().split("\\s*,\\s*")) + ": its figures under " + h.as()
                            + " are bounds, not equals");
                }
            } else {
                out.add("  no harmonised " + a.year() + " under " + b.standard() + " is published (rasoat score --as-standard "
                        + b.standard() + ", then rasoat marts): the change on one standard is not known");
            }
        }
        for (Year y : List.of(a, b)) {
            if (y.incomplete() || y.notScored() > 0) {
                out.add("  " + y.year() + ": " + String.format("%,d", y.notScored()) + " household(s) not scored (completeness "
                        + y.completeness().stripTrailingZeros().toPlainString() + (y.incomplete() ? ", incomplete" : "") + ")");
            }
        }
        out.add("  the counts are a census of the listed and applicant households, not a sample: the change has no sampling "
                + "error (no re-check sample is recorded to estimate the review's own error)");
        return out;
    }

    /**
     * The lines a re-check adds (rows of {@code recheck_by_unit} for the unit in each year, the unit's own row of
     * the first plan): each year's corrected poor rate with its interval beside the recorded one, and, where both years
     * have one, the change with an interval combining the two independent re-checks (normal approximation: each
     * standard error from its interval's half-width). Empty when neither year has a re-check.
     */
    public static List<String> recheck(QueryResult from, QueryResult to, int fromYear, int toYear, String unit) {
        RecheckChange c = new RecheckChange(fromYear, RecheckChange.rate(from, unit), toYear, RecheckChange.rate(to, unit));
        List<String> out = new ArrayList<>();
        if (!c.any()) {
            return out;
        }
        out.add("  re-check (phúc tra) of the review's accuracy, a stratified random sample (rasoat recheck report):");
        for (Object[] y : new Object[][]{{fromYear, c.from()}, {toYear, c.to()}}) {
            RecheckChange.Rate v = (RecheckChange.Rate) y[1];
            if (v == null) {
                out.add("    " + y[0] + ": no re-check: the recorded rate stands, with no estimate of its error");
            } else {
                out.add(String.format(java.util.Locale.ROOT, "    %s: poor rate after re-check %.4f %% (%.0f %% CI %.4f–%.4f), recorded %.4f %% (plan %s)",
                        y[0], v.corrected(), v.confidence() * 100, v.low(), v.high(), v.recorded(), v.planId()));
            }
        }
        if (c.both()) {
            double d = c.change();
            double half = c.halfWidth();
            out.add(String.format(java.util.Locale.ROOT, "    change of the re-checked poor rate %+.4f points (%.0f %% CI %+.4f to %+.4f)%s",
                    d, c.confidence() * 100, d - half, d + half, c.holdsZero() ? ": the interval holds 0" : ""));
        }
        return out;
    }

    private static String line(String label, Long a, Long b) {
        if (a == null || b == null) {
            return String.format("  %-22s %16s %16s   %s", label, a == null ? "not known" : String.format("%,d", a),
                    b == null ? "not known" : String.format("%,d", b), "not known (no household total for it)");
        }
        return String.format("  %-22s %,16d %,16d   %s", label, a, b, (b - a > 0 ? "+" : "") + String.format("%,d", b - a));
    }

    private static String rate(String label, BigDecimal a, BigDecimal b, Change c) {
        return String.format("  %-22s %16s %16s   %s", label, a == null ? "not known" : a, b == null ? "not known" : b,
                c == null ? "not known" : c);
    }

    private static String signed(BigDecimal v) {
        return (v.signum() > 0 ? "+" : "") + v.toPlainString();
    }
}
