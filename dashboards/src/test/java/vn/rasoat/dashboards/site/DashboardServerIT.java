package vn.rasoat.dashboards.site;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.rasoat.dashboards.SampleDashboards;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard server: filters work; injection strings, traversal, other methods and oversized requests are refused. */
class DashboardServerIT extends SampleDashboards {
    private static DashboardSession session;
    private static DashboardServer server;

    @BeforeAll
    static void start() throws Exception {
        session = openSample("vi");
        server = new DashboardServer(session.dashboards(), session.publishedRun(), "127.0.0.1", 0, 8);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        session.close();
    }

    record Response(int status, String head, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Sends exactly this request line (no client-side normalisation of the path). */
    static Response raw(String method, String target, String extraHeaders, String body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            String req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extraHeaders
                    + (body == null ? "" : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n")
                    + "\r\n" + (body == null ? "" : body);
            out.write(req.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            byte[] bytes = all.toByteArray();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            String head = text.substring(0, split);
            int status = Integer.parseInt(head.split(" ")[1]);
            byte[] rest = java.util.Arrays.copyOfRange(bytes, split + 4, bytes.length);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                rest = dechunk(rest);
            }
            return new Response(status, head, rest);
        }
    }

    static Response get(String target) throws IOException {
        return raw("GET", target, "", null);
    }

    private static byte[] dechunk(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < b.length) {
            int eol = i;
            while (b[eol] != '\r') {
                eol++;
            }
            int n = Integer.parseInt(new String(b, i, eol - i, StandardCharsets.US_ASCII).trim(), 16);
            if (n == 0) {
                break;
            }
            out.write(b, eol + 2, n);
            i = eol + 2 + n + 2;
        }
        return out.toByteArray();
    }

    @Test
    void pagesFollowTheFilters() throws Exception {
        Response index = get("/");
        assertEquals(200, index.status());
        assertTrue(index.text().contains("Tỉnh Kiên Giang"), "the province is listed");
        assertTrue(index.text().contains("id=\"filters\""));
        assertTrue(index.text().contains("<td>Toàn quốc</td>") && !index.text().contains("<td>national</td>"),
                "levels in words");
        // what is shown: a number cell's data-v attribute (its exact value, for sorting) is not
        String shown = index.text().replaceAll(" data-v=\"[^\"]*\"", "");
        assertTrue(index.text().contains(" data-v=\"1.6186\">1,6186<"), "the sort value beside the shown text");
        assertFalse(java.util.regex.Pattern.compile("\\d[.,]\\d{6,}").matcher(shown).find(),
                "no number with more than four decimals (p-values, shares)");
        assertFalse(index.text().contains(">true<") || index.text().contains(">false<"), "no raw booleans");
        Response province = get("/?year=2022&province=91");
        assertEquals(200, province.status());
        assertTrue(province.text().contains("id=\"table-rates_by_unit\""));
        assertTrue(province.text().contains("Huyện Hòn Đất"));
        Response district = get("/?year=2023&province=91&district=899");
        assertEquals(200, district.status());
        assertTrue(district.text().contains("Phường Vĩnh Thanh Vân"), "a commune of Rạch Giá");
        Response standard = get("/?standard=2016_2020");
        assertEquals(200, standard.status());
        assertTrue(standard.text().contains("Năm rà soát 2021"), "the 2016-2020 standard selects 2021");
        // a page that does not exist: a page in Vietnamese that says why, with a link back, never a stack trace
        Response otherStandard = get("/?standard=2016_2020&year=2023");
        assertEquals(404, otherStandard.status());
        assertTrue(otherStandard.head().contains("text/html"), otherStandard.head());
        assertTrue(otherStandard.text().contains("Năm 2023 được rà soát theo chuẩn 2022_2025, không phải chuẩn 2016_2020."),
                otherStandard.text());
        for (String missing : List.of("/?district=903&province=01", "/?year=1999", "/?province=01", "/?standard=2027_2030",
                "/no/such/page")) {
            Response r = get(missing);
            assertEquals(404, r.status(), missing);
            assertTrue(r.text().contains("<h1 id=\"title\">Không tìm thấy trang</h1>"), missing + " → " + r.text());
            assertTrue(r.text().contains("<a id=\"home\" href=\"/\">Về trang toàn quốc</a>"), missing);
            assertFalse(r.text().contains("Exception") || r.text().contains("\tat "), missing);
        }
        assertTrue(get("/?year=1999").text().contains("Không có kết quả rà soát năm 1999. Các năm có kết quả: 2021, 2022, 2023."));
        assertTrue(get("/?province=01").text().contains("Không có kết quả của tỉnh mã 01 trong năm 2023."));
        Response png = get("/chart/rates_by_unit.png?year=2023&level=province&unit=91");
        assertEquals(200, png.status());
        assertEquals((byte) 0x89, png.body()[0]);
        Response csv = get("/table/rates_by_unit.csv?year=2023&level=province&unit=91");
        assertEquals(200, csv.status());
        assertTrue(csv.text().contains("unit_code,name,"));
        assertEquals(200, get("/table/rates_by_unit.xlsx?year=2023&level=province&unit=91").status());
        assertEquals(200, get("/chart/score_distribution.svg?year=2023&level=district&unit=903").status());
    }

