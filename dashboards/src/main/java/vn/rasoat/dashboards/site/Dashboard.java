package vn.rasoat.dashboards.site;

import org.jfree.chart.JFreeChart;
import vn.rasoat.dashboards.charts.Charts;
import vn.rasoat.dashboards.charts.Labels;
import vn.rasoat.dashboards.query.Queries;
import vn.rasoat.dashboards.query.QueryResult;
import vn.rasoat.rules.Rulebook;
import vn.rasoat.rules.Rulebooks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the dashboard shows: for a page (a unit at a level, in a review year) its tables and charts, each one named
 * query with its parameters. The static site and the server both render from here.
 */
public final class Dashboard {
    /**
     * A page: the nation, a province or a district, in a review year; or a province of 2025 ({@link #PROVINCE_2025}).
     * {@code subgroup} ({@code all}, or a breakdown and its value such as {@code area.rural}: {@link
     * vn.rasoat.rules.Breakdowns#subgroups()}) selects the households of the table of units below (server pages).
     */
    public record Page(String level, String unit, int year, String subgroup) {
        public Page(String level, String unit, int year) {
            this(level, unit, year, "all");
        }

        public String id() {
            return level + "-" + unit;
        }

        public Map<String, Object> params() {
            return Map.of("year", year, "level", level, "unit", unit);
        }
    }

    /** A table or chart of a page: an id, the query and its parameters. */
    public record Item(String id, String query, Map<String, Object> params) {
    }

    /** A unit with results in a year. */
    public record Unit(String level, String code, String parent, String name) {
    }

    public static final List<String> CHARTS = List.of("rates_by_unit", "rates_series", "deprivation_heatmap",
            "deprivation_contribution", "movements_poor", "movements_near_poor", "score_distribution");

    private final Queries queries;
    private final Labels labels;
    private final Rulebooks rulebooks;
    private final SiteAssets assets;
    private final Map<Integer, Map<String, Unit>> units = new ConcurrentHashMap<>();

    public Dashboard(Queries queries, Labels labels, Rulebooks rulebooks, SiteAssets assets) {
        this.queries = queries;
        this.labels = labels;
        this.rulebooks = rulebooks;
        this.assets = assets;
    }

    /** The pages' scripts (ECharts, the map, the boundaries). */
    public SiteAssets assets() {
        return assets;
    }

    public Labels labels() {
        return labels;
    }

    public Rulebooks rulebooks() {
        return rulebooks;
    }

    public Queries queries() {
        return queries;
    }

    /** Review years with an annual snapshot, with the standard of each. */
    public Map<Integer, String> years() throws SQLException {
        QueryResult r = queries.run("filter_years", Map.of());
        Map<Integer, String> out = new LinkedHashMap<>();
        for (int i = 0; i < r.size(); i++) {
            out.put(((Number) r.get(i, "year")).intValue(), r.string(i, "standard"));
        }
        return out;
    }

    /** Provinces, districts and communes with results in a year, keyed by level and code. */
    public Map<String, Unit> units(int year) throws SQLException {
        Map<String, Unit> cached = units.get(year);
        if (cached != null) {
            return cached;
        }
        QueryResult r = queries.run("filter_units", Map.of("year", year));
        Map<String, Unit> out = new LinkedHashMap<>();
        for (int i = 0; i < r.size(); i++) {
            Unit u = new Unit(r.string(i, "level"), r.string(i, "unit_code"), r.string(i, "parent_code"), r.string(i, "name"));
            out.put(u.level() + "-" + u.code(), u);
        }
        units.put(year, out);
        return out;
    }

    public Optional<Unit> unit(int year, String level, String code) throws SQLException {
        return Optional.ofNullable(units(year).get(level + "-" + code));
    }

    public List<Unit> unitsAt(int year, String level, String parent) throws SQLException {
        List<Unit> out = new ArrayList<>();
        for (Unit u : units(year).values()) {
            if (u.level().equals(level) && (parent == null || parent.equals(u.parent()))) {
                out.add(u);
            }
        }
        return out;
    }

    public String name(Page p) throws SQLException {
        if (p.level().equals("national")) {
            return labels.text("level.national");
        }
        if (p.level().equals(PROVINCE_2025)) {
            Unit u = provinces2025(p.year()).get(p.unit());
            return labels.text("page.boundaries_2025_name", u == null ? p.unit() : u.name());
        }
        return unit(p.year(), p.level(), p.unit()).map(Unit::name).orElse(p.unit());
    }

    /** The page level of a province of the 2025 boundaries, with results restated into them (mart_rates_2025). */
    public static final String PROVINCE_2025 = "province2025";
    private final Map<Integer, Map<String, Unit>> provinces2025 = new ConcurrentHashMap<>();

    private final Map<Integer, Boolean> sameAs2025 = new ConcurrentHashMap<>();

    /**
     * Whether a year's results are already in the 2025 boundaries (its unit list is the 34-province one, as
     * mart_rates_2025 records): its provinces are not the 63 of the older map, though many codes are the same.
     */
    public boolean in2025Boundaries(int year) throws SQLException {
        provinces2025(year);
        return sameAs2025.getOrDefault(year, false);
    }

