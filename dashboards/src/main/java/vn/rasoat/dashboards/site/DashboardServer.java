package vn.rasoat.dashboards.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jfree.chart.JFreeChart;
import vn.rasoat.dashboards.charts.ChartFiles;
import vn.rasoat.dashboards.query.NamedQuery;
import vn.rasoat.dashboards.query.ParamType;
import vn.rasoat.dashboards.query.QueryResult;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard over HTTP (Jetty), on 127.0.0.1 by default. Only GET and HEAD; a fixed set of routes matched on the
 * raw path (nothing is ever read from the file system); every parameter checked against its type and against the
 * units and years the warehouse has before it is bound to a named query. Filters: year, province, district and
 * standard. {@code /api/queries} lists the named queries and their typed parameters; {@code /api/query/<name>}
 * runs one and answers JSON, so the pages and any other client read the same data.
 *
 * <p>Robustness: a bounded thread pool, and Jetty's non-blocking connections, so a client that sends its headers
 * slowly holds no thread; an idle timeout closes it; headers over {@value #MAX_HEADER_BYTES} bytes get 431; a
 * malformed request gets 400 with a plain message, never a stack trace or a class name. Responses are gzipped;
 * every data response carries an {@code ETag} made of the published marts' run and the request, so a client
 * revalidates ({@code If-None-Match} → 304) instead of downloading again; the stylesheet is cached for a day.
 * {@link #close()} stops gracefully: requests in progress finish (up to {@value #STOP_MILLIS} ms).
 */
public final class DashboardServer implements AutoCloseable {
    public static final int MAX_URI = 2048;
    public static final int MAX_PARAMS = 8;
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    public static final int IDLE_MILLIS = 10_000;
    public static final int STOP_MILLIS = 5_000;
    private static final Pattern API_QUERY = Pattern.compile("/api/query/([a-z_][a-z_0-9]{0,59})");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHART = Pattern.compile("/chart/([a-z_][a-z_0-9]{0,39})\\.(png|svg)");
    private static final Pattern TABLE = Pattern.compile("/table/([a-z_][a-z_0-9]{0,39})\\.(csv|xlsx)");
    private static final Pattern STANDARD = Pattern.compile("[0-9]{4}_[0-9]{4}");

    /** The dashboards by language, the default (the pages without {@code lang}) first. */
    private final Map<String, Lang> langs = new LinkedHashMap<>();
    private final Lang fallback;
    private final Server server;
    private final ServerConnector connector;
    /** What the data responses' ETags are made of: the published run of the marts this server reads. */
    private final String version;
    /**
     * And the server's own build: the time its code was built and the bytes of its stylesheet and scripts, so that
     * a browser holding pages of an older rasoat revalidates into the new ones (same marts, new pages).
     */
    private final String build;

    /**
     * A client error: status and a plain message; for a page (not the API, a chart, a table or an asset), what a
     * reader is told on the error page ({@code error.*} labels: key and values), or null for the status's own words.
     */
    static final class Refused extends Exception {
        final int status;
        final String labelKey;
        final Object[] labelArgs;

        Refused(int status, String message) {
            this(status, message, null);
        }

        Refused(int status, String message, String labelKey, Object... labelArgs) {
            super(message);
            this.status = status;
            this.labelKey = labelKey;
            this.labelArgs = labelArgs;
        }
    }

    /** Whether a path is a page a person opens (errors answered as an HTML page), not a machine's resource. */
    static boolean isPagePath(String path) {
        return !path.startsWith("/api/") && !path.startsWith("/assets/") && !path.startsWith("/chart/")
                && !path.startsWith("/table/") && !path.equals("/style.css");
    }

    /** A language the server answers in: its dashboard (labels) and the renderer whose links keep the language. */
    private record Lang(String code, Dashboard dashboard, PageRenderer renderer, ServerLinks links) {
    }

    /**
     * The server's addresses. A page in another language than the server's default carries {@code lang=<code>},
     * and so does every link on it (pages, charts, tables), so a reader stays in the language chosen.
     */
    public static final class ServerLinks implements PageRenderer.Links {
        /** "&lang=xx", or empty for the default language. */
        private final String lang;
        /** "?v=<build>" on the stylesheet and scripts (cached for a day: a new build has new addresses), or empty. */
        private final String assetVersion;

        /** The links of the default language. */
        public ServerLinks() {
            this(null, null);
        }

        /**
         * @param lang  a language other than the server's default, or null
         * @param build the server's build (see {@link DashboardServer#build}), or null
         */
        public ServerLinks(String lang, String build) {
            this.lang = lang == null ? "" : "&lang=" + lang;
            this.assetVersion = build == null ? "" : "?v=" + build;
        }

        /** The national page of the latest year. */
        String home() {
            return lang.isEmpty() ? "/" : "/?" + lang.substring(1);
        }

        @Override
        public String page(String level, String unit, int year) {
            return switch (level) {
                case "province" -> "/?year=" + year + "&province=" + unit;
                case "district" -> "/?year=" + year + "&district=" + unit;
                case Dashboard.PROVINCE_2025 -> "/?year=" + year + "&" + Dashboard.PROVINCE_2025 + "=" + unit;
                default -> "/?year=" + year;
            } + lang;
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
            return "/style.css" + assetVersion;
        }

        @Override
        public String asset(String name) {
            return "/assets/" + name + assetVersion;
        }

        private String pageQuery(Dashboard.Page p) {
            return "?year=" + p.year() + "&level=" + p.level() + "&unit=" + URLEncoder.encode(p.unit(), StandardCharsets.UTF_8)
                    + (p.subgroup().equals("all") ? "" : "&subgroup=" + p.subgroup()) + lang;
        }
    }

    /** A response: status, content type, body and extra headers. */
    private record Reply(int status, String type, byte[] body, Map<String, String> headers) {
        static Reply of(String type, byte[] body) {
            return new Reply(200, type, body, new LinkedHashMap<>());
        }

        static Reply text(int status, String message) {
            return new Reply(status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8),
                    new LinkedHashMap<>());
        }
    }

    /**
     * A server in one language.
     *
     * @param version the published run of the marts (ETags change when it does)
     * @param threads request threads (at least 8: Jetty's selectors and acceptors take some)
     */
    public DashboardServer(Dashboard dashboard, String version, String bind, int port, int threads) {
        this(List.of(dashboard), version, bind, port, threads);
    }

    /**
     * A server in several languages: the first dashboard's is the default, the others are chosen with
     * {@code ?lang=<code>} on any page, chart or table, and every page links to the others.
     */
    public DashboardServer(List<Dashboard> dashboards, String version, String bind, int port, int threads) {
        this.build = build(dashboards.get(0).assets());
        for (Dashboard d : dashboards) {
            String code = d.labels().lang();
            ServerLinks links = new ServerLinks(langs.isEmpty() ? null : code, build);
            if (langs.putIfAbsent(code, new Lang(code, d, new PageRenderer(d, links), links)) != null) {
                throw new IllegalArgumentException("two dashboards in " + code);
            }
        }
        this.fallback = langs.values().iterator().next();
        this.version = version;
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(8, threads), 4);
        pool.setName("rasoat-serve");
        this.server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_MILLIS);
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        GzipHandler gzip = new GzipHandler();
        gzip.setMinGzipSize(256);
        gzip.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                DashboardServer.this.handle(request, response, callback);
                return true;
            }
        });
        server.setHandler(gzip);
        server.setErrorHandler(new PlainErrors());
        server.setStopTimeout(STOP_MILLIS);
    }

    /** Jetty's own refusals (bad request line, headers too large, …): the status and its reason as plain text. */
    static final class PlainErrors extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Object given = request.getAttribute(ERROR_STATUS);
            int status = given instanceof Integer i ? i : response.getStatus();
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, ByteBuffer.wrap((status + " " + HttpStatus.getMessage(status) + "\n")
                    .getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    public void start() throws Exception {
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String address() {
        return connector.getHost() + ":" + port();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private void handle(Request request, Response response, Callback callback) {
        Reply reply;
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        // the ETag is known before anything is rendered (published run, request, language): revalidate first
        String match = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if ((method.equals("GET") || method.equals("HEAD")) && match != null
                && match.equals(etag(request))) {
            response.setStatus(304);
            response.getHeaders().put(HttpHeader.ETAG, etag(request));
            response.write(true, null, callback);
            return;
        }
        try {
            reply = route(request);
        } catch (Refused r) {
            reply = refusal(path, r, langOf(request));
            if (r.status == 405) {
                reply.headers().put("Allow", "GET, HEAD");
            }
        } catch (IllegalArgumentException e) {
            reply = Reply.text(400, e.getMessage());
        } catch (SQLException | IOException | RuntimeException e) {
            System.err.println("serve: " + path + ": " + e);
            reply = Reply.text(500, "internal error");
        }
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.type());
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        if (reply.status() != 200) {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        }
        reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        if (method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
        }
    }

    /**
     * A refusal: a page that does not exist (an unknown year, unit or standard, a wrong address) is an HTML page in the
     * dashboard's language with a link back; anything else (a malformed request, the API, a chart) plain text.
     */
    private Reply refusal(String path, Refused r, Lang lang) {
        if (!isPagePath(path) || r.status != 404) {
            return Reply.text(r.status, r.getMessage());
        }
        String reason = r.labelKey == null ? null : lang.dashboard().labels().text(r.labelKey, r.labelArgs);
        Reply page = new Reply(r.status, "text/html; charset=utf-8", lang.renderer().notFoundPage(reason, r.getMessage(),
                lang.links().home()).getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
        page.headers().put("Content-Security-Policy", "default-src 'self'; style-src 'self'");
        return page;
    }

    /** An ETag for a data response: the published run and the request (path and query), hashed. */
    private String etag(Request request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((version + "\n" + build + "\n" + request.getHttpURI().getPathQuery() + "\n" + fallback.code())
                    .getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(sha.digest(), 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The build identity of {@link #build}: the code's build time, the stylesheet and every script, hashed. */
    private static String build(SiteAssets assets) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            java.security.CodeSource code = DashboardServer.class.getProtectionDomain().getCodeSource();
            long built = code == null ? 0 : new java.io.File(code.getLocation().getPath()).lastModified();
            sha.update((built + "\n" + PageRenderer.CSS).getBytes(StandardCharsets.UTF_8));
            for (String name : assets.names()) {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update(assets.get(name));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A data response: revalidated by its ETag every time (the marts can be republished under the server). */
    private Reply data(Request request, String type, byte[] body) {
        Reply r = Reply.of(type, body);
        r.headers().put("ETag", etag(request));
        r.headers().put("Cache-Control", "no-cache");
        return r;
    }

    private Reply route(Request request) throws Refused, IOException, SQLException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new Refused(405, "only GET and HEAD");
        }
        String rawUri = request.getHttpURI().getPathQuery();
        if (rawUri.length() > MAX_URI) {
            throw new Refused(414, "request URI longer than " + MAX_URI + " characters");
        }
        String length = request.getHeaders().get(HttpHeader.CONTENT_LENGTH);
        if ((length != null && !length.equals("0")) || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            throw new Refused(413, "a request body is not accepted");
        }
        String path = request.getHttpURI().getPath();
        Map<String, String> q = parseQuery(request.getHttpURI().getQuery());
        Lang lang = fallback;
        if (isPagePath(path) || path.startsWith("/chart/") || path.startsWith("/table/")) {
            String given = q.remove("lang");
            if (given != null) {
                lang = langs.get(given);
                if (lang == null) {
                    throw new Refused(400, "lang: not one of " + langs.keySet());
                }
            }
        }
        Dashboard dashboard = lang.dashboard();
        if (path.equals("/")) {
            allow(q, Set.of("year", "province", "district", "standard", "subgroup", Dashboard.PROVINCE_2025));
            Selection s = select(dashboard, q);
            String html = lang.renderer().render(s.page, PageRenderer.filterForm(dashboard.labels(), dashboard.years(),
                    dashboard.unitsAt(s.page.year(), "province", null),
                    dashboard.unitsAt(s.page.year(), "district", s.province), s.page, s.standard,
                    lang == fallback ? null : lang.code()) + languages(request, lang));
            Reply r = data(request, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
            r.headers().put("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'");
            return r;
        }
        if (path.equals("/style.css")) {
            allow(q, Set.of("v"));
            Reply r = Reply.of("text/css; charset=utf-8", PageRenderer.CSS.getBytes(StandardCharsets.UTF_8));
            r.headers().put("Cache-Control", "public, max-age=86400");
            r.headers().put("ETag", etag(request));
            return r;
        }
        if (path.startsWith("/assets/")) {
            allow(q, Set.of("v"));
            byte[] asset = dashboard.assets().get(path.substring("/assets/".length()));
            if (asset == null) {
                throw new Refused(404, "not found");
            }
            Reply r = Reply.of("text/javascript; charset=utf-8", asset);
            r.headers().put("Cache-Control", "public, max-age=86400");
            r.headers().put("ETag", etag(request));
            return r;
        }
        if (path.equals("/api/queries")) {
            allow(q, Set.of());
            List<Map<String, Object>> list = new ArrayList<>();
            for (String name : NamedQuery.names()) {
                NamedQuery nq = dashboard.queries().query(name);
                Map<String, Object> params = new LinkedHashMap<>();
                nq.params().forEach((k, v) -> params.put(k, v.name().toLowerCase(java.util.Locale.ROOT)));
                list.add(Map.of("name", name, "title", nq.title(), "params", params, "defaults", nq.defaults(),
                        "url", "/api/query/" + name));
            }
            return data(request, "application/json; charset=utf-8", JSON.writeValueAsBytes(Map.of("queries", list)));
        }
        Matcher api = API_QUERY.matcher(path);
        if (api.matches()) {
            if (!NamedQuery.names().contains(api.group(1))) {
                throw new Refused(404, "no query named " + api.group(1) + " (see /api/queries)");
            }
            NamedQuery nq = dashboard.queries().query(api.group(1));
            allow(q, nq.params().keySet());
            QueryResult r = dashboard.queries().run(nq.name(), q);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", nq.name());
            body.put("version", version);
            body.put("columns", r.columns());
            body.put("types", r.types());
            body.put("rows", r.rows());
            return data(request, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
        }
        Matcher chart = CHART.matcher(path);
        if (chart.matches()) {
            allow(q, Set.of("year", "level", "unit", "subgroup"));
            Dashboard.Page p = page(dashboard, q);
            if (!Dashboard.CHARTS.contains(chart.group(1))) {
                throw new Refused(404, "no chart named " + chart.group(1));
            }
            if (dashboard.charts(p).stream().noneMatch(c -> c.id().equals(chart.group(1)))) {
                throw new Refused(404, "the " + p.level() + " page of " + p.unit() + " has no chart " + chart.group(1));
            }
            Dashboard.Item item = dashboard.chartItem(p, chart.group(1));
            QueryResult r = dashboard.result(item);
            JFreeChart c = dashboard.chart(p, item, r);
            int[] size = Dashboard.size(item.id(), r.size());
            if (chart.group(2).equals("png")) {
                return data(request, "image/png", ChartFiles.png(c, size[0], size[1]));
            }
            return data(request, "image/svg+xml", ChartFiles.svg(c, size[0], size[1]).getBytes(StandardCharsets.UTF_8));
        }
        Matcher table = TABLE.matcher(path);
        if (table.matches()) {
            allow(q, Set.of("year", "level", "unit", "subgroup"));
            Dashboard.Page p = page(dashboard, q);
            Dashboard.Item item = dashboard.tables(p).stream().filter(t -> t.id().equals(table.group(1))).findFirst()
                    .orElseThrow(() -> new Refused(404, "no table named " + table.group(1) + " on this page"));
            QueryResult r = dashboard.result(item);
            Reply reply = table.group(2).equals("csv") ? data(request, "text/csv; charset=utf-8", TableFiles.csv(r))
                    : data(request, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    TableFiles.xlsx(r, dashboard.labels(), dashboard.name(p) + " " + p.year()
                            + (item.params().containsKey("subgroup") && !p.subgroup().equals("all")
                            ? " — " + dashboard.labels().subgroup(p.subgroup()) : "")));
            reply.headers().put("Content-Disposition", "attachment; filename=\"" + p.id() + "-" + item.id()
                    + (item.params().containsKey("subgroup") && !p.subgroup().equals("all") ? "-" + p.subgroup() : "")
                    + "." + table.group(2) + "\"");
            return reply;
        }
        throw new Refused(404, "not found", "error.path");
    }

    /** The language a request asks for ({@code lang}), the default when it names none or one the server lacks. */
    private Lang langOf(Request request) {
        try {
            String given = parseQuery(request.getHttpURI().getQuery()).get("lang");
            return given != null && langs.containsKey(given) ? langs.get(given) : fallback;
        } catch (Refused e) {
            return fallback;
        }
    }

    /** The links to the same page in the server's other languages, each named in its own language. */
    private String languages(Request request, Lang current) {
        if (langs.size() < 2) {
            return "";
        }
        StringBuilder b = new StringBuilder("<p class=\"langs\">");
        String query = request.getHttpURI().getQuery();
        String rest = query == null ? "" : java.util.Arrays.stream(query.split("&"))
                .filter(kv -> !kv.startsWith("lang=") && !kv.equals("lang")).collect(java.util.stream.Collectors.joining("&"));
        for (Lang l : langs.values()) {
            if (l == current) {
                continue;
            }
            String q = l == fallback ? rest : (rest.isEmpty() ? "" : rest + "&") + "lang=" + l.code();
            b.append("<a lang=\"").append(l.code()).append("\" hreflang=\"").append(l.code()).append("\" href=\"")
                    .append(PageRenderer.esc("/" + (q.isEmpty() ? "" : "?" + q))).append("\">")
                    .append(PageRenderer.esc(l.dashboard().labels().text("page.language"))).append("</a> ");
        }
        return b.append("</p>\n").toString();
    }

    private record Selection(Dashboard.Page page, String province, String standard) {
    }

    /** The page the filters select, every value checked against what the warehouse has. */
    private Selection select(Dashboard dashboard, Map<String, String> q) throws Refused, SQLException {
        Map<Integer, String> years = dashboard.years();
        if (years.isEmpty()) {
            throw new Refused(404, "the warehouse has no annual review results", "error.empty");
        }
        String standard = q.get("standard");
        String standards = String.join(", ", new java.util.TreeSet<>(years.values()));
        String reviewed = String.join(", ", years.keySet().stream().map(String::valueOf).toList());
        if (standard != null && !STANDARD.matcher(standard).matches()) {
            throw new Refused(400, "standard: not one of " + years.values().stream().distinct().toList());
        }
        if (standard != null && !years.containsValue(standard)) {
            throw new Refused(404, "standard: not one of " + years.values().stream().distinct().toList(),
                    "error.standard", standard, standards);
        }
        Integer given = q.containsKey("year") ? (Integer) ParamType.INT.check("year", q.get("year")) : null;
        final int year = given != null ? given : years.entrySet().stream().filter(e -> standard == null || e.getValue().equals(standard))
                    .map(Map.Entry::getKey).max(Integer::compare).orElseThrow();
        if (!years.containsKey(year)) {
            throw new Refused(404, "year: no annual review results for " + year + " (years: " + years.keySet() + ")",
                    "error.year", year, reviewed);
        }
        if (standard != null && !years.get(year).equals(standard)) {
            throw new Refused(404, "year " + year + " was reviewed under " + years.get(year) + ", not " + standard,
                    "error.year_standard", year, years.get(year), standard);
        }
        String province = q.get("province");
        String district = q.get("district");
        String province2025 = q.get(Dashboard.PROVINCE_2025);
        if (province2025 != null) {
            ParamType.CODE.check(Dashboard.PROVINCE_2025, province2025);
            if (province != null || district != null) {
                throw new Refused(400, Dashboard.PROVINCE_2025 + " (a province of the 2025 boundaries) goes without province and district");
            }
            subgroup(q); // checked; the 2025-province pages show every household
            if (!dashboard.provinces2025(year).containsKey(province2025)) {
                throw new Refused(404, "province2025: no results restated into the 2025 boundaries for " + province2025
                        + " in " + year, "error.province", province2025, year);
            }
            return new Selection(new Dashboard.Page(Dashboard.PROVINCE_2025, province2025, year), null, standard);
        }
        if (province != null) {
            ParamType.CODE.check("province", province);
            if (dashboard.unit(year, "province", province).isEmpty()) {
                throw new Refused(404, "province: no results for " + province + " in " + year, "error.province", province, year);
            }
        }
        if (district != null) {
            ParamType.CODE.check("district", district);
            Dashboard.Unit d = dashboard.unit(year, "district", district)
                    .orElseThrow(() -> new Refused(404, "district: no results for " + district + " in " + year,
                            "error.district", district, year));
            if (province != null && !province.equals(d.parent())) {
                throw new Refused(404, "district " + district + " is not in province " + province,
                        "error.district_parent", district, province);
            }
            return new Selection(new Dashboard.Page("district", district, year, subgroup(q)), d.parent(), standard);
        }
        if (province != null) {
            return new Selection(new Dashboard.Page("province", province, year, subgroup(q)), province, standard);
        }
        // the filter form keeps a subgroup when the reader goes back to the nation: checked, then every household
        subgroup(q);
        return new Selection(new Dashboard.Page("national", "VN", year), null, standard);
    }

    /** The page named by year, level and unit, checked. */
    private Dashboard.Page page(Dashboard dashboard, Map<String, String> q) throws Refused, SQLException {
        for (String k : List.of("year", "level", "unit")) {
            if (!q.containsKey(k)) {
                throw new Refused(400, "parameter " + k + " is missing");
            }
        }
        int year = (Integer) ParamType.INT.check("year", q.get("year"));
        String level = Dashboard.PROVINCE_2025.equals(q.get("level")) ? Dashboard.PROVINCE_2025
                : (String) ParamType.LEVEL.check("level", q.get("level"));
        String unit = (String) ParamType.CODE.check("unit", q.get("unit"));
        if (!dashboard.years().containsKey(year)) {
            throw new Refused(400, "year: no annual review results for " + year);
        }
        boolean known = switch (level) {
            case "national" -> unit.equals("VN");
            case "province", "district" -> dashboard.unit(year, level, unit).isPresent();
            case Dashboard.PROVINCE_2025 -> dashboard.provinces2025(year).containsKey(unit);
            default -> false;
        };
        if (!known) {
            throw new Refused(400, "no " + level + " page for " + unit + " in " + year);
        }
        if (q.containsKey("subgroup") && !level.equals("province") && !level.equals("district")) {
            throw new Refused(400, "subgroup: only on a province or district page");
        }
        return new Dashboard.Page(level, unit, year, subgroup(q));
    }

    /** The subgroup a request names ({@code all} when none), checked. */
    private static String subgroup(Map<String, String> q) {
        String s = q.get("subgroup");
        return s == null ? "all" : (String) ParamType.SUBGROUP.check("subgroup", s);
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
            if (!k.matches("[a-z_][a-z_0-9]{0,19}")) {
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
}