    @Test
    void sqlInjectionStringsAreRefusedBeforeAnyQuery() throws Exception {
        List<String> attempts = List.of(
                "/?province=91%27%20OR%20%271%27%3D%271",
                "/?year=2023%3B%20DROP%20TABLE%20unit_names",
                "/?year=2023%20OR%201%3D1",
                "/?district=899%27--",
                "/?standard=2022_2025%27%20UNION%20SELECT%20*%20FROM%20fct_household_status--",
                "/chart/rates_by_unit.png?year=2023&level=province&unit=91%27%3B%20SELECT%201--",
                "/chart/rates_by_unit.png?year=2023&level=province%27%20OR%20%271&unit=91",
                "/table/rates_by_unit.csv?year=2023&level=province&unit=91)%20UNION%20SELECT%20name%20FROM%20unit_names--",
                "/table/rates_by_unit.csv?year=2023&level=province&unit=%00",
                "/?province=91&province=01");
        for (String a : attempts) {
            Response r = get(a);
            assertEquals(400, r.status(), a + " → " + r.text());
            assertFalse(r.text().contains("SQL") || r.text().contains("Exception"), a + " leaks: " + r.text());
        }
        // The tables are still there after the attempts.
        assertEquals(200, get("/?year=2023&province=91").status());
    }

    @Test
    void pathTraversalAndUnknownPathsAreRefused() throws Exception {
        List<String> attempts = List.of("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/chart/..%2F..%2Fetc%2Fpasswd.png",
                "/chart/../../../etc/passwd", "/style.css/../../etc/passwd", "/table/..%2f..%2fpom.xml.csv",
                "//etc/passwd", "/index.html", "/WEB-INF/web.xml", "/chart/rates_by_unit.gif?year=2023&level=province&unit=91");
        for (String a : attempts) {
            Response r = get(a);
            assertTrue(r.status() == 404 || r.status() == 400, a + " → " + r.status());
            assertFalse(r.text().contains("root:"), a);
        }
        assertEquals(404, get("/chart/no_such_chart.png?year=2023&level=province&unit=91").status());
    }

