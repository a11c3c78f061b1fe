package vn.rasoat.bench;

import vn.rasoat.cli.QueryBenchCommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one bench run, as Markdown and JSON, with the targets checked. */
final class BenchReport {
    /** The stage name of the ingest's yardstick (DuckDB's plain read_csv of the same files). */
    static final String YARDSTICK = "ingest yardstick: DuckDB read_csv";
    // the targets of the speed work (issue "A province in thirty seconds, the whole country in three minutes")
    private static final double TARGET_1PCT_SECONDS = 30;
    private static final double TARGET_10PCT_SECONDS = 60;
    private static final double TARGET_NATIONAL_SECONDS = 180;
    private static final double TARGET_INGEST_ROWS_PER_SECOND = 150_000;
    private static final double TARGET_MARTS_SECONDS = 60;
    private static final double TARGET_HEAP_BYTES = 6L << 30;
    private static final double TARGET_RSS_BYTES = 8L << 30;
    private static final double TARGET_QUERY_MS = 100;
    private static final double TARGET_RATIO_10PCT = 3.0;
    private static final double TARGET_RATIO_NATIONAL = 1.5;

    private record Agreement(String dataset, boolean sparkEqualsDuckDb, boolean sparkEqualsLoop, boolean peerEqualsMartRates,
                             int rows, String national, String differences) {
    }

    private final double scale;
    /** The provinces generated (empty: every province), and their share of the country's households. */
    private final List<String> provinces;
    private final double provinceShare;
    private final long maxHeap;
    private final int cores;
    private final List<Meter.Figures> stages = new ArrayList<>();
    private final Map<String, Map<String, long[]>> queries = new LinkedHashMap<>();
    private final List<Agreement> agreements = new ArrayList<>();
    /** Per dataset: the marts' checksums, and those of the previous run on the same inputs (null on a first run). */
    private final Map<String, Map<String, String>[]> checksums = new java.util.LinkedHashMap<>();

    BenchReport(double scale, long maxHeap, int cores) {
        this(scale, List.of(), 1.0, maxHeap, cores);
    }

