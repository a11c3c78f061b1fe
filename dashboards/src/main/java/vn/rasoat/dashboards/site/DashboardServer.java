package vn.rasoat.dashboards.site;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jfree.chart.JFreeChart;
import vn.rasoat.dashboards.charts.ChartFiles;
import vn.rasoat.dashboards.query.ParamType;
import vn.rasoat.dashboards.query.QueryResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard over HTTP, on 127.0.0.1 by default. Only GET and HEAD; a fixed set of routes matched on the raw
 * path (nothing is ever read from the file system); every parameter checked against its type and against the
 * units and years the warehouse has before it is bound to a named query; bounded request sizes. Filters: year,
 * province, district and standard.
 */
public final class DashboardServer implements AutoCloseable {
    public static final int MAX_URI = 2048;
    public static final int MAX_PARAMS = 8;
    private static final Pattern CHART = Pattern.compile("/chart/([a-z_]{1,40})\\.(png|svg)");
    private static final Pattern TABLE = Pattern.compile("/table/([a-z_]{1,40})\\.(csv|xlsx)");
    private static final Pattern STANDARD = Pattern.compile("[0-9]{4}_[0-9]{4}");

    private final Dashboard dashboard;
    private final HttpServer server;
    private final ExecutorService pool;
    private final PageRenderer renderer;

    /** A client error: status and a plain message. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    static final class ServerLinks implements PageRenderer.Links {
        @Override
        public String page(String level, String unit, int year) {
            return switch (level) {
                case "province" -> "/?year=" + year + "&province=" + unit;
                case "district" -> "/?year=" + year + "&district=" + unit;
                default -> "/?year=" + year;
            };
        }

        @Override
        public String chart(Dashboard.Page p, String chartId, String ext) {
            return "/chart/" + chartId + "." + ext + pageQuery(p);
        }

        @Override
        public String table(Dashboard.Page p, String tableId, String ext) {
            return "/table/" + tableId + "." + ext + pageQuery(p);
        }

        @Override
        public String stylesheet() {
            return "/style.css";
        }

        private static String pageQuery(Dashboard.Page p) {
            return "?year=" + p.year() + "&level=" + p.level() + "&unit=" + URLEncoder.encode(p.unit(), StandardCharsets.UTF_8);
        }
    }

    public DashboardServer(Dashboard dashboard, String bind, int port, int threads) throws IOException {
        System.setProperty("sun.net.httpserver.maxReqHeaders", "64");
        System.setProperty("sun.net.httpserver.maxReqTime", "30");
        this.dashboard = dashboard;
        this.renderer = new PageRenderer(dashboard, new ServerLinks());
        this.server = HttpServer.create(new InetSocketAddress(bind, port), 32);
        this.pool = Executors.newFixedThreadPool(threads);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String address() {
        return server.getAddress().getHostString() + ":" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (Refused r) {
                send(ex, r.status, "text/plain; charset=utf-8", (r.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                send(ex, 400, "text/plain; charset=utf-8", (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (SQLException | RuntimeException e) {
                System.err.println("serve: " + ex.getRequestURI().getRawPath() + ": " + e);
                send(ex, 500, "text/plain; charset=utf-8", "internal error\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void route(HttpExchange ex) throws Refused, IOException, SQLException {
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            throw new Refused(405, "only GET and HEAD");
        }
        String rawUri = ex.getRequestURI().toString();
        if (rawUri.length() > MAX_URI) {
            throw new Refused(414, "request URI longer than " + MAX_URI + " characters");
        }
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if ((length != null && !length.equals("0")) || ex.getRequestHeaders().containsKey("Transfer-Encoding")) {
            throw new Refused(413, "a request body is not accepted");
        }
        try (InputStream in = ex.getRequestBody()) {
            if (in.read() != -1) {
                throw new Refused(413, "a request body is not accepted");
            }
        }
        String path = ex.getRequestURI().getRawPath();
        Map<String, String> q = parseQuery(ex.getRequestURI().getRawQuery());
        if (path.equals("/")) {
            allow(q, Set.of("year", "province", "district", "standard"));
            Selection s = select(q);
            String html = renderer.render(s.page, PageRenderer.filterForm(dashboard.labels(), dashboard.years(),
                    dashboard.unitsAt(s.page.year(), "province", null),
                    dashboard.unitsAt(s.page.year(), "district", s.province), s.page, s.standard));
            ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; img-src 'self'; style-src 'self'; form-action 'self'");
            send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.equals("/style.css")) {
            allow(q, Set.of());
            send(ex, 200, "text/css; charset=utf-8", PageRenderer.CSS.getBytes(StandardCharsets.UTF_8));
            return;
        }
        Matcher chart = CHART.matcher(path);
        if (chart.matches()) {
            allow(q, Set.of("year", "level", "unit"));
            Dashboard.Page p = page(q);
            if (!Dashboard.CHARTS.contains(chart.group(1))) {
                throw new Refused(404, "no chart named " + chart.group(1));
            }
            Dashboard.Item item = dashboard.chartItem(p, chart.group(1));
            QueryResult r = dashboard.result(item);
            JFreeChart c = dashboard.chart(p, item, r);
            int[] size = Dashboard.size(item.id(), r.size());
            if (chart.group(2).equals("png")) {
                send(ex, 200, "image/png", ChartFiles.png(c, size[0], size[1]));
            } else {
                send(ex, 200, "image/svg+xml", ChartFiles.svg(c, size[0], size[1]).getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        Matcher table = TABLE.matcher(path);
        if (table.matches()) {
            allow(q, Set.of("year", "level", "unit"));
            Dashboard.Page p = page(q);
            Dashboard.Item item = dashboard.tables(p).stream().filter(t -> t.id().equals(table.group(1))).findFirst()
                    .orElseThrow(() -> new Refused(404, "no table named " + table.group(1) + " on this page"));
            QueryResult r = dashboard.result(item);
            ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + p.id() + "-" + item.id() + "."
                    + table.group(2) + "\"");
            if (table.group(2).equals("csv")) {
                send(ex, 200, "text/csv; charset=utf-8", TableFiles.csv(r));
            } else {
                send(ex, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        TableFiles.xlsx(r, dashboard.labels(), dashboard.name(p) + " " + p.year()));
            }
            return;
        }
        throw new Refused(404, "not found");
    }

    private record Selection(Dashboard.Page page, String province, String standard) {
    }

    /** The page the filters select, every value checked against what the warehouse has. */
    private Selection select(Map<String, String> q) throws Refused, SQLException {
        Map<Integer, String> years = dashboard.years();
        if (years.isEmpty()) {
            throw new Refused(404, "the warehouse has no annual review results");
        }
        String standard = q.get("standard");
        if (standard != null && (!STANDARD.matcher(standard).matches() || !years.containsValue(standard))) {
            throw new Refused(400, "standard: not one of " + years.values().stream().distinct().toList());
        }
        Integer given = q.containsKey("year") ? (Integer) ParamType.INT.check("year", q.get("year")) : null;
        final int year = given != null ? given : years.entrySet().stream().filter(e -> standard == null || e.getValue().equals(standard))
                    .map(Map.Entry::getKey).max(Integer::compare).orElseThrow();
        if (!years.containsKey(year)) {
            throw new Refused(400, "year: no annual review results for " + year + " (years: " + years.keySet() + ")");
        }
        if (standard != null && !years.get(year).equals(standard)) {
            throw new Refused(400, "year " + year + " was reviewed under " + years.get(year) + ", not " + standard);
        }
        String province = q.get("province");
        String district = q.get("district");
        if (province != null) {
            ParamType.CODE.check("province", province);
            if (dashboard.unit(year, "province", province).isEmpty()) {
                throw new Refused(400, "province: no results for " + province + " in " + year);
            }
        }
        if (district != null) {
            ParamType.CODE.check("district", district);
            Dashboard.Unit d = dashboard.unit(year, "district", district)
                    .orElseThrow(() -> new Refused(400, "district: no results for " + district + " in " + year));
            if (province != null && !province.equals(d.parent())) {
                throw new Refused(400, "district " + district + " is not in province " + province);
            }
            return new Selection(new Dashboard.Page("district", district, year), d.parent(), standard);
        }
        if (province != null) {
            return new Selection(new Dashboard.Page("province", province, year), province, standard);
        }
        return new Selection(new Dashboard.Page("national", "VN", year), null, standard);
    }

