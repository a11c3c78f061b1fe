package vn.rasoat.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.io.SimpleCsv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Loads rulebooks from {@code schemas/rules/} and picks the one in force for a review year. */
public final class Rulebooks implements Serializable {
    private final SchemaSource source;
    private final TreeMap<Integer, String> standardByFirstYear = new TreeMap<>();
    private final Map<Integer, Integer> lastYearByFirstYear = new LinkedHashMap<>();
    private final Map<String, Rulebook> cache = new LinkedHashMap<>();

    private Rulebooks(SchemaSource source) {
        this.source = source;
        try (InputStream in = source.open("rules/calendar.csv")) {
            for (Map<String, String> r : SimpleCsv.read(in, source.describe("rules/calendar.csv"))) {
                int first = Integer.parseInt(r.get("first_year"));
                standardByFirstYear.put(first, r.get("standard"));
                lastYearByFirstYear.put(first, Integer.parseInt(r.get("last_year")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Rulebooks load(SchemaSource source) {
        return new Rulebooks(source);
    }

    public List<String> standards() {
        return List.copyOf(standardByFirstYear.values());
    }

    /** The standard governing a review year by the calendar (a review run may name another). */
    public String standardForYear(int year) {
        Map.Entry<Integer, String> e = standardByFirstYear.floorEntry(year);
        if (e == null || year > lastYearByFirstYear.get(e.getKey())) {
            throw new IllegalArgumentException("no standard governs review year " + year
                    + " in " + source.describe("rules/calendar.csv"));
        }
        return e.getValue();
    }

    public Rulebook forYear(int year) {
        return get(standardForYear(year));
    }

    public synchronized Rulebook get(String standard) {
        return cache.computeIfAbsent(standard, this::load);
    }

    private Rulebook load(String standard) {
        String dir = "rules/" + standard + "/";
        String path = dir + "rulebook.json";
        if (!source.exists(path)) {
            throw new IllegalArgumentException("no rulebook for standard '" + standard + "' at " + source.describe(path));
        }
        try {
            JsonNode root = new ObjectMapper().readTree(source.readString(path));
            List<Integer> years = new ArrayList<>();
            root.path("review_years").forEach(n -> years.add(n.asInt()));
            Map<String, Long> poverty = new LinkedHashMap<>();
            Map<String, Long> nearPoverty = new LinkedHashMap<>();
            Map<String, ScoreBands> bands = new LinkedHashMap<>();
            for (String area : List.of(Rulebook.URBAN, Rulebook.RURAL)) {
                JsonNode lines = required(root, "income_lines").path(area);
                poverty.put(area, lines.path("poverty").asLong());
                nearPoverty.put(area, lines.path("near_poverty").asLong());
                JsonNode sa = required(root, "score_a").path(area);
                JsonNode poorMax = sa.get("poor_max");
                bands.put(area, new ScoreBands(poorMax == null || poorMax.isNull() ? null : poorMax.asInt(),
                        required(sa, "near_poor_max").asInt()));
            }
            List<Indicator> indicators = new ArrayList<>();
            for (JsonNode i : required(root, "indicators")) {
                indicators.add(new Indicator(i.path("code").asText(), i.path("name_vi").asText(),
                        i.path("name_en").asText(), i.path("dimension").asText(),
                        i.path("recorded_column").asText(), i.path("derive").asText(null)));
            }
            JsonNode tables = required(root, "b1_tables");
            B1Table urban = table(dir, tables.path("urban").asText());
            Map<String, B1Table> rural = new LinkedHashMap<>();
            tables.path("rural").fields().forEachRemaining(e -> rural.put(e.getKey(), table(dir, e.getValue().asText())));
            JsonNode fa = required(root, "form_a");
            List<String> criteria = new ArrayList<>();
            fa.path("criteria").forEach(n -> criteria.add(n.asText()));
            Map<String, IncomeBand> middle = new LinkedHashMap<>();
            JsonNode mb = root.get("middle_band");
            if (mb != null && !mb.isNull()) {
                for (String area : List.of(Rulebook.URBAN, Rulebook.RURAL)) {
                    JsonNode b = mb.path(area);
                    middle.put(area, new IncomeBand(b.path("lower").asLong(), b.path("lower_inclusive").asBoolean(),
                            b.path("upper").asLong(), b.path("upper_inclusive").asBoolean()));
                }
            }
            return new Rulebook(required(root, "standard").asText(), required(root, "version").asText(),
                    root.path("title_vi").asText(), root.path("legal_basis").asText(), years, poverty, nearPoverty,
                    bands, root.path("score_a").path("provisional").asBoolean(false),
                    required(root, "score_b").path("points_per_indicator").asInt(),
                    root.path("score_b").path("deprivation_cutoff").asInt(), indicators, urban, rural,
                    new FormARule(criteria, fa.path("cutoff").asInt(), fa.path("direction").asText()), middle);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("bad rulebook " + source.describe(path) + ": " + e.getMessage(), e);
        }
    }

    private B1Table table(String dir, String relative) {
        String path = dir + relative;
        String text = source.readString(path);
        boolean sample = text.lines().limit(10).anyMatch(l -> l.startsWith("#") && l.contains("SAMPLE"));
        String tableId = text.lines().filter(l -> l.startsWith("# table_id:")).findFirst()
                .map(l -> l.substring("# table_id:".length()).trim()).orElse(path);
        try (InputStream in = source.open(path)) {
            return B1Table.parse(tableId, sample, SimpleCsv.read(in, source.describe(path)), source.describe(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return v;
    }
}
