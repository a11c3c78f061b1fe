package vn.rasoat.bench;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.cli.CommonOptions;
import vn.rasoat.cli.YearRange;
import vn.rasoat.cli.QueryBenchCommand;
import vn.rasoat.dashboards.site.DashboardSession;
import vn.rasoat.generate.GenerateJob;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.ingest.Staging;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.io.WarehouseLayout;
import vn.rasoat.marts.MartsJob;
import vn.rasoat.marts.Snapshots;
import vn.rasoat.rules.Rulebooks;
import vn.rasoat.scoring.ScoringJob;
import vn.rasoat.spark.Sessions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;


@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = FormsPrintCommand.class,
        description = {"Benchmark (not a test): the whole pipeline at a share of national size, stage by stage.",
                "Generates (or reuses) one review year and a three-year panel of synthetic records for every commune, then",
                "times ingest, scoring, marts and the dashboard queries (wall time, rows per second, peak heap and resident",
                "memory, output sizes, and which Spark jobs took the time). On the one-year data it runs the same scoring and",
                "rate aggregation three ways — the Spark jobs' own code, one DuckDB SQL query over the same staged Parquet,",
                "and a plain single-threaded Java loop (the lower bound) — checks they give the same counts, and prints the",
                "ratios. After the dashboard queries it times DuckDB's plain read_csv of the same files (no validation) as",
                "the ingest's yardstick. The report checks the speed targets of the scale (1 %%, 10 %%, 100 %%) and, where one is missed,",
                "says where the time goes. --peers-only keeps each run's times in year/peers-runs.tsv and reports the median",
                "Spark / DuckDB ratio of the last three (each a fresh JVM).",
                "Writes report.json and report.md into the work folder (report-peers.* with --peers-only).",
                "Example: rasoat bench --scale 0.01            (about 270,000 households; a few minutes)",
                "         rasoat bench --scale 1.0 --no-panel  (the whole country: 26.9 million households)",
                "         rasoat bench --province 35 --scale 1.0 --no-panel  (every household of one province, Hà Nam: 1 %% of the",
                "                                                            country's, the way a province's user runs it)"})
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    double scale;

    Path work;

    // both checked as they are parsed, so a bad value fails before the work folder is created
    @Option(names = "--scale", defaultValue = "0.01", description = "Share of the 2019 census households, above 0 and at most 1 (default: ${DEFAULT-VALUE}; 1.0 = national).")
    void setScale(double value) {
        if (!(value > 0 && value <= 1)) {
            throw new vn.rasoat.cli.WarehouseOption.BadValueException(spec.commandLine(),
                    "--scale must be above 0 and at most 1 (1.0 = national size), not " + value);
        }
        scale = value;
    }

    @Option(names = "--work", paramLabel = "DIR", description = "Work folder (default: bench-data/scale-<scale>). Inputs there are reused when they match.")
    void setWork(Path value) {
        work = Path.of(vn.rasoat.cli.WarehouseOption.checked(spec, "the work folder", value.toString(), false));
    }

    @Option(names = "--province", split = ",", paramLabel = "CODE", description = "Only these provinces (2-digit codes, "
            + "of the unit list of the first review year), every commune of them: what one province's user runs. --scale is "
            + "then the share of their households; the report gives their share of the country's. Default: every province.")
    void setProvinces(List<String> values) {
        for (String v : values) {
            if (!v.matches("\\d{2}")) {
                throw new vn.rasoat.cli.WarehouseOption.BadValueException(spec.commandLine(),
                        "--province takes 2-digit province codes, e.g. 89, not " + v);
            }
        }
        try {
            provinceShare(SchemaSource.classpath(), values); // the census of the 63 provinces, as the jar carries it
        } catch (IllegalArgumentException e) {
            throw new vn.rasoat.cli.WarehouseOption.BadValueException(spec.commandLine(), e.getMessage());
        }
        provinces = List.copyOf(values);
    }

    List<String> provinces = List.of();

    @Option(names = "--year", defaultValue = "2023", description = "The one review year (default: ${DEFAULT-VALUE}).")
    int year;

    @Option(names = "--panel-years", defaultValue = "2021-2023", paramLabel = "YEARS", description = "The panel's years (default: ${DEFAULT-VALUE}).")
    String panelYears;

    @Option(names = "--no-panel", description = "Only the one-year run.")
    boolean noPanel;

    @Option(names = "--seed", defaultValue = "20211", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--iterations", defaultValue = "10", description = "Timed runs per dashboard query and page (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--peers-only", description = "Only the peers (Spark, DuckDB, Java loop) on the one-year warehouse an "
            + "earlier bench left in the work folder, in this fresh JVM: for tuning the scoring without rebuilding everything. "
            + "Each run's times are added to year/peers-runs.tsv there; the report gives the median ratio of the last three.")
    boolean peersOnly;

    @Option(names = "--regenerate", description = "Generate the inputs again even when matching ones exist.")
    boolean regenerate;

    @Override
    public Integer call() throws Exception {
        SchemaSource source = common.source();
        Path dir = (work != null ? work : Path.of("bench-data", (provinces.isEmpty() ? "" : "province-" + String.join("-", provinces) + "-")
                + "scale-" + String.format(Locale.ROOT, "%s", scale))).toAbsolutePath();
        if (!provinces.isEmpty() && (year >= FIRST_34_PROVINCE_YEAR
                || (!noPanel && YearRange.parse(panelYears).stream().anyMatch(y -> y >= FIRST_34_PROVINCE_YEAR)))) {
            throw new IllegalArgumentException("--province takes the codes of the 63 provinces, whose census shares it "
                    + "reports: review years from " + FIRST_34_PROVINCE_YEAR + " use the 34 provinces' codes (pick --year and "
                    + "--panel-years before " + FIRST_34_PROVINCE_YEAR + ", or --no-panel)");
        }
        double share = provinceShare(source, provinces);
        Files.createDirectories(dir);
        SparkSession spark = Sessions.get(common.verbose());
        Meter meter = new Meter(spark);
        BenchReport report = new BenchReport(scale, provinces, share, Runtime.getRuntime().maxMemory(),
                Runtime.getRuntime().availableProcessors());
        List<Integer> oneYear = List.of(year);
        if (peersOnly) {
            Path wh = dir.resolve("year").resolve("wh");
            if (!Files.isDirectory(Path.of(IngestJob.stagingRoot(wh.toString())))) {
                throw new IllegalArgumentException("--peers-only: no staged one-year data in " + wh + " (run the bench once without it)");
            }
            String name = "one year " + year;
            runPeers(spark, source, meter, report, dir.resolve("year"), wh.toString(), name);
            report.peerRuns(recordPeerRun(dir.resolve("year"), report, name));
            return write(report, dir, "report-peers");
        }
        runDataset(spark, source, meter, report, dir.resolve("year"), "one year " + year, oneYear, true);
        if (!noPanel) {
            report.panelYears(YearRange.parse(panelYears).size());
            runDataset(spark, source, meter, report, dir.resolve("panel"), "panel " + panelYears,
                    YearRange.parse(panelYears), false);
        }
        return write(report, dir, "report");
    }

    /**
     * Appends this fresh JVM's peer times to {@code peers-runs.tsv} beside the one-year warehouse and returns the last
     * three runs' (Spark, DuckDB, Java loop seconds): the fresh-JVM ratio is the median of three such runs. A bench run
     * that rebuilds the warehouse starts the log afresh, so the runs compared are on the same staged data.
     */
    private static List<double[]> recordPeerRun(Path dir, BenchReport report, String name) throws IOException {
        Path log = dir.resolve(PEER_RUNS);
        double[] now = report.peerSeconds(name);
        if (now == null) {
            return List.of();
        }
        if (!Files.exists(log)) {
            Files.writeString(log, "finished\tspark_s\tduckdb_s\tjava_loop_s\n", StandardCharsets.UTF_8);
        }
        Files.writeString(log, String.format(Locale.ROOT, "%s\t%.3f\t%.3f\t%.3f%n", java.time.Instant.now(), now[0], now[1], now[2]),
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        List<double[]> runs = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length == 4 && !f[0].equals("finished")) {
                runs.add(new double[]{Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])});
            }
        }
        return runs.subList(Math.max(0, runs.size() - 3), runs.size());
    }

    private static final String PEER_RUNS = "peers-runs.tsv";

    /** The first review year on the unit list of the 34 provinces (the reform of 1 July 2025). */
    static final int FIRST_34_PROVINCE_YEAR = 2025;

    /** The provinces' share of the country's households in the 2019 census (1 for every province). */
    static double provinceShare(SchemaSource source, List<String> provinces) {
        if (provinces.isEmpty()) {
            return 1.0;
        }
        long all = 0;
        long these = 0;
        java.util.Set<String> known = new java.util.HashSet<>();
        for (Map<String, String> r : vn.rasoat.reference.ReferenceData.load(source).censusByProvince()) {
            long n = Long.parseLong(r.get("households_total"));
            all += n;
            known.add(r.get("province_code"));
            if (provinces.contains(r.get("province_code"))) {
                these += n;
            }
        }
        List<String> unknown = provinces.stream().filter(p -> !known.contains(p)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--province: no province " + unknown + " in the 2019 census of the 63 provinces");
        }
        return (double) these / all;
    }

    private static int write(BenchReport report, Path dir, String name) throws Exception {
        Path json = dir.resolve(name + ".json");
        Path md = dir.resolve(name + ".md");
        Files.writeString(json, report.json(), StandardCharsets.UTF_8);
        String markdown = report.markdown();
        Files.writeString(md, markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        System.out.println("wrote " + json + " and " + md);
        return 0;
    }

    private void runDataset(SparkSession spark, SchemaSource source, Meter meter, BenchReport report, Path dir,
                            String name, List<Integer> years, boolean peers) throws Exception {
        Path in = dir.resolve("in");
        Path wh = dir.resolve("wh");
        Path marker = dir.resolve("inputs.json");
        String wanted = provinces.isEmpty()
                ? String.format(Locale.ROOT, "{\"scale\": %s, \"years\": \"%s\", \"seed\": %d}%n", scale, years, seed)
                : String.format(Locale.ROOT, "{\"scale\": %s, \"provinces\": \"%s\", \"years\": \"%s\", \"seed\": %d}%n", scale,
                String.join(",", provinces), years, seed);
        if (!regenerate && Files.exists(marker) && Files.readString(marker).equals(wanted) && Files.isDirectory(in)) {
            report.add(new Meter.Figures(name, "generate", 0, 0, 0, 0, Meter.size(in), Map.of(), "reused " + in, List.of()));
        } else {
            deleteTree(in);
            Files.deleteIfExists(marker);
            meter.start();
            GenerateJob.Result g = GenerateJob.run(spark, source, new GenerateJob.Options(provinces, List.of(), List.of(),
                    null, years, seed, scale, 0.0, in.toString(), null));
            long rows = g.rows().values().stream().mapToLong(Long::longValue).sum();
            report.add(meter.stop(name, "generate", rows, in, String.format(Locale.ROOT,
                    "%,d communes, %,d households a year (CSV)", g.communes(), g.households())));
            Files.writeString(marker, wanted);
        }
        deleteTree(wh);
        Files.deleteIfExists(dir.resolve(PEER_RUNS)); // --peers-only runs on the warehouse being replaced
        String warehouse = wh.toString();
        meter.start();
        IngestJob.Result r = IngestJob.run(spark, source, in.toString(), warehouse);
        report.add(meter.stop(name, "ingest", r.read(), Path.of(IngestJob.stagingRoot(warehouse)),
                String.format(Locale.ROOT, "%,d read = %,d accepted + %,d quarantined", r.read(), r.accepted(), r.quarantined())));
        meter.start();
        ScoringJob.Result s = ScoringJob.run(spark, source, warehouse);
        report.add(meter.stop(name, "score", s.households(), wh.resolve(WarehouseLayout.INTERMEDIATE),
                String.format(Locale.ROOT, "%,d household-runs scored", s.households())));
        meter.start();
        Map<String, Long> marts = MartsJob.run(spark, source, warehouse, MartsJob.Options.defaults());
        long martRows = marts.values().stream().mapToLong(Long::longValue).sum();
        report.add(meter.stop(name, "marts", s.households(), wh.resolve(WarehouseLayout.MARTS),
                String.format(Locale.ROOT, "%d marts, %,d rows", marts.size(), martRows)));
        martsChecksums(spark, report, dir, name, warehouse, r.inputVersion());
        meter.start();
        Map<String, long[]> q;
        long[] weight;
        try (DashboardSession ds = DashboardSession.open(source, warehouse, "vi")) {
            q = QueryBenchCommand.run(ds.dashboard(), null, iterations, 3);
            int y = ds.dashboard().years().keySet().stream().max(Integer::compare).orElseThrow();
            weight = QueryBenchCommand.pageWeight(ds.dashboard(), new vn.rasoat.dashboards.site.Dashboard.Page("national", "VN", y));
        }
        long runs = q.values().stream().mapToLong(a -> a.length).sum();
        report.add(meter.stop(name, "dashboard queries", runs, null, q.size() + " queries, " + runs + " timed runs"));
        report.queries(name, q);
        report.pageWeight(name, weight);
        csvYardstick(meter, report, in, dir, name, r.read());
        if (peers) {
            runPeers(spark, source, meter, report, dir, warehouse, name);
        }
    }

    /**
     * The marts' checksums ({@code rasoat checksums}) against those of the previous run on the same inputs (the same
     * input version, kept in the work folder beside them): a speed change must leave every mart as it was. A
     * difference is reported and the earlier checksums are kept, so the next run is compared with them again.
     */
    private static void martsChecksums(SparkSession spark, BenchReport report, Path dir, String name, String warehouse,
                                       String inputs) throws IOException {
        Map<String, String> now = new java.util.TreeMap<>(vn.rasoat.marts.MartChecksums.of(spark, warehouse));
        Path file = dir.resolve("marts-checksums.properties");
        java.util.Properties before = new java.util.Properties();
        if (Files.exists(file)) {
            try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                before.load(r);
            }
        }
        if (!inputs.equals(before.getProperty("#inputs"))) {
            report.checksums(name, now, null);
        } else {
            Map<String, String> was = new java.util.TreeMap<>();
            before.stringPropertyNames().stream().filter(k -> !k.startsWith("#")).forEach(k -> was.put(k, before.getProperty(k)));
            report.checksums(name, now, was);
            if (!was.equals(now)) {
                return; // a difference: the earlier checksums stay the reference
            }
        }
        java.util.Properties out = new java.util.Properties();
        out.putAll(now);
        out.setProperty("#inputs", inputs);
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.store(w, "the marts' checksums of the last bench run on these inputs");
        }
    }

    /**
     * The ingest's yardstick: DuckDB's plain read_csv of the same files (no validation), on every core. It runs after
     * the pipeline's stages, so its native memory does not count in theirs; a failure is reported, not fatal.
     */
    private static void csvYardstick(Meter meter, BenchReport report, Path in, Path dir, String name, long ingestRead) {
        int cores = Runtime.getRuntime().availableProcessors();
        meter.start();
        try {
            Map<String, Long> loaded = CsvYardstick.run(in, dir, cores);
            long total = loaded.get("total");
            report.add(meter.stop(name, BenchReport.YARDSTICK, total, null, String.format(Locale.ROOT,
                    "DuckDB read_csv of the same CSV files into tables, every column as text, %d threads: no validation%s", cores,
                    total == ingestRead ? "" : String.format(Locale.ROOT, "; NOTE %,d rows against the ingest's %,d read", total, ingestRead))));
        } catch (Exception e) {
            // in the report as a stage that failed, with why (no rows: the targets give no ratio for it)
            report.add(meter.stop(name, BenchReport.YARDSTICK, 0, null, "FAILED: " + e.getMessage()));
        }
    }

    private void runPeers(SparkSession spark, SchemaSource source, Meter meter, BenchReport report, Path dir,
                          String warehouse, String name) throws Exception {
        Rulebooks rulebooks = Rulebooks.load(source);
        Path peerDir = dir.resolve("peers");
        deleteTree(peerDir);
        // Spark: the product's own scoring code, the annual snapshot, and the shared aggregation SQL
        meter.start();
        Dataset<Row> scored = ScoringJob.scoreStaged(spark, source, rulebooks, warehouse, null);
        // the columns the annual snapshot and the aggregation read, computed once (as the product writes them once)
        scored = scored.select("household_id", "run_id", "run_type", "run_date", "review_year", "standard",
                "rulebook_version", "province_code", "district_code", "commune_code", "status")
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> snap = Snapshots.annual(scored, Snapshots.officialRuns(scored, null, rulebooks)).select("review_year", Snapshots.SNAPSHOT, "province_code", "district_code",
                "commune_code", "status").persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        snap.createOrReplaceTempView("snap");
        Staging.read(spark, warehouse, "stg_commune_totals").createOrReplaceTempView("totals");
        spark.sql(PeerSql.AGGREGATE).write().mode(SaveMode.Overwrite).parquet(peerDir.resolve("spark").toString());
        snap.unpersist();
        scored.unpersist();
        long roster = Staging.read(spark, warehouse, "stg_household_roster").count();
        Meter.Figures sparkFig = meter.stop(name, "peer: Spark score + rates", roster, peerDir.resolve("spark"),
                "ScoringJob.score (the columns the rates need, cached) + Snapshots.annual + the aggregation SQL, written as Parquet");
        report.add(sparkFig);

        try (PeerDatabase db = PeerDatabase.open(source, rulebooks, warehouse)) {
            meter.start();
            db.run();
            report.add(meter.stop(name, "peer: DuckDB score + rates", roster, null,
                    "one SQL query over the staged Parquet, " + Runtime.getRuntime().availableProcessors() + " threads"));

            JavaLoopPeer loop = new JavaLoopPeer(rulebooks, db.variables());
            meter.start();
            int loaded = loop.load(db.connection(), db.sql());
            report.add(meter.stop(name, "peer: Java loop, load (not in the bound)", loaded, null,
                    "DuckDB reads and joins the staged Parquet into arrays"));
            meter.start();
            Map<String, String> loopResult = loop.compute();
            report.add(meter.stop(name, "peer: Java loop, compute", loaded, null, "single thread"));

            Map<String, String> duckResult = db.result();
            Map<String, String> sparkResult = db.parquet(peerDir.resolve("spark").toString());
            Map<String, String> product = db.martRates();
            Map<String, String> communesOf = PeerDatabase.communes(sparkResult);
            String national = duckResult.entrySet().stream().filter(e -> e.getKey().contains("|national|"))
                    .map(e -> e.getKey() + " → poor|near_poor|households " + e.getValue()).findFirst().orElse("none");
            report.agreement(name, sparkResult.equals(duckResult), sparkResult.equals(loopResult),
                    communesOf.equals(product), duckResult.size(), national,
                    diff("Spark", sparkResult, "DuckDB", duckResult) + diff("Spark", sparkResult, "Java loop", loopResult)
                            + diff("Spark peer (communes)", communesOf, "mart_rates", product));
        }
    }

    private static String diff(String an, Map<String, String> a, String bn, Map<String, String> b) {
        if (a.equals(b)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (String k : new java.util.TreeSet<>(a.keySet())) {
            if (!java.util.Objects.equals(a.get(k), b.get(k)) && shown++ < 3) {
                sb.append(String.format("  %s %s: %s=%s, %s=%s%n", an + " vs " + bn, k, an, a.get(k), bn, b.get(k)));
            }
        }
        for (String k : b.keySet()) {
            if (!a.containsKey(k) && shown++ < 6) {
                sb.append(String.format("  %s %s: only in %s (%s)%n", an + " vs " + bn, k, bn, b.get(k)));
            }
        }
        return sb.toString();
    }

    static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
