package vn.rasoat.bench;

import vn.rasoat.cli.QueryBenchCommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one bench run, as Markdown and JSON, with the targets checked. */
final class BenchReport {
    private static final double TARGET_RUN_SECONDS = 600;
    private static final double TARGET_HEAP_BYTES = 8e9;
    private static final double TARGET_QUERY_MS = 200;
    private static final double TARGET_DUCKDB_RATIO = 2.0;

    private record Agreement(String dataset, boolean sparkEqualsDuckDb, boolean sparkEqualsLoop, boolean peerEqualsMartRates,
                             int rows, String national, String differences) {
    }

    private final double scale;
    private final long maxHeap;
    private final int cores;
    private final List<Meter.Figures> stages = new ArrayList<>();
    private final Map<String, Map<String, long[]>> queries = new LinkedHashMap<>();
    private final List<Agreement> agreements = new ArrayList<>();
    /** Per dataset: the marts' checksums, and those of the previous run on the same inputs (null on a first run). */
    private final Map<String, Map<String, String>[]> checksums = new java.util.LinkedHashMap<>();

    BenchReport(double scale, long maxHeap, int cores) {
        this.scale = scale;
        this.maxHeap = maxHeap;
        this.cores = cores;
    }

    void add(Meter.Figures f) {
        stages.add(f);
        System.out.printf(Locale.ROOT, "[bench] %-14s %-42s %8.1f s %,12d rows %,10.0f rows/s  heap %,6d MB  rss %,6d MB  out %,8d MB  %s%n",
                f.dataset(), f.stage(), f.seconds(), f.rows(), f.rowsPerSecond(), mb(f.peakHeapBytes()), mb(f.peakRssBytes()),
                mb(f.outputBytes()), f.note());
    }

    /** The national page's gzip weight per dataset: {HTML, scripts} in bytes. */
    private final Map<String, long[]> pageWeights = new LinkedHashMap<>();

    void pageWeight(String dataset, long[] htmlAndScripts) {
        pageWeights.put(dataset, htmlAndScripts);
    }

    void queries(String dataset, Map<String, long[]> q) {
        queries.put(dataset, q);
    }

    @SuppressWarnings("unchecked")
    void checksums(String dataset, Map<String, String> now, Map<String, String> before) {
        checksums.put(dataset, new Map[]{now, before});
    }

    void agreement(String dataset, boolean sd, boolean sl, boolean sm, int rows, String national, String differences) {
        agreements.add(new Agreement(dataset, sd, sl, sm, rows, national, differences));
    }

    private static long mb(long bytes) {
        return Math.round(bytes / 1048576.0);
    }

    private Meter.Figures find(String dataset, String stage) {
        return stages.stream().filter(f -> f.dataset().equals(dataset) && f.stage().equals(stage)).findFirst().orElse(null);
    }

