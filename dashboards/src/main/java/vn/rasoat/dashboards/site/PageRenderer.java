package vn.rasoat.dashboards.site;

import vn.rasoat.dashboards.charts.Labels;
import vn.rasoat.dashboards.query.QueryResult;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Renders a dashboard page as HTML; where its links point is up to the caller (static files or the server). */
public final class PageRenderer {
    /** Where a page's links go. */
    public interface Links {
        String page(String level, String unit, int year);

        String chart(Dashboard.Page page, String chartId, String ext);

        String table(Dashboard.Page page, String tableId, String ext);

        String stylesheet();

        /** A script of {@link SiteAssets}. */
        String asset(String name);
    }

    /** The map's classes of the poor-household rate (%), lowest first, on a sequential palette. */
    static final List<Map<String, Object>> MAP_BREAKS = List.of(
            Map.of("lt", 1, "color", "#fee5d9"), Map.of("gte", 1, "lt", 2, "color", "#fcbba1"),
            Map.of("gte", 2, "lt", 5, "color", "#fc9272"), Map.of("gte", 5, "lt", 10, "color", "#fb6a4a"),
            Map.of("gte", 10, "lt", 20, "color", "#de2d26"), Map.of("gte", 20, "color", "#a50f15"));
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    public static final String CSS = """
            body{font-family:"DejaVu Sans",Arial,sans-serif;margin:1.5em;color:#222;max-width:1100px}
            h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
            th,td{border:1px solid #ccc;padding:3px 6px}th{background:#f0f0f0}td.n{text-align:right}
            nav,form,.dl,.ver,.langs{font-size:.9em;margin:.4em 0}.ver{color:#666}
            img{max-width:100%;border:1px solid #eee;margin:.5em 0}
            .map{width:100%;height:640px;border:1px solid #eee}.note{font-size:.8em;color:#555}
            .maps{display:flex;flex-wrap:wrap;gap:0 16px}.mapbox{flex:1 1 480px;min-width:0}
            .trend{width:100%;height:340px;border:1px solid #eee}.heatmap{width:100%;border:1px solid #eee}
            thead th{position:sticky;top:0;z-index:1}td a{white-space:nowrap}
            th button.sort{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;color:inherit;text-align:left}
            th button.sort::after{content:" \\2195" / "";color:#999;font-weight:normal}
            th[aria-sort=ascending] button.sort::after{content:" \\25B2" / "";color:#222}
            th[aria-sort=descending] button.sort::after{content:" \\25BC" / "";color:#222}
            .error{border:1px solid #e0b4b4;background:#fff6f6;padding:.8em 1em;max-width:720px}
            @page{size:A4;margin:14mm 12mm}
            @media print{
            body{margin:0;max-width:none;font-size:9.5pt}
            nav,form,.dl,.langs,th button.sort::after{display:none}
            h1{font-size:14pt;margin:0 0 .4em}h2{font-size:11pt;margin-top:1em;break-after:avoid}
            table{font-size:8pt;width:100%}tr,figure,img,.map,.trend,.heatmap{break-inside:avoid}thead{display:table-header-group}
            thead th{position:static}th{background:#eee;-webkit-print-color-adjust:exact;print-color-adjust:exact}
            .map{height:430px;width:100%;overflow:hidden}figure{display:inline-block;width:49%;margin:0 0 .2em;vertical-align:top}
            img{width:100%;max-height:8.5cm;object-fit:contain;margin:0;border:0}
            a{color:inherit;text-decoration:none}
            }
            """;

    private final Dashboard dashboard;
    private final Links links;

    public PageRenderer(Dashboard dashboard, Links links) {
        this.dashboard = dashboard;
        this.links = links;
    }