    @Test
    void otherMethodsBodiesAndOversizedRequestsAreRefused() throws Exception {
        Response post = raw("POST", "/", "", "year=2023");
        assertEquals(405, post.status());
        assertTrue(post.head().contains("Allow: GET, HEAD"));
        assertEquals(405, raw("PUT", "/style.css", "", "x").status());
        assertEquals(405, raw("DELETE", "/", "", null).status());
        assertEquals(413, raw("GET", "/", "", "a body").status());
        assertEquals(414, get("/?year=" + "9".repeat(DashboardServer.MAX_URI)).status());
        assertEquals(400, get("/?year=2023&unknown=1").status());
        assertEquals(400, get("/?a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9").status());
        assertEquals(400, get("/?year=%E0%A4%A").status());
        assertEquals(400, get("/chart/rates_by_unit.png?year=2023&level=province").status(), "a missing parameter");
        assertEquals(400, get("/chart/rates_by_unit.png?year=1999&level=province&unit=91").status(), "a year not reviewed");
        assertEquals(400, get("/chart/rates_by_unit.png?year=2023&level=province&unit=01").status(), "a unit not reviewed");
        Response head = raw("HEAD", "/", "", null);
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
    }

    @Test
    void theApiAnswersTheNamedQueriesAsJson() throws Exception {
        Response list = get("/api/queries");
        assertEquals(200, list.status());
        assertTrue(list.head().contains("application/json"), list.head());
        var queries = new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.body()).path("queries");
        assertEquals(vn.rasoat.dashboards.query.NamedQuery.names().size(), queries.size(), "every named query is listed");
        Response rates = get("/api/query/rates_by_unit?year=2023&level=province&unit=91");
        assertEquals(200, rates.status(), rates.text());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rates.body());
        assertEquals(session.publishedRun(), json.path("version").asText());
        int name = -1;
        for (int c = 0; c < json.path("columns").size(); c++) {
            if (json.path("columns").get(c).asText().equals("name")) {
                name = c;
            }
        }
        assertTrue(name >= 0, json.path("columns").toString());
        boolean hasHonDat = false;
        for (var row : json.path("rows")) {
            hasHonDat |= row.get(name).asText().equals("Huyện Hòn Đất");
        }
        assertTrue(hasHonDat, "the districts of province 91: " + rates.text());
        Response bad = get("/api/query/rates_by_unit?year=abc&level=province&unit=91");
        assertEquals(400, bad.status());
        assertFalse(bad.text().contains("Exception") || bad.text().contains("SQL"), bad.text());
        assertEquals(404, get("/api/query/no_such_query").status());
        assertEquals(400, get("/api/query/rates_by_unit?year=2023&level=province&unit=91&x=1").status());
    }

    @Test
    void dataCarriesAnETagOfThePublishedRunAndRevalidates() throws Exception {
        Response first = get("/?year=2023&province=91");
        String etag = first.head().lines().filter(l -> l.toLowerCase().startsWith("etag:")).findFirst()
                .orElseThrow(() -> new AssertionError("no ETag: " + first.head())).substring(5).trim();
        assertTrue(first.head().contains("Cache-Control: no-cache"), first.head());
        assertEquals(304, raw("GET", "/?year=2023&province=91", "If-None-Match: " + etag + "\r\n", null).status());
        assertEquals(200, raw("GET", "/?year=2022&province=91", "If-None-Match: " + etag + "\r\n", null).status(),
                "another page has another ETag");
        Response css = get("/style.css");
        assertTrue(css.head().contains("max-age=86400"), css.head());
        Response zipped = raw("GET", "/?year=2023&province=91", "Accept-Encoding: gzip\r\n", null);
        assertTrue(zipped.head().toLowerCase().contains("content-encoding: gzip"), zipped.head());
    }

    @Test
    void oversizedHeadersGet431AndMalformedRequestsAPlain400() throws Exception {
        Response big = raw("GET", "/", "X-Big: " + "a".repeat(100 * 1024) + "\r\n", null);
        assertEquals(431, big.status());
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertFalse(answer.contains("Exception") || answer.contains("org.eclipse") || answer.contains("at "), answer);
        }
        Response malformed = get("/?year=%zz");
        assertEquals(400, malformed.status());
        assertTrue(malformed.head().contains("text/plain"), malformed.head());
        assertFalse(malformed.text().contains("Exception"), malformed.text());
    }

    @Test
    void everyPageSwitchesToEnglishAndItsLinksStayThere() throws Exception {
        Response vi = get("/?year=2023&province=91");
        assertTrue(vi.text().contains("<html lang=\"vi\"") && vi.text().contains("Năm rà soát"), "Vietnamese by default");
        assertTrue(vi.text().contains("href=\"/?year=2023&amp;province=91&amp;lang=en\">English</a>"),
                "the switch keeps the page: " + vi.text().substring(0, Math.min(3000, vi.text().length())));
        Response en = get("/?year=2023&province=91&lang=en");
        assertEquals(200, en.status(), en.text());
        String html = en.text();
        assertTrue(html.contains("<html lang=\"en\"") && html.contains("Review year") && !html.contains("Năm rà soát"), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"lang\" value=\"en\">"), "the filter form keeps English");
        assertTrue(html.contains("href=\"/?year=2023&amp;province=91\">Tiếng Việt</a>"), "and links back");
        assertTrue(html.contains("/table/rates_by_unit.csv?year=2023&amp;level=province&amp;unit=91&amp;lang=en"),
                "tables and charts stay English");
        assertTrue(html.contains("?year=2023&amp;lang=en\">"), "the breadcrumb stays English");
        assertEquals(200, get("/chart/rates_by_unit.svg?year=2023&level=province&unit=91&lang=en").status());
        Response unknown = get("/?year=2023&lang=fr");
        assertEquals(400, unknown.status(), unknown.text());
        assertTrue(unknown.text().contains("lang: not one of [vi, en]"), unknown.text());
        Response missing = get("/?year=1999&lang=en");
        assertEquals(404, missing.status());
        assertTrue(missing.text().contains("<html lang=\"en\"") && missing.text().contains("href=\"/?lang=en\""),
                "the not-found page in English, linking home in English: " + missing.text());
        assertNotEquals(header(vi, "ETag"), header(get("/?year=2023&province=91&lang=en"), "ETag"));
        // scripts and the stylesheet are cached for a day: their addresses carry the build, so a new build is fetched
        java.util.regex.Matcher v = java.util.regex.Pattern.compile("/assets/trend\\.js\\?v=([0-9a-f]{16})").matcher(vi.text());
        assertTrue(v.find(), "a versioned script address");
        assertTrue(vi.text().contains("/style.css?v=" + v.group(1)));
        assertEquals(200, get("/assets/trend.js?v=" + v.group(1)).status());
    }

    @Test
    void theSubgroupSelectorChoosesTheHouseholdsOfTheUnitsBelow() throws Exception {
        Response rural = get("/?year=2023&province=91&subgroup=area.rural");
        assertEquals(200, rural.status(), rural.text());
        String html = rural.text();
        assertTrue(html.contains("<option value=\"area.rural\" selected>Khu vực: Nông thôn</option>"), "the selector keeps it");
        assertTrue(html.contains("— Khu vực: Nông thôn</h2>") && html.contains("id=\"subgroup-note\""), "the table says whose rates");
        assertTrue(html.contains("/table/rates_by_unit.csv?year=2023&amp;level=province&amp;unit=91&amp;subgroup=area.rural"),
                "its download is the table shown");
        Response csv = get("/table/rates_by_unit.csv?year=2023&level=province&unit=91&subgroup=area.rural");
        Response allCsv = get("/table/rates_by_unit.csv?year=2023&level=province&unit=91");
        assertEquals(200, csv.status());
        assertNotEquals(allCsv.text(), csv.text(), "the rural households' table is not every household's");
        assertTrue(csv.head().contains("filename=\"province-91-rates_by_unit-area.rural.csv\""), csv.head());
        assertEquals(400, get("/?year=2023&province=91&subgroup=area.suburb").status(), "an unknown subgroup");
        // the form keeps the subgroup when the reader goes back to the nation: every household there, not an error
        assertEquals(200, get("/?year=2023&subgroup=area.rural").status());
        assertEquals(200, get("/?year=2023&province2025=91&subgroup=area.rural").status());
        assertEquals(400, get("/table/province_overview.csv?year=2023&level=national&unit=VN&subgroup=area.rural").status(),
                "a table address is strict");
        assertEquals(200, get("/api/query/rates_by_unit?year=2023&level=province&unit=91&subgroup=ethnic_minority.yes").status());
        assertTrue(get("/api/queries").text().contains("\"defaults\":{\"subgroup\":\"all\"}"), "the API lists the default");
    }

    private static String header(Response r, String name) {
        for (String line : r.head().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith(name.toLowerCase(java.util.Locale.ROOT) + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    @Test
    void aYearWhoseProvincesAreNotTheSixtyThreeSaysThereIsNoMap() throws Exception {
        var r = new vn.rasoat.dashboards.query.QueryResult("province_overview", List.of("level", "unit_code", "name"),
                List.of("VARCHAR", "VARCHAR", "VARCHAR"), List.of(List.of("province", "99", "Tỉnh không có trong 63 tỉnh")));
        String html = new PageRenderer(session.dashboard(), new DashboardServer.ServerLinks())
                .map(new Dashboard.Page("national", "VN", 2026), r);
        assertTrue(html.contains("id=\"map-unavailable\"") && html.contains("2026"), html);
        assertFalse(html.contains("map-data"), "no map drawn");
    }

    @Test
    void aProvinceOfThe2025BoundariesHasItsPageWithItsOwnCommunesOnly() throws Exception {
        Response page = get("/?year=2023&province2025=91");
        assertEquals(200, page.status(), page.text());
        assertTrue(page.text().contains("id=\"table-rates_2025\"") && page.text().contains("Tỉnh An Giang (địa giới 2025)"),
                page.text());
        assertTrue(page.text().contains("/assets/" + SiteAssets.communes("91")), "its communes' boundaries");
        assertFalse(page.text().contains(SiteAssets.PROVINCES_63) || page.text().contains(SiteAssets.communes("01")),
                "no other boundaries");
        Response geo = get("/assets/" + SiteAssets.communes("91"));
        assertEquals(200, geo.status());
        assertTrue(geo.text().startsWith("window." + SiteAssets.GEO_COMMUNES + "="), geo.text().substring(0, 40));
        assertTrue(geo.text().length() < 500_000, "a province's communes weigh at most ~0.5 MB: " + geo.text().length());
        Response national = get("/?year=2023");
        assertTrue(national.text().contains("id=\"map34\"") && national.text().contains("province2025=91"),
                "the national page's 2025 map and table link the province");
        assertEquals(404, get("/?year=2023&province2025=01").status(), "Hà Nội has no results in the samples");
        assertEquals(400, get("/?year=2023&province2025=91&province=91").status());
        assertEquals(200, get("/table/rates_2025.csv?year=2023&level=province2025&unit=91").status());
        Response api = get("/api/query/rates_2025?year=2023&unit=VN");
        assertEquals(200, api.status(), api.text());
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(api.text());
        List<String> columns = new java.util.ArrayList<>();
        body.path("columns").forEach(c -> columns.add(c.asText()));
        var nationRow = body.path("rows").get(0);
        assertEquals("national", nationRow.get(columns.indexOf("level")).asText());
        assertEquals(524, nationRow.get(columns.indexOf("poor_households")).asLong(), "the API serves the restated mart");
        assertEquals(404, get("/chart/rates_series.png?year=2023&level=province2025&unit=91").status(),
                "a 2025-province page has no charts");
    }

    @Test
    void listensOnLoopbackByDefault() {
        assertTrue(server.address().startsWith("127.0.0.1:"), server.address());
    }
}
