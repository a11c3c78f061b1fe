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
 *
 * <p>With {@link #withProvinces}, a province of the 63 that has its own published rate is calibrated to it (for
 * another year: its published rate scaled by its region's change between the two years), and the region's other
 * provinces share the rest, so that the region, weighted by the 2019 census households, keeps its rate: other
 * provinces' rate = (region rate × region households − Σ calibrated provinces' rate × households) / (region
 * households − Σ calibrated provinces' households), never below 0.
 */
public final class Calibration implements Serializable {
    private final Map<String, double[]> byYearRegion = new HashMap<>(); // "year|region" -> {poor, near}
    private final Map<Integer, double[]> national = new HashMap<>();
    private final double declinePerYear;
    private static final int BASE_YEAR = 2022;
    // province calibration (withProvinces): province -> year -> {poor, near} (NaN: not published)
    private final Map<String, Map<Integer, double[]>> byProvince = new HashMap<>();
    private Map<String, Long> provinceHouseholds;
    private Map<String, String> regionOfProvince;

    public Calibration(List<Map<String, String>> published, double declinePerYear) {
        this.declinePerYear = declinePerYear;
        for (Map<String, String> r : published) {
            String level = r.get("geo_level");
            int year = Integer.parseInt(r.get("review_year"));
            if (level.equals("province")) {
                double[] v = {parse(r.get("poor_rate_pct")) / 100.0, parse(r.get("near_poor_rate_pct")) / 100.0};
                if (!Double.isNaN(v[0]) || !Double.isNaN(v[1])) {
                    byProvince.computeIfAbsent(r.get("geo_key"), k -> new HashMap<>()).put(year, v);
                }
                continue;
            }
            if (!level.equals("national") && !level.equals("region")) {
                continue;
            }
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

    /**
     * The generator's calibration: the published results and the decline setting ({@code schemas/generator/}), with
     * provincial targets when the units come from a list of the 63 provinces (whose codes the published provincial
     * rates use).
     */
    public static Calibration load(vn.rasoat.io.SchemaSource source, boolean provinces63) {
        vn.rasoat.reference.ReferenceData ref = vn.rasoat.reference.ReferenceData.load(source);
        Calibration c = new Calibration(ref.publishedResults(), GeneratorSettings.load(source).declinePerYear());
        return provinces63 ? c.withProvinces(ref.censusByProvince()) : c;
    }

    /**
     * This calibration with provincial targets, for units of the 63-province lists (the published provincial rates
     * use those codes): {@code census} is the 2019 census per province (province_code, region_key, households_total).
     */
    public Calibration withProvinces(List<Map<String, String>> census) {
        provinceHouseholds = new HashMap<>();
        regionOfProvince = new HashMap<>();
        for (Map<String, String> r : census) {
            provinceHouseholds.put(r.get("province_code"), Long.parseLong(r.get("households_total")));
            regionOfProvince.put(r.get("province_code"), r.get("region_key"));
        }
        return this;
    }

    /**
     * {poor rate, near-poor rate} of a province's communes: its own published rates where it has them (see the
     * class comment), else its region's share of what the calibrated provinces leave; the region's rates without
     * {@link #withProvinces}.
     */
    public double[] target(int year, String region, String province) {
        double[] regional = target(year, region);
        if (provinceHouseholds == null || province == null || !region.equals(regionOfProvince.get(province))) {
            return regional;
        }
        double[] out = regional.clone();
        double[] own = own(year, province, region);
        long hR = 0;
        for (Map.Entry<String, String> e : regionOfProvince.entrySet()) {
            if (e.getValue().equals(region)) {
                hR += provinceHouseholds.get(e.getKey());
            }
        }
        for (int i = 0; i < 2; i++) {
            if (!Double.isNaN(own[i])) {
                out[i] = own[i];
                continue;
            }
            double calibratedHouseholds = 0;
            double calibratedUnits = 0;
            for (String p : byProvince.keySet()) {
                if (region.equals(regionOfProvince.get(p))) {
                    double r = own(year, p, region)[i];
                    if (!Double.isNaN(r)) {
                        calibratedHouseholds += provinceHouseholds.get(p);
                        calibratedUnits += r * provinceHouseholds.get(p);
                    }
                }
            }
            if (calibratedHouseholds > 0) {
                out[i] = Math.max(0, (regional[i] * hR - calibratedUnits) / (hR - calibratedHouseholds));
            }
        }
        return out;
    }

    /** A province's own rates for a year (NaN where it published none): from its published year nearest to it. */
    private double[] own(int year, String province, String region) {
        double[] out = {Double.NaN, Double.NaN};
        Map<Integer, double[]> years = byProvince.get(province);
        if (years == null) {
            return out;
        }
        for (int i = 0; i < 2; i++) {
            final int k = i;
            Integer nearest = years.keySet().stream().filter(y -> !Double.isNaN(years.get(y)[k]))
                    .min(java.util.Comparator.comparingInt((Integer y) -> Math.abs(y - year)).thenComparingInt(y -> y))
                    .orElse(null);
            if (nearest != null) {
                out[i] = years.get(nearest)[i] * target(year, region)[i] / target(nearest, region)[i];
            }
        }
        return out;
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
