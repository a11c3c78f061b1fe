package vn.rasoat.dashboards.site;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.rasoat.dashboards.SampleDashboards;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server under abuse, on 127.0.0.1: clients that trickle their headers for 12 s (past the server's 10 s idle
 * timeout, which a trickle never reaches) hold no thread while a normal
 * request is answered in under a second; 100 requests at once all succeed.
 */
class ServerRobustnessIT extends SampleDashboards {
    private static DashboardSession session;
    private static DashboardServer server;

    @BeforeAll
    static void start() throws Exception {
        session = openSample("vi");
        server = new DashboardServer(session.dashboard(), session.publishedRun(), "127.0.0.1", 0, 16);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        session.close();
    }

    /**
     * Each test has its own client: a client's pool of keep-alive connections left idle by one test would be
     * closed by the server's idle timeout in the middle of the next, and a request sent on a connection the
     * server is closing at that instant fails ("header parser received no bytes") — a race of the test's
     * making, not the server's.
     */
    private static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<byte[]> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void fiftySlowClientsDoNotDelayANormalRequest() throws Exception {
        HttpClient client = client();
        get(client, "/?year=2023&province=91"); // warm: the first page renders its charts' fonts
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            long end = System.nanoTime() + 12_000_000_000L;
            long worst = 0;
            int answered = 0;
            int second = 0;
            while (System.nanoTime() < end) {
                for (Socket s : slow) { // one more header byte per client and second: never a complete request
                    OutputStream out = s.getOutputStream();
                    out.write("X-Slow: a\r\n".charAt(second % 11));
                    out.flush();
                }
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = get(client, "/api/query/rates_by_unit?year=2023&level=province&unit=91");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(200, r.statusCode());
                worst = Math.max(worst, ms);
                answered++;
                second++;
                Thread.sleep(Math.max(0, 1000 - ms));
            }
            assertTrue(answered >= 9, "answered " + answered + " requests in 12 s");
            assertTrue(worst < 1000, "the slowest normal request beside 50 slow clients took " + worst + " ms");
            System.out.println("50 trickling clients for 12 s: " + answered + " normal requests, slowest " + worst + " ms");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void aHundredConcurrentRequestsAllSucceed() throws Exception {
        List<String> paths = List.of("/?year=2023&province=91", "/api/query/rates_by_unit?year=2023&level=province&unit=91",
                "/style.css", "/chart/rates_by_unit.svg?year=2023&level=province&unit=91", "/api/queries");
        HttpClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Future<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String p = paths.get(i % paths.size());
                all.add(pool.submit(() -> get(client, p).statusCode()));
            }
            int ok = 0;
            for (Future<Integer> f : all) {
                ok += f.get() == 200 ? 1 : 0;
            }
            assertEquals(100, ok, "100 concurrent requests, all 200");
        } finally {
            pool.shutdownNow();
        }
    }
}
