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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard server: filters work; injection strings, traversal, other methods and oversized requests are refused. */
class DashboardServerTest extends SampleDashboards {
    private static DashboardSession session;
    private static DashboardServer server;

    @BeforeAll
    static void start() throws Exception {
        session = openSample("vi");
        server = new DashboardServer(session.dashboard(), "127.0.0.1", 0, 2);
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
        assertEquals(400, get("/?standard=2016_2020&year=2023").status());
        assertEquals(400, get("/?district=903&province=01").status());
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
    void listensOnLoopbackByDefault() {
        assertTrue(server.address().startsWith("127.0.0.1:"), server.address());
    }
}