    /** The whole page; {@code filters} is HTML put under the heading (the server's filter form), may be empty. */
    public String render(Dashboard.Page p, String filters) throws SQLException {
        Labels l = dashboard.labels();
        StringBuilder b = new StringBuilder();
        String name = dashboard.name(p);
        b.append("<!DOCTYPE html>\n<html lang=\"").append(l.lang()).append("\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(esc(name + " " + p.year() + " — rasoat")).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"").append(esc(links.stylesheet())).append("\"></head><body>\n");
        b.append("<nav>").append(breadcrumbs(p)).append("</nav>\n");
        b.append("<h1 id=\"title\">").append(esc(name)).append(" — ").append(esc(l.text("page.year"))).append(' ')
                .append(p.year()).append("</h1>\n");
        b.append(filters);
        String versions = null;
        StringBuilder tables = new StringBuilder();
        b.append("<div class=\"maps\">"); // the page's maps, side by side where the window is wide enough
        for (Dashboard.Item t : dashboard.tables(p)) {
            QueryResult r = dashboard.result(t);
            if (t.id().equals("province_overview")) {
                b.append(map(p, r)); // the national page: the map above the tables, from the same result
            }
            if (t.id().equals("provinces_2025") && !r.isEmpty()) {
                b.append(map2025(p, r, "map34", "map.title_34", SiteAssets.GEO_34, "province_code",
                        SiteAssets.PROVINCES_34, SiteAssets.ATTRIBUTION_34, "province"));
            }
            if (t.id().equals("rates_2025")) {
                b.append(p2025Note(p, r));
                b.append(map2025(p, r, "map", "map.title_communes", SiteAssets.GEO_COMMUNES, "commune_code",
                        SiteAssets.communes(p.unit()), SiteAssets.ATTRIBUTION_COMMUNES, "commune"));
            }
            if (versions == null && !r.isEmpty() && r.columns().contains("rulebook_version")) {
                versions = l.text("page.versions", r.string(0, "rulebook_version"), r.string(0, "input_version"));
            }
            tables.append("<h2>").append(esc(tableTitle(p, t))).append("</h2>\n");
            if (t.id().equals("provinces_2025") && r.isEmpty()) {
                // a warehouse whose marts predate mart_rates_2025: said, with the command that builds it
                tables.append("<p class=\"note\" id=\"provinces_2025-none\">").append(esc(l.text("page.provinces_2025_none", p.year())))
                        .append("</p>\n");
                continue;
            }
            if (t.id().equals("recheck") && r.isEmpty()) {
                // no re-check of the year: said in words, not an empty table
                tables.append("<p class=\"note\" id=\"recheck-none\">").append(esc(l.text("page.recheck_none", p.year())))
                        .append("</p>\n");
                continue;
            }
            if (t.id().equals("rates_by_unit") && !p.subgroup().equals("all")) {
                // a subgroup's own households have no total to divide by except by area: counts, no rates
                boolean rates = vn.rasoat.rules.Breakdowns.hasTotals(p.subgroup());
                tables.append("<p class=\"note\" id=\"subgroup-note\">").append(esc(l.text(rates ? "page.subgroup_rates"
                        : "page.subgroup_counts", l.subgroup(p.subgroup())))).append("</p>\n");
            }
            tables.append("<p class=\"dl\">").append(esc(l.text("page.download"))).append(": <a href=\"")
                    .append(esc(links.table(p, t.id(), "csv"))).append("\">CSV</a> · <a href=\"")
                    .append(esc(links.table(p, t.id(), "xlsx"))).append("\">XLSX</a></p>\n");
            tables.append(table(p, t, r));
            if (t.id().equals("yoy") && !r.isEmpty()) {
                tables.append(yoyAccuracy(p, r));
            }
        }
        b.append("</div>\n");
        boolean trend = !p.level().equals(Dashboard.PROVINCE_2025);
        if (trend) {
            b.append(trend(p));
        }
        List<Dashboard.Item> charts = dashboard.charts(p);
        boolean heatmap = charts.stream().anyMatch(c -> c.id().equals(HEATMAP));
        if (heatmap) {
            b.append(heatmap(p));
        }
        b.append(tables);
        if (!charts.isEmpty()) {
            b.append("<h2>").append(esc(l.text("page.charts"))).append("</h2>\n");
        }
        for (Dashboard.Item c : charts) {
            if (c.id().equals(HEATMAP)) {
                continue; // drawn interactively above, its SVG and PNG linked there
            }
            b.append("<figure><a href=\"").append(esc(links.chart(p, c.id(), "svg"))).append("\"><img class=\"chart\" id=\"chart-")
                    .append(c.id()).append("\" alt=\"").append(esc(c.id())).append("\" src=\"")
                    .append(esc(links.chart(p, c.id(), "png"))).append("\"></a></figure>\n");
        }
        if (versions != null) {
            b.append("<p class=\"ver\">").append(esc(versions)).append("</p>\n");
        }
        boolean maps = b.indexOf("class=\"map\" data-block=") >= 0;
        if (maps || trend || heatmap) {
            b.append("<script src=\"").append(esc(links.asset(SiteAssets.ECHARTS))).append("\"></script>\n");
            b.append("<script src=\"").append(esc(links.asset(SiteAssets.FORMAT))).append("\"></script>\n");
        }
        if (maps) {
            b.append("<script src=\"").append(esc(links.asset(SiteAssets.MAP))).append("\"></script>\n");
        }
        if (trend) {
            b.append("<script src=\"").append(esc(links.asset(SiteAssets.TREND))).append("\"></script>\n");
        }
        if (heatmap) {
            b.append("<script src=\"").append(esc(links.asset(SiteAssets.HEATMAP))).append("\"></script>\n");
        }
        b.append("<script src=\"").append(esc(links.asset(SiteAssets.TABLE))).append("\"></script>\n");
        b.append("</body></html>\n");
        return b.toString();
    }

