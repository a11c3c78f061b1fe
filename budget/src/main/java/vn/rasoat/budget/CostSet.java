package vn.rasoat.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.rasoat.io.SchemaSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dated set of cost norms for one province's review (schemas/costs/&lt;province&gt;_&lt;year&gt;.json): each line is
 * either count × norm (exact integer đồng) or a lump sum, with its legal basis.
 */
public record CostSet(String setId, String provinceCode, String provinceName, List<Integer> reviewYears, String source,
                      List<Line> districtLines, List<Line> provinceLines, Map<String, Integer> formsPerHousehold,
                      Map<String, Long> defaultLumps) {

    /** A cost line: {@code count} names the count it multiplies (forms, hamlets, …) by {@code norm}; otherwise
     * {@code lump} names a per-district lump sum, or {@code lumpVnd} is a fixed province amount. */
    public record Line(String code, String nameVi, String nameEn, String unit, String count, Long norm, String lump,
                       Long lumpVnd, String basis) {
        public boolean perUnit() {
            return count != null;
        }

        public Line withNorm(long newNorm) {
            if (!perUnit()) {
                throw new IllegalArgumentException(code + " is a lump sum, not a norm");
            }
            return new Line(code, nameVi, nameEn, unit, count, newNorm, lump, lumpVnd, basis);
        }
    }

    public static CostSet load(SchemaSource source, String provinceCode, int year) {
        String path = "costs/" + provinceCode + "_" + year + ".json";
        if (!source.exists(path)) {
            throw new IllegalArgumentException("no cost-norm set for province " + provinceCode + ", year " + year
                    + " at " + source.describe(path));
        }
        try {
            JsonNode r = new ObjectMapper().readTree(source.readString(path));
            List<Integer> years = new ArrayList<>();
            r.path("review_years").forEach(n -> years.add(n.asInt()));
            Map<String, Integer> fph = new LinkedHashMap<>();
            r.path("forms_per_household").fields().forEachRemaining(e -> fph.put(e.getKey(), e.getValue().asInt()));
            Map<String, Long> lumps = new LinkedHashMap<>();
            r.path("default_lumps_per_district").fields().forEachRemaining(e -> lumps.put(e.getKey(), e.getValue().asLong()));
            return new CostSet(r.path("set_id").asText(), r.path("province_code").asText(), r.path("province_name").asText(),
                    List.copyOf(years), r.path("source").asText(), lines(r.path("district_lines")),
                    lines(r.path("province_lines")), Map.copyOf(fph), Map.copyOf(lumps));
        } catch (IOException e) {
            throw new IllegalArgumentException("bad cost-norm set " + source.describe(path) + ": " + e.getMessage(), e);
        }
    }

    private static List<Line> lines(JsonNode array) {
        List<Line> out = new ArrayList<>();
        for (JsonNode l : array) {
            out.add(new Line(l.path("code").asText(), l.path("name_vi").asText(), l.path("name_en").asText(),
                    l.path("unit").asText(null), l.path("count").asText(null),
                    l.has("norm") ? l.get("norm").asLong() : null, l.path("lump").asText(null),
                    l.has("lump_vnd") ? l.get("lump_vnd").asLong() : null, l.path("basis").asText("")));
        }
        return List.copyOf(out);
    }

    /** The same set with some norms replaced (what-if): code → new norm in đồng. */
    public CostSet withNorms(Map<String, Long> overrides) {
        Map<String, Long> left = new LinkedHashMap<>(overrides);
        List<Line> d = new ArrayList<>();
        for (Line l : districtLines) {
            Long n = left.remove(l.code());
            d.add(n == null ? l : l.withNorm(n));
        }
        List<Line> p = new ArrayList<>();
        for (Line l : provinceLines) {
            Long n = left.remove(l.code());
            p.add(n == null ? l : l.withNorm(n));
        }
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("no cost line " + left.keySet() + " in " + setId);
        }
        return new CostSet(setId, provinceCode, provinceName, reviewYears, source, List.copyOf(d), List.copyOf(p),
                formsPerHousehold, defaultLumps);
    }
}
