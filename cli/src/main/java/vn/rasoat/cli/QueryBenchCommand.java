package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.dashboards.site.Dashboard;
import vn.rasoat.dashboards.site.DashboardSession;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "query-bench", mixinStandardHelpOptions = true,
        description = {"Benchmark (not a test): the latency of every dashboard query, as the pages run them, on a warehouse.",
                "Runs each table and chart query of the national page and of sampled province, district and 2025-province pages,",
                "then every other named query of the API (/api/query/<name>), repeatedly, and prints p50, p95 and max in",
                "milliseconds per query (target: p95 at most 100 ms on a national warehouse); then the page weight of the national",
                "page and of a 2025-province page: HTML and every script it loads, gzip-compressed (target: national ≤ 2 MB).",
                "Example: rasoat query-bench --warehouse data/national --iterations 20 --json bench-data/queries.json"})
public final class QueryBenchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--year", description = "Review year (default: the latest).")
    Integer year;

    @Option(names = "--iterations", defaultValue = "20", description = "Timed runs per query and page (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--pages", defaultValue = "3", description = "Province pages and district pages sampled (default: ${DEFAULT-VALUE} each).")
    int pages;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        try (DashboardSession s = DashboardSession.open(common.source(), warehouse.path(), "vi")) {
            Map<String, long[]> figures = run(s.dashboard(), year, iterations, pages);
            System.out.printf("%-26s %6s %9s %9s %9s%n", "query", "runs", "p50 ms", "p95 ms", "max ms");
            StringBuilder j = new StringBuilder("{\n  \"warehouse\": \"" + warehouse.path().replace("\"", "") + "\",\n  \"queries\": [");
            boolean first = true;
            for (Map.Entry<String, long[]> e : figures.entrySet()) {
                long[] ns = e.getValue();
                double p50 = percentile(ns, 50) / 1e6;
                double p95 = percentile(ns, 95) / 1e6;
                double max = ns[ns.length - 1] / 1e6;
                System.out.printf("%-26s %6d %9.1f %9.1f %9.1f%s%n", e.getKey(), ns.length, p50, p95, max,
                        p95 > 100 ? "  over 100 ms" : "");
                j.append(first ? "" : ",").append(String.format(java.util.Locale.ROOT,
                        "\n    {\"query\": \"%s\", \"runs\": %d, \"p50_ms\": %.2f, \"p95_ms\": %.2f, \"max_ms\": %.2f}",
                        e.getKey(), ns.length, p50, p95, max));
                first = false;
            }
            j.append("\n  ]");
            // what a browser downloads for a page: its HTML and every script it loads (ECharts, the maps' code and
            // boundaries, the table script), gzip-compressed as the server sends them
            int y = year != null ? year : s.dashboard().years().keySet().stream().max(Integer::compare).orElseThrow();
            List<Dashboard.Page> weighed = new ArrayList<>(List.of(new Dashboard.Page("national", "VN", y)));
            s.dashboard().provinces2025(y).keySet().stream().findFirst()
                    .ifPresent(c -> weighed.add(new Dashboard.Page(Dashboard.PROVINCE_2025, c, y)));
            System.out.printf("%npage weight, gzip (HTML + scripts + data + boundaries; target: national page ≤ 2 MB)%n");
            j.append(",\n  \"page_weight_gzip_bytes\": {");
            first = true;
            for (Dashboard.Page p : weighed) {
                long[] w = pageWeight(s.dashboard(), p);
                System.out.printf("%-26s %,10d bytes (HTML %,d; scripts %,d)%s%n", p.id(), w[0] + w[1], w[0], w[1],
                        p.level().equals("national") && w[0] + w[1] > 2_000_000 ? "  over 2 MB" : "");
                j.append(first ? "" : ",").append("\"").append(p.id()).append("\": ").append(w[0] + w[1]);
                first = false;
            }
            j.append("}\n}\n");
            if (json != null) {
                if (json.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(json.toAbsolutePath().getParent());
                }
                Files.writeString(json, j, StandardCharsets.UTF_8);
                System.out.println("wrote " + json);
            }
        }
        return 0;
    }

    /** Sorted latencies in nanoseconds per query name. */
    public static Map<String, long[]> run(Dashboard d, Integer year, int iterations, int pages) throws Exception {
        int y = year != null ? year : d.years().keySet().stream().max(Integer::compare).orElseThrow();
        List<Dashboard.Page> sample = new ArrayList<>();
        sample.add(new Dashboard.Page("national", "VN", y));
        d.unitsAt(y, "province", null).stream().limit(pages).forEach(u -> sample.add(new Dashboard.Page("province", u.code(), y)));
        d.unitsAt(y, "district", null).stream().limit(pages).forEach(u -> sample.add(new Dashboard.Page("district", u.code(), y)));
        d.provinces2025(y).keySet().stream().limit(pages).forEach(c -> sample.add(new Dashboard.Page(Dashboard.PROVINCE_2025, c, y)));
        Map<String, List<Long>> times = new LinkedHashMap<>();
        for (Dashboard.Page p : sample) {
            List<Dashboard.Item> items = new ArrayList<>(d.tables(p));
            items.addAll(d.charts(p));
            for (Dashboard.Item item : items) {
                d.result(item); // warm-up: DuckDB's file metadata cache, the JIT
                for (int i = 0; i < iterations; i++) {
                    long t0 = System.nanoTime();
                    d.result(item);
                    times.computeIfAbsent(item.query(), k -> new ArrayList<>()).add(System.nanoTime() - t0);
                }
            }
        }
        // every other named query of the API (/api/query/<name>), with parameters of the sampled units
        String province = d.unitsAt(y, "province", null).stream().map(Dashboard.Unit::code).findFirst().orElse("VN");
        int first = d.years().keySet().stream().min(Integer::compare).orElse(y);
        for (String name : vn.rasoat.dashboards.query.NamedQuery.names()) {
            if (times.containsKey(name)) {
                continue;
            }
            Map<String, Object> params = new LinkedHashMap<>();
            vn.rasoat.dashboards.query.NamedQuery.load(name).params().forEach((param, type) -> params.put(param, switch (type) {
                case INT -> param.equals("from_year") ? first : param.endsWith("threshold") ? 150 : param.equals("min_households") ? 20 : y;
                case LEVEL -> "province";
                case CODE -> province;
                case GROUP -> "poor";
                case NUM -> 0;
                case SUBGROUP -> "area.rural";
            }));
            d.queries().run(name, params);
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                d.queries().run(name, params);
                times.computeIfAbsent(name, k -> new ArrayList<>()).add(System.nanoTime() - t0);
            }
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        times.forEach((k, v) -> {
            long[] a = v.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(a);
            out.put(k, a);
        });
        return out;
    }

    /** A page's HTML and the scripts it loads, each gzip-compressed: {html, scripts} in bytes. */
    public static long[] pageWeight(Dashboard d, Dashboard.Page p) throws Exception {
        String html = new vn.rasoat.dashboards.site.PageRenderer(d, new vn.rasoat.dashboards.site.DashboardServer.ServerLinks())
                .render(p, "");
        long scripts = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<script src=\"/assets/([^\"]+)\"").matcher(html);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (m.find()) {
            if (seen.add(m.group(1))) {
                scripts += gzipped(d.assets().get(m.group(1)));
            }
        }
        return new long[]{gzipped(html.getBytes(StandardCharsets.UTF_8)), scripts};
    }

    private static long gzipped(byte[] bytes) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.size();
    }

    /** Nearest-rank percentile of sorted values. */
    public static long percentile(long[] sorted, int pct) {
        int rank = (int) Math.ceil(pct / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