    /**
     * The national page's choropleth of the provinces' poor-household rates (ECharts, {@link SiteAssets#MAP}), for a
     * year whose provinces are all in the 63-province geometry; otherwise a line saying the map is not available (the
     * 34-province map needs results restated into the 2025 boundaries). The page carries its data as a JSON block; the script draws it.
     */
    String map(Dashboard.Page p, QueryResult r) throws SQLException {
        Labels l = dashboard.labels();
        if (dashboard.in2025Boundaries(p.year())) {
            // the year's provinces are the 34 of 2025: their codes are old codes too, but not their territory
            return "<p class=\"note\" id=\"map-unavailable\">" + esc(l.text("map.unavailable", p.year())) + "</p>\n";
        }
        java.util.List<Map<String, Object>> units = new java.util.ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            if (!"province".equals(r.string(i, "level"))) {
                continue;
            }
            String code = r.string(i, "unit_code");
            if (!dashboard.assets().provinces63().contains(code)) {
                // a province of the 34-province system: said on the page, not silently left out
                return "<p class=\"note\" id=\"map-unavailable\">" + esc(l.text("map.unavailable", p.year())) + "</p>\n";
            }
            Map<String, Object> u = unitJson(r, i, code);
            u.put("href", links.page("province", code, p.year()));
            units.add(u);
        }
        return mapSection(p, "map", l.text("map.title"), l.text("map.note", SiteAssets.ATTRIBUTION_63), SiteAssets.GEO_63,
                "province_code", SiteAssets.PROVINCES_63, units);
    }

    /**
     * What a page of the 2025 boundaries holds: the year's results as they are (a year already in these boundaries)
     * or restated, with how many communes were split (estimated) and the households left unallocated.
     */
    private String p2025Note(Dashboard.Page p, QueryResult r) {
        Labels l = dashboard.labels();
        long split = 0;
        long unallocated = 0;
        boolean same = false;
        for (int i = 0; i < r.size(); i++) {
            same |= "same_boundaries".equals(r.string(i, "restatement"));
            if (!"commune".equals(r.string(i, "level"))) {
                continue;
            }
            if (vn.rasoat.marts.Restatement.UNALLOCATED.equals(r.string(i, "unit_code"))) {
                unallocated += r.whole(i, "reviewed_households") + r.whole(i, "not_scored_households");
            } else if (r.get(i, "split_communes") instanceof Number n && n.longValue() > 0) {
                split++;
            }
        }
        String text = same ? l.text("page.restated_note_same", p.year())
                : split == 0 ? l.text("page.restated_note_whole", p.year())
                : l.text("page.restated_note", p.year(), l.number(split));
        if (unallocated > 0) {
            text += " " + l.text("page.restated_unallocated", l.number(unallocated));
        }
        return "<p class=\"note\" id=\"restated-note\">" + esc(text) + "</p>\n";
    }

    /**
     * A choropleth of the 2025 boundaries from a mart_rates_2025 result: the 34 provinces (each linked to its commune
     * page) or one province's communes. Units of the boundaries without results are hatched; the tooltip says when a
     * unit's counts are partly allocated by census shares.
     */
    String map2025(Dashboard.Page p, QueryResult r, String id, String titleKey, String geo, String key, String asset,
                   String attribution, String level) {
        Labels l = dashboard.labels();
        java.util.List<Map<String, Object>> units = new java.util.ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            if (!level.equals(r.string(i, "level"))) {
                continue;
            }
            String code = r.string(i, "unit_code");
            Map<String, Object> u = unitJson(r, i, code);
            u.put("split", r.get(i, "split_communes") instanceof Number n && n.longValue() > 0);
            u.put("incomplete", Boolean.TRUE.equals(r.get(i, "incomplete")));
            if (level.equals("province")) {
                u.put("href", links.page(Dashboard.PROVINCE_2025, code, p.year()));
            }
            units.add(u);
        }
        return mapSection(p, id, l.text(titleKey), l.text("map.note_2025", attribution), geo, key, asset, units);
    }

    private static Map<String, Object> unitJson(QueryResult r, int i, String code) {
        Map<String, Object> u = new java.util.LinkedHashMap<>();
        u.put("code", code);
        u.put("name", r.string(i, "name"));
        return ratesJson(r, i, u);
    }

    /** A row's rates, counts and households (the rates' denominator), as the maps and the trend read them. */
    private static Map<String, Object> ratesJson(QueryResult r, int i, Map<String, Object> u) {
        u.put("poor_rate", r.get(i, "poor_rate_pct"));
        u.put("near_poor_rate", r.get(i, "near_poor_rate_pct"));
        u.put("poor", r.get(i, "poor_households"));
        u.put("near_poor", r.get(i, "near_poor_households"));
        u.put("households", r.get(i, "households_total"));
        return u;
    }

    /** A map's heading, its box, its note and its data block; ECharts, the boundaries and map.js load once per page. */
    private String mapSection(Dashboard.Page p, String id, String title, String note, String geo, String key,
                              String geoAsset, java.util.List<Map<String, Object>> units) {
        Labels l = dashboard.labels();
        Map<String, Object> labels = new java.util.LinkedHashMap<>();
        for (String k : List.of("legend", "nodata", "poor_rate", "near_poor_rate", "poor", "near_poor", "households",
                "split", "incomplete")) {
            labels.put(k, l.text("map." + k));
        }
        labels.put("title", title);
        labels.put("denominator", l.text("map.denominator", p.year()));
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("year", p.year());
        data.put("geo", geo);
        data.put("key", key);
        marks(l, data);
        data.put("labels", labels);
        data.put("breaks", MAP_BREAKS);
        data.put("units", units);
        String json = json(data);
        return "<section class=\"mapbox\"><h2>" + esc(title) + "</h2>\n<div id=\"" + id + "\" class=\"map\" data-block=\"" + id + "-data\"></div>\n"
                + "<p class=\"note\">" + esc(note) + "</p>\n"
                + "<script type=\"application/json\" id=\"" + id + "-data\">" + json + "</script>\n"
                + "<script src=\"" + esc(links.asset(geoAsset)) + "\"></script></section>\n";
    }

    /**
     * The unit's poor and near-poor rates in every review year as an interactive line chart (ECharts,
     * {@link SiteAssets#TREND}), each change of standard marked; the page carries the rows as a JSON block.
     */
    private String trend(Dashboard.Page p) throws SQLException {
        Labels l = dashboard.labels();
        QueryResult r = dashboard.result(dashboard.chartItem(p, "rates_series"));
        java.util.List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("year", r.get(i, "year"));
            row.put("standard", r.string(i, "standard"));
            ratesJson(r, i, row).put("incomplete", Boolean.TRUE.equals(r.get(i, "incomplete")));
            // the year rescored under the latest standard (mart_rates_harmonised), with the indicators it lacks
            row.put("harmonised_as", r.string(i, "harmonised_as"));
            row.put("harmonised_poor_rate", r.get(i, "harmonised_poor_rate_pct"));
            row.put("harmonised_near_poor_rate", r.get(i, "harmonised_near_poor_rate_pct"));
            String underivable = r.string(i, "underivable_indicators");
            row.put("underivable", underivable == null || underivable.isBlank() ? null
                    : java.util.Arrays.stream(underivable.split(",")).map(String::trim).map(l::indicator)
                    .collect(java.util.stream.Collectors.joining(", ")));
            rows.add(row);
        }
        Map<String, Object> labels = new java.util.LinkedHashMap<>();
        labels.put("title", l.text("trend.title"));
        labels.put("change", l.text("trend.change"));
        labels.put("standard", l.text("page.standard"));
        labels.put("poor_rate", l.text("map.poor_rate"));
        labels.put("near_poor_rate", l.text("map.near_poor_rate"));
        labels.put("households", l.text("map.households"));
        labels.put("incomplete", l.text("map.incomplete"));
        labels.put("harmonised", l.text("trend.harmonised"));
        labels.put("underivable", l.text("trend.underivable"));
        // the harmonised series is drawn when some year of another standard was rescored under the latest one
        boolean harmonised = rows.stream().anyMatch(row -> row.get("harmonised_as") != null
                && !row.get("harmonised_as").equals(row.get("standard")) && row.get("harmonised_poor_rate") != null);
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("harmonised", harmonised);
        marks(l, data);
        data.put("labels", labels);
        data.put("rows", rows);
        return "<h2>" + esc(l.text("trend.title")) + "</h2>\n<div id=\"trend\" class=\"trend\"></div>\n"
                + "<p class=\"note\">" + esc(l.text("trend.note"))
                + (harmonised ? " " + esc(l.text("trend.harmonised_note")) : "") + "</p>\n"
                + "<script type=\"application/json\" id=\"trend-data\">" + json(data) + "</script>\n";
    }

    private static final String HEATMAP = "deprivation_heatmap";

    /**
     * The share of households deprived in each indicator for each unit one level below the page's (an ECharts heat
     * map, {@link SiteAssets#HEATMAP}, on a sequential palette), indicators in the rulebook's order; a unit with a
     * page of its own links to it. The same data as the chart's SVG and PNG, which are linked under it.
     */
    private String heatmap(Dashboard.Page p) throws SQLException {
        Labels l = dashboard.labels();
        Dashboard.Item item = dashboard.chartItem(p, HEATMAP);
        QueryResult r = dashboard.result(item);
        String title = l.text("chart." + HEATMAP, p.year());
        StringBuilder out = new StringBuilder("<h2>").append(esc(title)).append("</h2>\n");
        if (r.isEmpty()) {
            return out.append("<p class=\"note\" id=\"heatmap-none\">").append(esc(l.text("heatmap.none", p.year())))
                    .append("</p>\n").toString();
        }
        List<String> order = new java.util.ArrayList<>();
        for (vn.rasoat.rules.Indicator i : dashboard.rulebooks().forYear(p.year()).indicators()) {
            order.add(i.code());
        }
        r.column("indicator").stream().map(Object::toString).distinct().sorted()
                .filter(c -> !order.contains(c)).forEach(order::add);
        List<String> present = order.stream().filter(c -> r.column("indicator").contains(c)).toList();
        List<String> unitCodes = new java.util.ArrayList<>();
        List<Map<String, Object>> units = new java.util.ArrayList<>();
        String child = dashboard.childLevel(p.level());
        List<List<Object>> cells = new java.util.ArrayList<>();
        double max = 0;
        for (int i = 0; i < r.size(); i++) {
            String code = r.string(i, "unit_code");
            if (!unitCodes.contains(code)) {
                unitCodes.add(code);
                Map<String, Object> u = new java.util.LinkedHashMap<>();
                u.put("code", code);
                u.put("name", r.string(i, "name"));
                boolean page = (child.equals("province") || child.equals("district"))
                        && dashboard.unit(p.year(), child, code).isPresent();
                u.put("href", page ? links.page(child, code, p.year()) : null);
                units.add(u);
            }
            Double share = r.number(i, "deprived_share_pct");
            max = Math.max(max, share == null ? 0 : share);
            List<Object> cell = new java.util.ArrayList<>();
            cell.add(present.indexOf(r.string(i, "indicator")));
            cell.add(unitCodes.indexOf(code));
            cell.add(share);
            cell.add(r.get(i, "deprived_households"));
            cell.add(r.get(i, "households"));
            cells.add(cell);
        }
        Map<String, Object> labels = new java.util.LinkedHashMap<>();
        labels.put("title", title);
        labels.put("share", l.text("heatmap.share"));
        labels.put("deprived", l.text("heatmap.deprived"));
        labels.put("households", l.text("heatmap.households"));
        labels.put("nodata", l.text("heatmap.nodata"));
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        marks(l, data);
        data.put("labels", labels);
        data.put("max", Math.max(10, Math.ceil(max / 10) * 10));
        data.put("indicators", present.stream().map(c -> Map.of("code", c, "name", l.indicator(c))).toList());
        // two units of one name (a commune renamed into its neighbour's name) are told apart by their codes
        Map<Object, Long> names = units.stream().collect(java.util.stream.Collectors.groupingBy(u -> u.get("name"),
                java.util.stream.Collectors.counting()));
        units.forEach(u -> {
            if (names.get(u.get("name")) > 1) {
                u.put("name", u.get("name") + " (" + u.get("code") + ")");
            }
        });
        data.put("units", units);
        data.put("cells", cells);
        data.put("height", Math.max(320, Math.min(2400, 170 + 24 * units.size()))); // set by the script (no inline style: CSP)
        return out.append("<div id=\"heatmap\" class=\"heatmap\"></div>\n")
                .append("<p class=\"note\">").append(esc(l.text("heatmap.note"))).append(" ").append(esc(l.text("page.download")))
                .append(": <a href=\"").append(esc(links.chart(p, HEATMAP, "svg"))).append("\">SVG</a> · <a href=\"")
                .append(esc(links.chart(p, HEATMAP, "png"))).append("\">PNG</a></p>\n")
                .append("<script type=\"application/json\" id=\"heatmap-data\">").append(json(data)).append("</script>\n")
                .toString();
    }

    /** The decimal and thousands marks the pages' scripts write numbers with (format.js): vi-VN 1.234,56, en 1,234.56. */
    private static void marks(Labels l, Map<String, Object> data) {
        data.put("decimal", l.lang().equals("vi") ? "," : ".");
        data.put("thousands", l.lang().equals("vi") ? "." : ",");
    }

    private static String json(Object data) {
        try {
            return JSON.writeValueAsString(data).replace("</", "<\\/");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String breadcrumbs(Dashboard.Page p) throws SQLException {
        Labels l = dashboard.labels();
        StringBuilder b = new StringBuilder("<a href=\"").append(esc(links.page("national", "VN", p.year()))).append("\">")
                .append(esc(l.text("level.national"))).append("</a>");
        if (p.level().equals("district")) {
            String province = dashboard.unit(p.year(), "district", p.unit()).map(Dashboard.Unit::parent).orElse(null);
            if (province != null) {
                b.append(" › <a href=\"").append(esc(links.page("province", province, p.year()))).append("\">")
                        .append(esc(dashboard.name(new Dashboard.Page("province", province, p.year())))).append("</a>");
            }
        }
        if (p.level().equals(Dashboard.PROVINCE_2025)) {
            b.append(" › <a href=\"").append(esc(links.page("national", "VN", p.year()))).append("#map34\">")
                    .append(esc(l.text("page.boundaries_2025"))).append("</a>");
        }
        if (!p.level().equals("national")) {
            b.append(" › <span aria-current=\"page\">").append(esc(dashboard.name(p))).append("</span>");
        }
        return b.toString();
    }

    private String tableTitle(Dashboard.Page p, Dashboard.Item t) {
        Labels l = dashboard.labels();
        return switch (t.id()) {
            case "province_overview" -> l.text("page.provinces");
            case "provinces_2025" -> l.text("page.provinces_2025");
            case "rates_2025" -> l.text("page.communes_2025");
            case "rates_by_unit" -> l.text(p.level().equals("province") ? "page.districts" : "page.communes")
                    + (p.subgroup().equals("all") ? "" : " — " + l.subgroup(p.subgroup()));
            case "diagnostics" -> l.text("page.diagnostics");
            case "yoy" -> l.text("page.yoy");
            case "af_k" -> l.text("page.af_k");
            case "recheck" -> l.text("page.recheck");
            default -> l.text("page.deprivation");
        };
    }

    /** The table, unit names linked to their pages where there is one; version columns left to the footer. */
    private String table(Dashboard.Page p, Dashboard.Item t, QueryResult r) {
        Labels l = dashboard.labels();
        List<String> shown = r.columns().stream()
                .filter(c -> !List.of("rulebook_version", "input_version", "parent_poor_rate_pct",
                        "parent_near_poor_rate_pct", "restatement").contains(c)).toList();
        StringBuilder b = new StringBuilder("<table class=\"sortable\" id=\"table-").append(t.id()).append("\"><thead><tr>");
        for (String c : shown) {
            b.append("<th>").append(esc(l.column(c))).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        String linkLevel = switch (t.id()) {
            case "province_overview" -> "province";
            case "rates_by_unit" -> p.level().equals("province") ? "district" : null;
            case "provinces_2025" -> Dashboard.PROVINCE_2025;
            default -> null;
        };
        // the rows a name links from: rows of that level (a 2025 province's rows are at level province)
        String rowLevel = Dashboard.PROVINCE_2025.equals(linkLevel) ? "province" : linkLevel;
        for (int i = 0; i < r.size(); i++) {
            b.append("<tr>");
            for (String c : shown) {
                Object v = r.get(i, c);
                boolean num = v instanceof Number;
                // a number carries its exact value for sorting (the text is formatted for reading)
                boolean finite = !(v instanceof Double d && !Double.isFinite(d)) && !(v instanceof Float f && !Float.isFinite(f));
                b.append(!num ? "<td>" : !finite ? "<td class=\"n\">" : "<td class=\"n\" data-v=\"" + esc(v instanceof java.math.BigDecimal d
                        ? d.toPlainString() : String.valueOf(v)) + "\">");
                String text = v instanceof Boolean bo ? l.bool(c, bo)
                        : c.equals("indicator") ? l.indicator(String.valueOf(v))
                        : c.equals("level") ? l.value("level", String.valueOf(v))
                        : c.endsWith("year") || c.endsWith("_code") ? String.valueOf(v)
                        : c.endsWith("p_value") ? l.pValue(v) : l.number(v);
                boolean link = c.equals("name") && linkLevel != null
                        && (!r.columns().contains("level") || rowLevel.equals(r.string(i, "level")));
                if (c.equals("name") && r.columns().contains("unit_code") && vn.rasoat.marts.Restatement.UNALLOCATED.equals(r.string(i, "unit_code"))) {
                    text = l.text("page.unallocated");
                }
                if (link) {
                    b.append("<a href=\"").append(esc(links.page(linkLevel, r.string(i, "unit_code"), p.year()))).append("\">")
                            .append(esc(text)).append("</a>");
                } else {
                    b.append(esc(text));
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
        // the note names the page's year: under a table of that year's units (not the year-over-year pairs)
        if (r.columns().contains("incomplete") && !t.id().equals("yoy")) {
            boolean any = false;
            for (int i = 0; i < r.size(); i++) {
                any |= Boolean.TRUE.equals(r.get(i, "incomplete"));
            }
            if (any) {
                b.append("<p class=\"incomplete\">").append(esc(l.text("note.incomplete", p.year()))).append("</p>\n");
            }
        }
        return b.toString();
    }

    /**
     * The page a person sees for a page that does not exist (an unknown year, unit or standard, a wrong address; HTTP
     * 404): in the dashboard's language, what is wrong ({@code reason}, or that there is no page at this address),
     * the technical detail, and a link back to the national page; never a stack trace.
     */
    public String notFoundPage(String reason, String detail, String home) {
        Labels l = dashboard.labels();
        String title = l.text("error.title.404");
        return "<!DOCTYPE html>\n<html lang=\"" + l.lang() + "\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + " — rasoat</title><link rel=\"stylesheet\" href=\"" + esc(links.stylesheet()) + "\"></head><body>\n"
                + "<h1 id=\"title\">" + esc(title) + "</h1>\n<div class=\"error\" id=\"error\"><p>"
                + esc(reason != null ? reason : l.text("error.path")) + "</p>\n"
                + "<p class=\"note\">" + esc(l.text("error.detail")) + " (HTTP 404): " + esc(detail) + "</p></div>\n"
                + "<p><a id=\"home\" href=\"" + esc(home) + "\">" + esc(l.text("error.back")) + "</a></p>\n</body></html>\n";
    }

    /**
     * Under the year-over-year table, what its changes' uncertainty is, as {@code rasoat compare} says it: the counts
     * are a census (no sampling error, and without a re-check no estimate of the review's own error); where both years
     * of a row have a re-check (phúc tra) of the unit, the change of the re-checked poor rate with its interval
     * ({@link vn.rasoat.dashboards.query.RecheckChange}).
     */
    private String yoyAccuracy(Dashboard.Page p, QueryResult yoy) throws SQLException {
        Labels l = dashboard.labels();
        Map<Integer, vn.rasoat.dashboards.query.RecheckChange.Rate> rechecked = new java.util.TreeMap<>();
        if (!p.level().equals("national")) {
            java.util.Set<Integer> years = new java.util.TreeSet<>();
            for (int i = 0; i < yoy.size(); i++) {
                years.add(((Number) yoy.get(i, "base_year")).intValue());
                years.add(((Number) yoy.get(i, "review_year")).intValue());
            }
            for (int y : years) {
                var rate = vn.rasoat.dashboards.query.RecheckChange.rate(dashboard.queries().run("recheck_by_unit",
                        Map.of("year", y, "level", p.level(), "unit", p.unit())), p.unit());
                if (rate != null) {
                    rechecked.put(y, rate);
                }
            }
        }
        if (rechecked.isEmpty()) {
            return "<p class=\"note\" id=\"yoy-census\">" + esc(l.text("page.yoy_census")) + "</p>\n";
        }
        StringBuilder b = new StringBuilder("<ul class=\"note\" id=\"yoy-recheck\">");
        for (int i = 0; i < yoy.size(); i++) {
            int from = ((Number) yoy.get(i, "base_year")).intValue();
            int to = ((Number) yoy.get(i, "review_year")).intValue();
            var c = new vn.rasoat.dashboards.query.RecheckChange(from, rechecked.get(from), to, rechecked.get(to));
            if (c.both()) {
                double d = c.change();
                double half = c.halfWidth();
                b.append("<li>").append(esc(l.text("page.yoy_recheck_change", from, to, signed(l, d),
                        l.number(Math.round(c.confidence() * 100)), signed(l, d - half), signed(l, d + half))
                        + (c.holdsZero() ? l.text("page.yoy_recheck_zero") : ""))).append("</li>");
            } else if (c.any()) {
                b.append("<li>").append(esc(l.text("page.yoy_recheck_one", from, to, c.from() != null ? from : to)))
                        .append("</li>");
            }
        }
        return b.append("</ul>\n").toString();
    }

    /** A change in points with its sign (+0,12; -0,3; 0). */
    private static String signed(Labels l, double v) {
        String s = l.number(v);
        return v > 0 && !s.equals(l.number(0.0)) ? "+" + s : s;
    }

    /** HTML-escapes text for element content and attribute values. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The year, province, district and standard filter form (server pages); {@code lang} is kept as a hidden field
     * when the page is not in the server's default language (null otherwise).
     */
    public static String filterForm(Labels l, Map<Integer, String> years, List<Dashboard.Unit> provinces,
                                    List<Dashboard.Unit> districts, Dashboard.Page p, String standard, String lang) {
        String subgroups = subgroupSelect(l, p);
        StringBuilder b = new StringBuilder("<form id=\"filters\" method=\"get\" action=\"/\">");
        if (lang != null) {
            b.append("<input type=\"hidden\" name=\"lang\" value=\"").append(esc(lang)).append("\">");
        }
        b.append("<label>").append(esc(l.text("page.standard"))).append(" <select name=\"standard\"><option value=\"\">")
                .append(esc(l.text("page.all"))).append("</option>");
        years.values().stream().distinct().forEach(s -> b.append("<option").append(s.equals(standard) ? " selected" : "")
                .append(">").append(esc(s)).append("</option>"));
        b.append("</select></label> <label>").append(esc(l.text("page.year"))).append(" <select name=\"year\">");
        years.forEach((y, s) -> {
            if (standard == null || standard.equals(s)) {
                b.append("<option").append(y == p.year() ? " selected" : "").append(">").append(y).append("</option>");
            }
        });
        if (p.level().equals(Dashboard.PROVINCE_2025)) {
            // a province of the 2025 boundaries: the year changes, the province stays (its code means another
            // territory in the 63-province lists)
            return b.append("</select></label><input type=\"hidden\" name=\"").append(Dashboard.PROVINCE_2025)
                    .append("\" value=\"").append(esc(p.unit())).append("\"> <button type=\"submit\">")
                    .append(esc(l.text("page.show"))).append("</button></form>\n").toString();
        }
        b.append("</select></label> <label>").append(esc(l.text("page.province"))).append(" <select name=\"province\"><option value=\"\">")
                .append(esc(l.text("page.all"))).append("</option>");
        String selProvince = p.level().equals("province") ? p.unit() : null;
        String selDistrict = p.level().equals("district") ? p.unit() : null;
        for (Dashboard.Unit u : provinces) {
            boolean sel = u.code().equals(selProvince) || (selDistrict != null && districts.stream()
                    .anyMatch(d -> d.code().equals(selDistrict) && u.code().equals(d.parent())));
            b.append("<option value=\"").append(esc(u.code())).append("\"").append(sel ? " selected" : "").append(">")
                    .append(esc(u.name())).append("</option>");
        }
        b.append("</select></label> <label>").append(esc(l.text("page.district"))).append(" <select name=\"district\"><option value=\"\">")
                .append(esc(l.text("page.all"))).append("</option>");
        for (Dashboard.Unit u : districts) {
            b.append("<option value=\"").append(esc(u.code())).append("\"").append(u.code().equals(selDistrict) ? " selected" : "")
                    .append(">").append(esc(u.name())).append("</option>");
        }
        return b.append("</select></label> ").append(subgroups).append("<button type=\"submit\">").append(esc(l.text("page.show")))
                .append("</button></form>\n").toString();
    }

    /** The subgroup selector of the table of units below (not on the national page: its table is the provinces'). */
    private static String subgroupSelect(Labels l, Dashboard.Page p) {
        if (!p.level().equals("province") && !p.level().equals("district")) {
            return "";
        }
        StringBuilder b = new StringBuilder("<label>").append(esc(l.text("page.subgroup"))).append(" <select name=\"subgroup\">");
        for (String s : vn.rasoat.rules.Breakdowns.subgroups()) {
            b.append("<option value=\"").append(s.equals("all") ? "" : esc(s)).append("\"")
                    .append(s.equals(p.subgroup()) ? " selected" : "").append(">").append(esc(l.subgroup(s))).append("</option>");
        }
        return b.append("</select></label> ").toString();
    }
}