    /** The page named by year, level and unit, checked. */
    private Dashboard.Page page(Map<String, String> q) throws Refused, SQLException {
        for (String k : List.of("year", "level", "unit")) {
            if (!q.containsKey(k)) {
                throw new Refused(400, "parameter " + k + " is missing");
            }
        }
        int year = (Integer) ParamType.INT.check("year", q.get("year"));
        String level = (String) ParamType.LEVEL.check("level", q.get("level"));
        String unit = (String) ParamType.CODE.check("unit", q.get("unit"));
        if (!dashboard.years().containsKey(year)) {
            throw new Refused(400, "year: no annual review results for " + year);
        }
        boolean known = switch (level) {
            case "national" -> unit.equals("VN");
            case "province", "district" -> dashboard.unit(year, level, unit).isPresent();
            default -> false;
        };
        if (!known) {
            throw new Refused(400, "no " + level + " page for " + unit + " in " + year);
        }
        return new Dashboard.Page(level, unit, year);
    }

    private static void allow(Map<String, String> q, Set<String> allowed) throws Refused {
        for (String k : q.keySet()) {
            if (!allowed.contains(k)) {
                throw new Refused(400, "unknown parameter '" + k.replaceAll("[^A-Za-z0-9_]", "?") + "' (allowed: "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    /** Strict query-string parsing: UTF-8, no repeated or empty names, at most MAX_PARAMS; empty values dropped. */
    static Map<String, String> parseQuery(String raw) throws Refused {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        String[] pairs = raw.split("&", -1);
        Set<String> seen = new java.util.HashSet<>();
        if (pairs.length > MAX_PARAMS) {
            throw new Refused(400, "too many parameters");
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!k.matches("[a-z_]{1,20}")) {
                throw new Refused(400, "bad parameter name");
            }
            if (!seen.add(k)) {
                throw new Refused(400, "parameter " + k + " given twice");
            }
            if (!v.isEmpty()) {
                out.put(k, v);
            }
        }
        return out;
    }

    private static String decode(String s) throws Refused {
        try {
            String d = URLDecoder.decode(s, StandardCharsets.UTF_8);
            StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(java.nio.CharBuffer.wrap(d));
            return d;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new Refused(400, "malformed query string");
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