    /** The provinces of the 2025 boundaries with restated results in a year (none when mart_rates_2025 is empty). */
    public Map<String, Unit> provinces2025(int year) throws SQLException {
        Map<String, Unit> cached = provinces2025.get(year);
        if (cached != null) {
            return cached;
        }
        QueryResult r = queries.run("rates_2025", Map.of("year", year, "unit", "VN"));
        Map<String, Unit> out = new LinkedHashMap<>();
        for (int i = 0; i < r.size(); i++) {
            if (r.string(i, "level").equals("national")) {
                sameAs2025.put(year, "same_boundaries".equals(r.string(i, "restatement")));
            }
            if (r.string(i, "level").equals("province")) {
                out.put(r.string(i, "unit_code"), new Unit(PROVINCE_2025, r.string(i, "unit_code"), "VN", r.string(i, "name")));
            }
        }
        provinces2025.put(year, out);
        return out;
    }

    public String childLevel(String level) {
        return switch (level) {
            case "national" -> "region";
            case "region" -> "province";
            case "province" -> "district";
            default -> "commune";
        };
    }

    /** The tables of a page. */
    public List<Item> tables(Page p) {
        List<Item> out = new ArrayList<>();
        if (p.level().equals(PROVINCE_2025)) {
            out.add(new Item("rates_2025", "rates_2025", Map.of("year", p.year(), "unit", p.unit())));
            return out;
        }
        if (p.level().equals("national")) {
            out.add(new Item("province_overview", "province_overview", Map.of("year", p.year())));
            out.add(new Item("provinces_2025", "rates_2025", Map.of("year", p.year(), "unit", "VN")));
            out.add(new Item("diagnostics", "diagnostics", Map.of("year", p.year())));
        } else {
            Map<String, Object> params = new LinkedHashMap<>(p.params());
            params.put("subgroup", p.subgroup());
            out.add(new Item("rates_by_unit", "rates_by_unit", params));
        }
        out.add(new Item("yoy", "yoy_by_unit", p.params()));
        out.add(new Item("report_deprivation", "report_deprivation", p.params()));
        out.add(new Item("af_k", "af_by_k", p.params()));
        if (!p.level().equals("national")) {
            out.add(new Item("recheck", "recheck_by_unit", p.params()));
        }
        return out;
    }

    /** The charts of a page, in the order they are shown. */
    public List<Item> charts(Page p) {
        List<Item> out = new ArrayList<>();
        if (p.level().equals(PROVINCE_2025)) {
            return out; // a table and a map: the charts are those of the year's own boundaries
        }
        for (String id : CHARTS) {
            out.add(chartItem(p, id));
        }
        return out;
    }

    public Item chartItem(Page p, String id) {
        Map<String, Object> params = new LinkedHashMap<>(p.params());
        String query = switch (id) {
            case "rates_by_unit" -> {
                params.put("subgroup", chartSubgroup(p));
                yield "rates_by_unit";
            }
            case "rates_series" -> {
                params.remove("year");
                yield "rates_series";
            }
            case "deprivation_heatmap" -> "deprivation_by_unit";
            case "deprivation_contribution" -> "deprivation_contribution";
            case "movements_poor", "movements_near_poor" -> {
                params.put("group", id.equals("movements_poor") ? "poor" : "near_poor");
                yield "movements";
            }
            case "score_distribution" -> {
                Rulebook rb = rulebooks.forYear(p.year());
                params.put("rural_threshold", rb.bands(false).nearPoorMax());
                params.put("urban_threshold", rb.bands(true).nearPoorMax());
                yield "score_distribution";
            }
            default -> throw new IllegalArgumentException("no chart named '" + id + "'");
        };
        return new Item(id, query, params);
    }

    /**
     * The subgroup of the rates-by-unit chart: the page's when it has rates (area: a household total to divide by),
     * else every household (a chart of rates that do not exist would be empty bars).
     */
    static String chartSubgroup(Page p) {
        return vn.rasoat.rules.Breakdowns.hasTotals(p.subgroup()) ? p.subgroup() : "all";
    }

    public QueryResult result(Item item) throws SQLException {
        return queries.run(item.query(), item.params());
    }

    /** Draws a chart of a page from its query's result. */
    public JFreeChart chart(Page p, Item item, QueryResult r) throws SQLException {
        String name = name(p);
        return switch (item.id()) {
            case "rates_by_unit" -> Charts.ratesByUnit(r, labels, p.year(), chartSubgroup(p).equals("all") ? name
                    : name + " — " + labels.subgroup(chartSubgroup(p)));
            case "rates_series" -> Charts.ratesSeries(r, labels, name);
            case "deprivation_heatmap" -> Charts.deprivationHeatmap(r, labels, p.year());
            case "deprivation_contribution" -> Charts.deprivationContribution(r, labels, p.year());
            case "movements_poor", "movements_near_poor" ->
                    Charts.movements(r, labels, (String) item.params().get("group"), p.year(), name);
            case "score_distribution" -> Charts.scoreDistribution(r, labels, p.year(), name,
                    (Integer) item.params().get("rural_threshold"), (Integer) item.params().get("urban_threshold"));
            default -> throw new IllegalArgumentException("no chart named '" + item.id() + "'");
        };
    }

    /** Chart size in pixels: tall enough for one bar per unit. */
    public static int[] size(String chartId, int rows) {
        return switch (chartId) {
            case "rates_by_unit", "deprivation_contribution" -> new int[]{900, Math.max(360, Math.min(2400, 120 + 26 * rows))};
            case "deprivation_heatmap" -> new int[]{900, Math.max(380, Math.min(2400, 220 + 2 * rows))};
            default -> new int[]{900, 420};
        };
    }
}
