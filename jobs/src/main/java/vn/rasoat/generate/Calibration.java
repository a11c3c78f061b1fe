package vn.rasoat.generate;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Target poor and near-poor household rates per review year and region, from the published review results
 * ({@code poverty_review_results_national_regional.csv}). Where a region's rate for a year is not published
 * it is the 2022 regional rate scaled by that year's national change; years after the last published one
 * decline by a setting per year (synthetic data, not a forecast).
 */
public final class Calibration implements Serializable {
    private final Map<String, double[]> byYearRegion = new HashMap<>(); // "year|region" -> {poor, near}
    private final Map<Integer, double[]> national = new HashMap<>();
    private final double declinePerYear;
    private static final int BASE_YEAR = 2022;

    public Calibration(List<Map<String, String>> published, double declinePerYear) {
        this.declinePerYear = declinePerYear;
        for (Map<String, String> r : published) {
            String level = r.get("geo_level");
            if (!level.equals("national") && !level.equals("region")) {
                continue;
            }
            int year = Integer.parseInt(r.get("review_year"));
            double poor = parse(r.get("poor_rate_pct"));
            double near = parse(r.get("near_poor_rate_pct"));
            double both = parse(r.get("poor_and_near_poor_rate_pct"));
            if (Double.isNaN(near) && !Double.isNaN(both) && !Double.isNaN(poor)) {
                near = both - poor;
            }
            double[] v = {poor / 100.0, near / 100.0};
            if (level.equals("national")) {
                national.put(year, v);
            } else {
                byYearRegion.put(year + "|" + r.get("geo_key"), v);
            }
        }
        if (!national.containsKey(BASE_YEAR)) {
            throw new IllegalArgumentException("published results lack the " + BASE_YEAR + " national rates");
        }
    }

    private static double parse(String s) {
        return s == null || s.isBlank() ? Double.NaN : Double.parseDouble(s);
    }

    /** {poor rate, near-poor rate} as fractions of all households. */
    public double[] target(int year, String region) {
        double[] base = byYearRegion.get(BASE_YEAR + "|" + region);
        if (base == null) {
            throw new IllegalArgumentException("no 2022 published rates for region " + region);
        }
        double[] own = byYearRegion.getOrDefault(year + "|" + region, new double[]{Double.NaN, Double.NaN});
        double[] out = new double[2];
        for (int i = 0; i < 2; i++) {
            out[i] = !Double.isNaN(own[i]) ? own[i] : base[i] * nationalFactor(year, i);
        }
        return out;
    }

    private double nationalFactor(int year, int i) {
        double[] n = national.get(year);
        if (n != null && !Double.isNaN(n[i])) {
            return n[i] / national.get(BASE_YEAR)[i];
        }
        List<Integer> published = national.keySet().stream().filter(y -> !Double.isNaN(national.get(y)[i]))
                .sorted().toList();
        Integer last = published.stream().filter(y -> y <= year).reduce((a, b) -> b).orElse(null);
        if (last == null) {
            // Before the first published year: hold the earliest published rate (no backward extrapolation).
            int first = published.get(0);
            return national.get(first)[i] / national.get(BASE_YEAR)[i];
        }
        double f = national.get(last)[i] / national.get(BASE_YEAR)[i];
        return f * Math.pow(declinePerYear, year - last);
    }
}