    /**
     * A bench of {@code provinces} only (empty: the whole country) at {@code scale}; {@code provinceShare} is their
     * share of the country's households in the 2019 census.
     */
    BenchReport(double scale, List<String> provinces, double provinceShare, long maxHeap, int cores) {
        this.scale = scale;
        this.provinces = List.copyOf(provinces);
        this.provinceShare = provinceShare;
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

    /** This run's peer seconds {Spark, DuckDB, Java loop} for {@code dataset}, null when the peers did not run. */
    double[] peerSeconds(String dataset) {
        Meter.Figures s = find(dataset, "peer: Spark score + rates");
        Meter.Figures k = find(dataset, "peer: DuckDB score + rates");
        Meter.Figures j = find(dataset, "peer: Java loop, compute");
        return s == null || k == null || j == null ? null : new double[]{s.seconds(), k.seconds(), j.seconds()};
    }

    /** The last fresh-JVM peer runs ({@code --peers-only}, this one included): their median ratio is the figure. */
    private List<double[]> peerRuns = List.of();

    /** Years in the panel: its CSV → all marts target is that many times the one-year run's. */
    private int panelYears = 3;

    void panelYears(int n) {
        panelYears = n;
    }

    void peerRuns(List<double[]> runs) {
        peerRuns = runs;
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
        if (provinces.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "# rasoat bench — scale %s (%s of national size)%n%n", scale,
                    scale >= 1 ? "all" : String.format(Locale.ROOT, "%.3g %%", scale * 100)));
        } else {
            sb.append(String.format(Locale.ROOT, "# rasoat bench — province%s %s at scale %s (%.3g %% of the country's households)%n%n",
                    provinces.size() == 1 ? "" : "s", String.join(", ", provinces), scale, provinceShare * scale * 100));
        }
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
            sb.append(String.format(Locale.ROOT, "- Spark / DuckDB = **%.2f×** (%s)%n", s.seconds() / k.seconds(),
                    ratioTarget(s.seconds() / k.seconds())));
            sb.append(String.format(Locale.ROOT, "- Spark / Java loop = %.2f×; DuckDB / Java loop = %.2f×%n",
                    s.seconds() / j.seconds(), k.seconds() / j.seconds()));
        }
        if (!peerRuns.isEmpty()) {
            double[] ratios = peerRuns.stream().mapToDouble(r -> r[0] / r[1]).sorted().toArray();
            double median = ratios[ratios.length / 2];
            sb.append(String.format(Locale.ROOT, "- Fresh JVMs (`--peers-only`, the last %d runs of year/peers-runs.tsv in the work folder): "
                            + "Spark / DuckDB %s; %s%s%n", ratios.length,
                    String.join(", ", peerRuns.stream().map(r -> String.format(Locale.ROOT, "%.1f / %.1f s (Java loop %.1f s)", r[0], r[1], r[2])).toList()),
                    ratios.length == 3 ? String.format(Locale.ROOT, "median **%.2f×** (%s)", median, national()
                            ? String.format(Locale.ROOT, "target ≤ %.1f×: %s", TARGET_RATIO_NATIONAL, met(median <= TARGET_RATIO_NATIONAL))
                            : ratioTarget(median))
                            : "the median needs three runs", ""));
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
        sb.append("\n## Dashboard queries (p95 per query over the national page and sampled province and district pages)\n\n"
                + "Measured in the bench's JVM after the Spark stages; `rasoat query-bench --warehouse <work>/year/wh` measures "
                + "them in a JVM of their own, as the server runs them.\n\n");
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
            sb.append(String.format(Locale.ROOT, "- %s: worst p95 %.1f ms (%s; %s). All (ms): %s%n", e.getKey(), worst, worstQ,
                    national() ? String.format(Locale.ROOT, "target ≤ %.0f ms: %s", TARGET_QUERY_MS, met(worst <= TARGET_QUERY_MS))
                            : String.format(Locale.ROOT, "the target, ≤ %.0f ms, is for the national marts", TARGET_QUERY_MS),
                    String.join(", ", cells)));
            long[] w = pageWeights.get(e.getKey());
            if (w != null) {
                sb.append(String.format(Locale.ROOT, "- %s: the national page weighs %,d bytes gzip (HTML %,d, scripts with "
                        + "ECharts and the boundaries %,d; target ≤ 2,000,000: %s)%n", e.getKey(), w[0] + w[1], w[0], w[1],
                        w[0] + w[1] <= 2_000_000 ? "met" : "not met"));
            }
        }
        sb.append(targets());
        return sb.toString();
    }

    /** The share of the country's households at and under which a run of whole provinces is judged as "a province". */
    static final double PROVINCE_SHARE = 0.03;

    /** The whole country at its full size. */
    private boolean national() {
        return scale >= 1 && provinces.isEmpty();
    }

    /**
     * The scale's CSV → all marts target, or 0 when the targets name none for it (1 %, 10 % and 100 % of the country;
     * every household of provinces holding at most 3 % of its households, scale 1, is judged by the 1 % target, "about
     * one province").
     */
    private double runTarget() {
        if (!provinces.isEmpty()) {
            return scale >= 1 && provinceShare <= PROVINCE_SHARE ? TARGET_1PCT_SECONDS : 0;
        }
        if (Math.abs(scale - 0.01) < 1e-9) {
            return TARGET_1PCT_SECONDS;
        }
        if (Math.abs(scale - 0.1) < 1e-9) {
            return TARGET_10PCT_SECONDS;
        }
        return scale >= 1 ? TARGET_NATIONAL_SECONDS : 0;
    }

    private String ratioTarget(double ratio) {
        if (!provinces.isEmpty()) {
            return "no target for a province";
        }
        if (scale >= 1) {
            return String.format(Locale.ROOT, "the target, ≤ %.1f×, is judged on the median of three fresh JVMs (`--peers-only`)",
                    TARGET_RATIO_NATIONAL);
        }
        if (Math.abs(scale - 0.1) < 1e-9) {
            return String.format(Locale.ROOT, "target ≤ %.0f× at 10 %%: %s", TARGET_RATIO_10PCT, ratio <= TARGET_RATIO_10PCT ? "met" : "not met");
        }
        return "no target at this scale";
    }

    private static String met(boolean b) {
        return b ? "met" : "**not met**";
    }

    private double csvToMarts(String d) {
        double run = 0;
        for (String st : List.of("ingest", "score", "marts")) {
            Meter.Figures f = find(d, st);
            run += f == null ? 0 : f.seconds();
        }
        return run;
    }

    /** Each target of the scale, met or not; where one is missed, where the time goes. */
    private String targets() {
        StringBuilder sb = new StringBuilder("\n## Targets\n\n");
        String oneYear = datasets().stream().filter(d -> d.startsWith("one year")).findFirst().orElse(null);
        for (String d : datasets()) {
            if (find(d, "ingest") == null) {
                continue;
            }
            double run = csvToMarts(d);
            long heap = 0;
            long rss = 0;
            for (String st : List.of("ingest", "score", "marts")) {
                Meter.Figures f = find(d, st);
                if (f != null) {
                    heap = Math.max(heap, f.peakHeapBytes());
                    rss = Math.max(rss, f.peakRssBytes());
                }
            }
            boolean panel = !d.equals(oneYear) && oneYear != null;
            double target = panel ? panelYears * csvToMarts(oneYear) : runTarget();
            boolean missed = false;
            if (target > 0) {
                boolean ok = run <= target;
                missed = !ok;
                sb.append(String.format(Locale.ROOT, "- %s: CSV → all marts %.1f s (target ≤ %.0f s%s: %s)%n", d, run, target,
                        panel ? String.format(Locale.ROOT, ", %d× the one-year run for %d years", panelYears, panelYears)
                                : provinces.isEmpty() ? "" : ", about one province", met(ok)));
            } else {
                sb.append(String.format(Locale.ROOT, "- %s: CSV → all marts %.1f s (the targets name 1 %%, 10 %% and 100 %% of the country, and every household of provinces holding at most 3 %% of its households)%n", d, run));
            }
            Meter.Figures ingest = find(d, "ingest");
            Meter.Figures yard = find(d, YARDSTICK);
            if (yard != null && yard.rows() == 0) {
                sb.append(String.format(Locale.ROOT, "- %s: no yardstick for the ingest (%s)%n", d, yard.note()));
            } else if (yard != null && yard.seconds() > 0) {
                sb.append(String.format(Locale.ROOT, "- %s: ingest %,.0f rows/s; DuckDB's plain read_csv of the same files %,.0f rows/s "
                                + "in %.1f s: the ingest takes **%.1f×** the yardstick%s%n", d, ingest.rowsPerSecond(),
                        yard.rowsPerSecond(), yard.seconds(), ingest.seconds() / yard.seconds(),
                        national() && !panel ? String.format(Locale.ROOT, " (target ≥ %,.0f rows/s: %s)", TARGET_INGEST_ROWS_PER_SECOND,
                                met(ingest.rowsPerSecond() >= TARGET_INGEST_ROWS_PER_SECOND)) : ""));
            }
            if (national() && !panel) {
                Meter.Figures marts = find(d, "marts");
                sb.append(String.format(Locale.ROOT, "- %s: marts %.1f s (target ≤ %.0f s: %s); peak heap in use %,d MB (target ≤ 6 GB: %s); "
                                + "peak resident %,d MB (target ≤ 8 GB: %s)%n", d, marts.seconds(), TARGET_MARTS_SECONDS,
                        met(marts.seconds() <= TARGET_MARTS_SECONDS), mb(heap), met(heap <= TARGET_HEAP_BYTES), mb(rss),
                        met(rss <= TARGET_RSS_BYTES)));
                missed |= marts.seconds() > TARGET_MARTS_SECONDS || ingest.rowsPerSecond() < TARGET_INGEST_ROWS_PER_SECOND;
            }
            if (missed) {
                sb.append(whereTheTimeGoes(d, run));
            }
        }
        return sb.toString();
    }

    /** A missed target: each stage's share of CSV → all marts, its slowest steps and the Spark jobs that took its time. */
    private String whereTheTimeGoes(String d, double run) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  - where the %.1f s go:%n", run));
        for (String st : List.of("ingest", "score", "marts")) {
            Meter.Figures f = find(d, st);
            if (f == null) {
                continue;
            }
            List<String> steps = new ArrayList<>(f.steps());
            steps.sort(java.util.Comparator.comparingDouble(BenchReport::stepSeconds).reversed());
            List<String> sites = new ArrayList<>();
            f.sparkJobsByCallSite().entrySet().stream().limit(3).forEach(e -> sites.add(String.format(Locale.ROOT, "%s %.1f s",
                    e.getKey(), e.getValue())));
            sb.append(String.format(Locale.ROOT, "    - %s %.1f s (%.0f %%); slowest steps: %s; Spark jobs by call site: %s%n", st,
                    f.seconds(), 100 * f.seconds() / run, steps.isEmpty() ? "none reported" : String.join("; ", steps.subList(0, Math.min(3, steps.size()))),
                    sites.isEmpty() ? "none" : String.join("; ", sites)));
        }
        return sb.toString();
    }

    /** The seconds a step line starts with ("12.3 s …"), 0 when it does not. */
    static double stepSeconds(String step) {
        int sp = step.indexOf(" s ");
        try {
            return sp > 0 ? Double.parseDouble(step.substring(0, sp)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String yes(boolean b) {
        return b ? "yes" : "NO";
    }

    String json() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append(String.format(Locale.ROOT, "  \"scale\": %s,%n  \"provinces\": [%s],%n  \"province_share\": %.6f,%n  \"cores\": %d,%n  \"max_heap_bytes\": %d,%n  \"stages\": [",
                scale, provinces.stream().map(p -> "\"" + p + "\"").collect(java.util.stream.Collectors.joining(", ")), provinceShare, cores, maxHeap));
        boolean first = true;
        for (Meter.Figures f : stages) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            StringBuilder sites = new StringBuilder();
            f.sparkJobsByCallSite().forEach((k, v) -> sites.append(sites.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "\"%s\": %.2f", esc(k), v)));
            sb.append(String.format(Locale.ROOT, "    {\"dataset\": \"%s\", \"stage\": \"%s\", \"in_csv_to_marts\": %s, \"seconds\": %.3f, \"rows\": %d, "
                            + "\"rows_per_second\": %.1f, \"peak_heap_bytes\": %d, \"peak_rss_bytes\": %d, \"output_bytes\": %d, "
                            + "\"note\": \"%s\", \"spark_jobs_seconds_by_call_site\": {%s}, \"steps\": [%s]}", esc(f.dataset()), esc(f.stage()),
                    List.of("ingest", "score", "marts").contains(f.stage()),
                    f.seconds(), f.rows(), f.rowsPerSecond(), f.peakHeapBytes(), f.peakRssBytes(), f.outputBytes(), esc(f.note()), sites,
                    String.join(", ", f.steps().stream().map(x -> "\"" + esc(x) + "\"").toList())));
        }
        sb.append("\n  ],\n  \"targets\": [");
        first = true;
        for (String line : targets().split("\n")) {
            if (line.startsWith("- ")) {
                sb.append(first ? "\n" : ",\n").append("    \"").append(esc(line.substring(2))).append('"');
                first = false;
            }
        }
        sb.append("\n  ],\n  \"peer_runs_fresh_jvm\": [");
        first = true;
        for (double[] r : peerRuns) {
            sb.append(first ? "" : ", ").append(String.format(Locale.ROOT, "{\"spark_s\": %.3f, \"duckdb_s\": %.3f, \"java_loop_s\": %.3f}",
                    r[0], r[1], r[2]));
            first = false;
        }
        sb.append("],\n  \"queries\": [");
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
