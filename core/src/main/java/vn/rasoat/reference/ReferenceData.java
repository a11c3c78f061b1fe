package vn.rasoat.reference;

import vn.rasoat.io.SchemaSource;
import vn.rasoat.io.SimpleCsv;

import java.io.InputStream;
import java.io.Serializable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The real public reference data the project ships under {@code schemas/reference/} (copied from the GSO
 * lists, the 2019 census and the published review results; provenance in {@code SOURCES.md}).
 */
public final class ReferenceData implements Serializable {
    private final SchemaSource source;
    private final TreeMap<LocalDate, String> unitListFiles = new TreeMap<>();
    private final Map<String, String> regionByProvince63 = new HashMap<>();
    private final Map<String, List<AdminUnit>> unitCache = new HashMap<>();

    private ReferenceData(SchemaSource source) {
        this.source = source;
        for (Map<String, String> r : csv("reference/unit_lists.csv")) {
            unitListFiles.put(LocalDate.parse(r.get("valid_from")), r.get("file"));
        }
        for (Map<String, String> r : csv("reference/vn_regions_63p.csv")) {
            regionByProvince63.put(r.get("province_code"), r.get("region_key"));
        }
    }

    public static ReferenceData load(SchemaSource source) {
        return new ReferenceData(source);
    }

    List<Map<String, String>> csv(String path) {
        try (InputStream in = source.open(path)) {
            return SimpleCsv.read(in, source.describe(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The unit-list file in force on a date: the latest list dated on or before it, else the earliest. */
    public String unitListFileOn(LocalDate date) {
        Map.Entry<LocalDate, String> e = unitListFiles.floorEntry(date);
        return e != null ? e.getValue() : unitListFiles.firstEntry().getValue();
    }

    public List<String> unitListFiles() {
        return List.copyOf(unitListFiles.values());
    }

    /** The communes of a unit list, each with its socio-economic region. */
    public synchronized List<AdminUnit> units(String file) {
        return unitCache.computeIfAbsent(file, this::loadUnits);
    }

    private List<AdminUnit> loadUnits(String file) {
        Map<String, String> regionOfNewCommune = file.contains("_34p_") ? regionsOfNewCommunes() : Map.of();
        List<AdminUnit> out = new ArrayList<>();
        for (Map<String, String> r : csv("reference/" + file)) {
            String province = r.get("province_code");
            String region = regionOfNewCommune.isEmpty()
                    ? regionByProvince63.get(province)
                    : regionOfNewCommune.get(r.get("commune_code"));
            out.add(new AdminUnit(province, r.get("province_name"), blankToNull(r.get("district_code")),
                    blankToNull(r.get("district_name")), r.get("commune_code"), r.get("commune_name"),
                    r.get("commune_type"), Boolean.parseBoolean(r.get("urban")), region));
        }
        return out;
    }

    /**
     * A 2025 commune's region is that of the former province of its first source unit in the crosswalk
     * (docs/rules.md#units, ASSUMED).
     */
    private Map<String, String> regionsOfNewCommunes() {
        Map<String, String> out = new HashMap<>();
        for (Map<String, String> r : csv("reference/vn_admin_crosswalk_2025-03-01_to_2025-07-01.csv")) {
            out.putIfAbsent(r.get("new_commune_code"), regionByProvince63.get(r.get("old_province_code")));
        }
        return out;
    }

    /** Every commune code found in any shipped unit list: the set an input code must belong to. */
    public Set<String> allCommuneCodes() {
        Set<String> codes = new LinkedHashSet<>();
        for (String f : unitListFiles.values()) {
            for (AdminUnit u : units(f)) {
                codes.add(u.communeCode());
            }
        }
        return codes;
    }

    /** The six socio-economic regions: region_key, region_name_vi, region_name_en (one row per 63-list province). */
    public List<Map<String, String>> regionsOfProvinces63() {
        return csv("reference/vn_regions_63p.csv");
    }

    public String regionOfProvince63(String provinceCode) {
        return regionByProvince63.get(provinceCode);
    }

    public List<String> ethnicCodes() {
        return csv("reference/vn_ethnic_groups.csv").stream().map(r -> r.get("ethnic_code")).toList();
    }

    /** Ethnic code → the group's Vietnamese name (GSO list of 54 groups), in code order. */
    public Map<String, String> ethnicNames() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, String> r : csv("reference/vn_ethnic_groups.csv")) {
            out.put(r.get("ethnic_code"), r.get("ethnic_name"));
        }
        return out;
    }

    /** Ethnic code → whether the group is a minority (every group but Kinh). */
    public Map<String, Boolean> ethnicMinority() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Map<String, String> r : csv("reference/vn_ethnic_groups.csv")) {
            out.put(r.get("ethnic_code"), Boolean.parseBoolean(r.get("ethnic_minority")));
        }
        return out;
    }

    /** 2019 census households of each commune (codes as of 2019-04-01). */
    public Map<String, CensusCommune> censusByCommune() {
        Map<String, CensusCommune> out = new HashMap<>();
        for (Map<String, String> r : csv("reference/census2019_households_by_commune.csv")) {
            long[] urban = new long[7];
            long[] rural = new long[7];
            for (int i = 0; i < 7; i++) {
                String suffix = i == 6 ? "7plus" : String.valueOf(i + 1);
                urban[i] = Long.parseLong(r.get("urban_hh_size_" + suffix));
                rural[i] = Long.parseLong(r.get("rural_hh_size_" + suffix));
            }
            out.put(r.get("commune_code"), new CensusCommune(r.get("commune_code"),
                    Long.parseLong(r.get("households_total")), Long.parseLong(r.get("population_total")), urban, rural));
        }
        return out;
    }

    /** Published review results (MOLISA decisions as reported), one map per row. */
    /** The 2019 census per province of the 63: province_code, region_key, households_total, … (one row each). */
    public List<Map<String, String>> censusByProvince() {
        return csv("reference/census2019_households_by_province.csv");
    }

    public List<Map<String, String>> publishedResults() {
        return csv("reference/poverty_review_results_national_regional.csv");
    }

    public record CensusCommune(String communeCode, long households, long population, long[] urbanSizes,
                                long[] ruralSizes) implements Serializable {
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