    private List<String> datasets() {
        return stages.stream().map(Meter.Figures::dataset).distinct().toList();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# rasoat bench — scale %s (%s of national size)%n%n", scale,
                scale >= 1 ? "all" : String.format(Locale.ROOT, "%.3g %%", scale * 100)));
        sb.append(String.format(Locale.ROOT, "Machine: %d cores, JVM max heap %,d MB, Java %s. Spark local[*].%n%n",
                cores, mb(maxHeap), System.getProperty("java.version")));
        sb.append("| data | stage | wall s | rows | rows/s | peak heap MB | peak RSS MB | output MB | note |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Meter.Figures f : stages) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %,d | %,.0f | %,d | %,d | %,d | %s |%n", f.dataset(), f.stage(),
                    f.seconds(), f.rows(), f.rowsPerSecond(), mb(f.peakHeapBytes()), mb(f.peakRssBytes()), mb(f.outputBytes()),
                    f.note().replace("|", "/")));
        }
        sb.append("\n## Where the time goes (each step's time since the previous one, as the jobs report them)\n\n");
        for (Meter.Figures f : stages) {
            if (!f.steps().isEmpty()) {
                sb.append("- ").append(f.dataset()).append(", ").append(f.stage()).append(String.format(Locale.ROOT, " (%.1f s): ", f.seconds()))
                        .append(String.join("; ", f.steps())).append('\n');
            }
        }
        sb.append("\n## Scoring and rate aggregation: Spark against a DuckDB peer and a Java loop\n\n");
        for (String d : datasets()) {
            Meter.Figures s = find(d, "peer: Spark score + rates");
            Meter.Figures k = find(d, "peer: DuckDB score + rates");
            Meter.Figures j = find(d, "peer: Java loop, compute");
            if (s == null || k == null || j == null) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%s, %,d household-runs: Spark %.2f s, DuckDB %.2f s, Java loop %.2f s.%n%n",
                    d, s.rows(), s.seconds(), k.seconds(), j.seconds()));
            sb.append(String.format(Locale.ROOT, "- Spark / DuckDB = **%.2f×** (target ≤ %.0f×: %s)%n", s.seconds() / k.seconds(),
                    TARGET_DUCKDB_RATIO, s.seconds() / k.seconds() <= TARGET_DUCKDB_RATIO ? "met" : "not met"));
            sb.append(String.format(Locale.ROOT, "- Spark / Java loop = %.2f×; DuckDB / Java loop = %.2f×%n",
                    s.seconds() / j.seconds(), k.seconds() / j.seconds()));
        }
        for (Agreement a : agreements) {
            sb.append(String.format(Locale.ROOT, "- Same counts (%,d unit rows): Spark = DuckDB **%s**, Spark = Java loop **%s**, "
                            + "communes = mart_rates **%s**. National: %s%n", a.rows(), yes(a.sparkEqualsDuckDb()),
                    yes(a.sparkEqualsLoop()), yes(a.peerEqualsMartRates()), a.national()));
            if (!a.differences().isEmpty()) {
                sb.append("\n```\n").append(a.differences()).append("```\n");
            }
        }
        if (!checksums.isEmpty()) {
            sb.append("\n## The marts against the previous run on the same inputs (rasoat checksums)\n\n");
        }
        for (Map.Entry<String, Map<String, String>[]> e : checksums.entrySet()) {
            Map<String, String> now = e.getValue()[0];
            Map<String, String> before = e.getValue()[1];
            if (before == null) {
                sb.append(String.format(Locale.ROOT, "- %s: first run on these inputs: %d marts' checksums kept for the next run%n",
                        e.getKey(), now.size()));
                continue;
            }
            List<String> differ = new ArrayList<>();
            new java.util.TreeSet<>(java.util.stream.Stream.concat(now.keySet().stream(), before.keySet().stream()).toList())
                    .forEach(m -> {
                        if (!java.util.Objects.equals(now.get(m), before.get(m))) {
                            differ.add(m);
                        }
                    });
            sb.append(String.format(Locale.ROOT, "- %s: the same marts as the previous run: **%s** (%d marts compared)%s%n",
                    e.getKey(), yes(differ.isEmpty()), now.size(), differ.isEmpty() ? "" : "; different: " + differ));
        }
        sb.append("\n## Dashboard queries (p95 per query over the national page and sampled province and district pages)\n\n");
        for (Map.Entry<String, Map<String, long[]>> e : queries.entrySet()) {
            double worst = 0;
            String worstQ = "";
            List<String> cells = new ArrayList<>();
            for (Map.Entry<String, long[]> q : e.getValue().entrySet()) {
                double p95 = QueryBenchCommand.percentile(q.getValue(), 95) / 1e6;
                cells.add(String.format(Locale.ROOT, "%s %.1f", q.getKey(), p95));
                if (p95 > worst) {
                    worst = p95;
                    worstQ = q.getKey();
                }
            }
            sb.append(String.format(Locale.ROOT, "- %s: worst p95 %.1f ms (%s; target < %.0f ms: %s). All (ms): %s%n", e.getKey(), worst,
                    worstQ, TARGET_QUERY_MS, worst < TARGET_QUERY_MS ? "met" : "not met", String.join(", ", cells)));
            long[] w = pageWeights.get(e.getKey());
            if (w != null) {
                sb.append(String.format(Locale.ROOT, "- %s: the national page weighs %,d bytes gzip (HTML %,d, scripts with "
                        + "ECharts and the boundaries %,d; target ≤ 2,000,000: %s)%n", e.getKey(), w[0] + w[1], w[0], w[1],
                        w[0] + w[1] <= 2_000_000 ? "met" : "not met"));
            }
        }
        sb.append("\n## Targets (they apply at national scale, 1.0)\n\n");
        for (String d : datasets()) {
            double run = 0;
            long heap = 0;
            for (String st : List.of("ingest", "score", "marts")) {
                Meter.Figures f = find(d, st);
                if (f != null) {
                    run += f.seconds();
                    heap = Math.max(heap, f.peakHeapBytes());
                }
            }
            sb.append(String.format(Locale.ROOT, "- %s: CSV → all marts %.1f s (%.1f min; target ≤ 10 min: %s), peak heap %,d MB"
                            + " of %,d MB allowed (target ≤ 8 GB: %s)%n", d, run, run / 60, run <= TARGET_RUN_SECONDS ? "met" : "not met",
                    mb(heap), mb(maxHeap), heap <= TARGET_HEAP_BYTES && maxHeap <= TARGET_HEAP_BYTES ? "met" : "not met"));
        }
        return sb.toString();
    }

    private static String yes(boolean b) {
        return b ? "yes" : "NO";
    }

    String json() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append(String.format(Locale.ROOT, "  \"scale\": %s,%n  \"cores\": %d,%n  \"max_heap_bytes\": %d,%n  \"stages\": [", scale, cores, maxHeap));
        boolean first = true;
        for (Meter.Figures f : stages) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            StringBuilder sites = new StringBuilder();
            f.sparkJobsByCallSite().forEach((k, v) -> sites.append(sites.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "\"%s\": %.2f", esc(k), v)));
            sb.append(String.format(Locale.ROOT, "    {\"dataset\": \"%s\", \"stage\": \"%s\", \"seconds\": %.3f, \"rows\": %d, "
                            + "\"rows_per_second\": %.1f, \"peak_heap_bytes\": %d, \"peak_rss_bytes\": %d, \"output_bytes\": %d, "
                            + "\"note\": \"%s\", \"spark_jobs_seconds_by_call_site\": {%s}, \"steps\": [%s]}", esc(f.dataset()), esc(f.stage()),
                    f.seconds(), f.rows(), f.rowsPerSecond(), f.peakHeapBytes(), f.peakRssBytes(), f.outputBytes(), esc(f.note()), sites,
                    String.join(", ", f.steps().stream().map(x -> "\"" + esc(x) + "\"").toList())));
        }
        sb.append("\n  ],\n  \"queries\": [");
        first = true;
        for (Map.Entry<String, Map<String, long[]>> e : queries.entrySet()) {
            for (Map.Entry<String, long[]> q : e.getValue().entrySet()) {
                long[] ns = q.getValue();
                sb.append(first ? "\n" : ",\n");
                first = false;
                sb.append(String.format(Locale.ROOT, "    {\"dataset\": \"%s\", \"query\": \"%s\", \"runs\": %d, \"p50_ms\": %.2f, "
                                + "\"p95_ms\": %.2f, \"max_ms\": %.2f}", esc(e.getKey()), esc(q.getKey()), ns.length,
                        QueryBenchCommand.percentile(ns, 50) / 1e6, QueryBenchCommand.percentile(ns, 95) / 1e6, ns[ns.length - 1] / 1e6));
            }
        }
        sb.append("\n  ],\n  \"national_page_gzip_bytes\": {");
        first = true;
        for (Map.Entry<String, long[]> w : pageWeights.entrySet()) {
            sb.append(first ? "" : ", ").append(String.format(Locale.ROOT, "\"%s\": %d", esc(w.getKey()), w.getValue()[0] + w.getValue()[1]));
            first = false;
        }
        sb.append("},\n  \"agreement\": [");
        first = true;
        for (Agreement a : agreements) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append(String.format(Locale.ROOT, "    {\"dataset\": \"%s\", \"spark_equals_duckdb\": %s, \"spark_equals_java_loop\": %s, "
                            + "\"communes_equal_mart_rates\": %s, \"unit_rows\": %d, \"national\": \"%s\"}", esc(a.dataset()),
                    a.sparkEqualsDuckDb(), a.sparkEqualsLoop(), a.peerEqualsMartRates(), a.rows(), esc(a.national())));
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
    }
}
