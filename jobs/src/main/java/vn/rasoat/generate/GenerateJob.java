package vn.rasoat.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import vn.rasoat.contracts.Contracts;
import vn.rasoat.io.Progress;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.reference.AdminUnit;
import vn.rasoat.reference.ReferenceData;
import vn.rasoat.rules.Rulebook;
import vn.rasoat.rules.Rulebooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * {@code rasoat generate}: synthetic review records for a set of real communes over consecutive review years,
 * written in parallel partitions (one commune's panel in memory at a time).
 */
public final class GenerateJob {

    /** Which communes and years, and how. */
    public record Options(List<String> provinces, List<String> districts, List<String> communes, Integer unitListYear,
                          List<Integer> years, long seed, double scale, double dirtRate, String output,
                          Integer partitions, Map<String, Double> manipulate) {
        public Options(List<String> provinces, List<String> districts, List<String> communes, Integer unitListYear,
                       List<Integer> years, long seed, double scale, double dirtRate, String output, Integer partitions) {
            this(provinces, districts, communes, unitListYear, years, seed, scale, dirtRate, output, partitions, Map.of());
        }
    }

    /** What was written: rows per record type, dirt applied, communes and households. */
    public record Result(int communes, long households, Map<String, Long> rows, Map<String, Long> dirt,
                         String unitList) {
    }

    private GenerateJob() {
    }

    public static Result run(SparkSession spark, SchemaSource source, Options o) {
        Progress progress = new Progress("generate");
        ReferenceData ref = ReferenceData.load(source);
        Contracts contracts = Contracts.load(source);
        Rulebooks rulebooks = Rulebooks.load(source);
        GeneratorSettings settings = GeneratorSettings.load(source);
        Map<Integer, Rulebook> byYear = new TreeMap<>();
        for (int y : o.years()) {
            byYear.put(y, rulebooks.forYear(y));
        }
        GeneratorConfig config = new GeneratorConfig(o.years(), byYear, o.seed(), o.scale(), o.dirtRate(),
                o.manipulate() == null ? Map.of() : o.manipulate(), settings.manipulationWindow());
        int unitYear = o.unitListYear() != null ? o.unitListYear() : o.years().get(0);
        String unitList = ref.unitListFileOn(LocalDate.of(unitYear, 12, 31));
        // the published provincial rates use the 63 provinces' codes
        Calibration calibration = Calibration.load(source, unitList.contains("_63p_"));
        List<CommuneSpec> specs = specs(ref, settings, unitList, o);
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no communes match provinces " + o.provinces() + ", districts "
                    + o.districts() + ", communes " + o.communes() + " in " + unitList);
        }
        long households = specs.stream().mapToLong(s -> Math.round(s.households2019() * o.scale())).sum();
        int parts = o.partitions() != null ? o.partitions()
                : (int) Math.max(1, Math.min(specs.size(), Math.ceil(households / 250_000.0)));
        progress.step(String.format("%d communes from %s, about %,d households a year, years %s, %d partition(s)",
                specs.size(), unitList, households, o.years(), parts));
        writeReviewRuns(o, specs, byYear, settings);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String out = o.output();
        List<Map<String, Long>> summaries = jsc.parallelize(specs, parts).mapPartitions(
                (Iterator<CommuneSpec> it) -> {
                    int part = TaskContext.getPartitionId();
                    Map<String, Long> summary = new TreeMap<>();
                    try (CsvPartWriter writer = new CsvPartWriter(out, part, contracts)) {
                        Dirt dirt = new Dirt(writer, contracts, config.dirtRate(), config.seed() * 31 + part);
                        while (it.hasNext()) {
                            new PanelSimulator(it.next(), config, settings, calibration).run(dirt);
                        }
                        writer.rowCounts().forEach((k, v) -> summary.merge("rows:" + k, v, Long::sum));
                        dirt.counts().forEach((k, v) -> summary.merge("dirt:" + k, v, Long::sum));
                    }
                    return List.of(summary).iterator();
                }).collect();
        Map<String, Long> rows = new TreeMap<>();
        Map<String, Long> dirt = new TreeMap<>();
        for (Map<String, Long> s : summaries) {
            s.forEach((k, v) -> {
                if (k.startsWith("rows:")) {
                    rows.merge(k.substring(5), v, Long::sum);
                } else {
                    dirt.merge(k.substring(5), v, Long::sum);
                }
            });
        }
        rows.merge("review_runs", 12L * o.years().size() * specs.stream().map(s -> s.unit().provinceCode())
                .distinct().count(), Long::sum);
        Result result = new Result(specs.size(), households, rows, dirt, unitList);
        writeManifest(out, o, result, settings);
        progress.step("wrote " + rows + (dirt.isEmpty() ? "" : "; dirt " + dirt));
        return result;
    }

    static List<CommuneSpec> specs(ReferenceData ref, GeneratorSettings settings, String unitList, Options o) {
        Map<String, ReferenceData.CensusCommune> census = ref.censusByCommune();
        List<AdminUnit> units = new ArrayList<>();
        for (AdminUnit u : ref.units(unitList)) {
            boolean p = o.provinces() == null || o.provinces().isEmpty() || o.provinces().contains(u.provinceCode());
            boolean d = o.districts() == null || o.districts().isEmpty() || o.districts().contains(u.districtCode());
            boolean c = o.communes() == null || o.communes().isEmpty() || o.communes().contains(u.communeCode());
            if (p && d && c) {
                units.add(u);
            }
        }
        // Communes created after the 2019 census take the mean of their district's (else province's) matched communes.
        Map<String, long[]> sumByArea = new HashMap<>();
        for (AdminUnit u : ref.units(unitList)) {
            ReferenceData.CensusCommune cc = census.get(u.communeCode());
            if (cc != null) {
                for (String area : List.of("d" + u.districtCode(), "p" + u.provinceCode())) {
                    long[] acc = sumByArea.computeIfAbsent(area, k -> new long[2]);
                    acc[0] += cc.households();
                    acc[1]++;
                }
            }
        }
        Map<String, Double> multiplier = new LinkedHashMap<>();
        Map<String, double[]> regionWeights = new HashMap<>();
        List<long[]> hh = new ArrayList<>();
        for (AdminUnit u : units) {
            SplittableRandom r = new SplittableRandom(o.seed() ^ (u.communeCode().hashCode() * 0x9E3779B97F4A7C15L));
            double m = Math.exp(r.nextGaussian() * settings.communeMultiplierSd()
                    - settings.communeMultiplierSd() * settings.communeMultiplierSd() / 2);
            multiplier.put(u.communeCode(), m);
            long households = householdsOf(u, census, sumByArea);
            hh.add(new long[]{households});
            double[] w = regionWeights.computeIfAbsent(u.regionKey(), k -> new double[2]);
            w[0] += households * m;
            w[1] += households;
        }
        List<CommuneSpec> specs = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            AdminUnit u = units.get(i);
            long households = hh.get(i)[0];
            double[] w = regionWeights.get(u.regionKey());
            // Normalised so that each region's household-weighted multiplier is exactly 1: regional rates hold.
            double m = multiplier.get(u.communeCode()) * (w[0] > 0 ? w[1] / w[0] : 1.0);
            ReferenceData.CensusCommune cc = census.get(u.communeCode());
            double[] shares = sizeShares(cc, u.urban());
            long scaled = Math.max(1, Math.round(households * o.scale()));
            int hamlets = (int) Math.max(settings.hamletsMin(), Math.min(settings.hamletsMax(),
                    scaled / Math.max(1, settings.householdsPerHamlet())));
            specs.add(new CommuneSpec(u, households, shares, m, hamlets));
        }
        return specs;
    }

    private static long householdsOf(AdminUnit u, Map<String, ReferenceData.CensusCommune> census,
                                      Map<String, long[]> sumByArea) {
        ReferenceData.CensusCommune cc = census.get(u.communeCode());
        if (cc != null) {
            return cc.households();
        }
        long[] acc = sumByArea.getOrDefault("d" + u.districtCode(), sumByArea.get("p" + u.provinceCode()));
        return acc == null || acc[1] == 0 ? 2000 : acc[0] / acc[1];
    }

    private static double[] sizeShares(ReferenceData.CensusCommune cc, boolean urban) {
        long[] bins = cc == null ? new long[]{10, 20, 22, 26, 13, 6, 3}
                : urban && sum(cc.urbanSizes()) > 0 || sum(cc.ruralSizes()) == 0 ? cc.urbanSizes() : cc.ruralSizes();
        double total = sum(bins);
        double[] shares = new double[bins.length];
        for (int i = 0; i < bins.length; i++) {
            shares[i] = total > 0 ? bins[i] / total : 1.0 / bins.length;
        }
        return shares;
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long x : a) {
            s += x;
        }
        return s;
    }

    private static void writeReviewRuns(Options o, List<CommuneSpec> specs, Map<Integer, Rulebook> byYear,
                                        GeneratorSettings settings) {
        StringBuilder sb = new StringBuilder("run_id,review_year,province_code,run_type,run_date,standard\n");
        List<String> provinces = specs.stream().map(s -> s.unit().provinceCode()).distinct().sorted().toList();
        for (int y : o.years()) {
            for (String p : provinces) {
                for (int m = 1; m <= 11; m++) {
                    sb.append(PanelSimulator.regularRunId(y, m)).append(',').append(y).append(',').append(p)
                            .append(",regular,").append(String.format("%d-%02d-%02d", y, m, settings.regularRunDay()))
                            .append(',').append(byYear.get(y).standard()).append('\n');
                }
                sb.append(y).append("-annual,").append(y).append(',').append(p).append(",annual,")
                        .append(y).append("-12-14,").append(byYear.get(y).standard()).append('\n');
            }
        }
        writeText(o.output() + "/review_runs/review_runs.csv", sb.toString());
    }

    private static void writeManifest(String out, Options o, Result r, GeneratorSettings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "rasoat generate");
        m.put("settings_version", settings.version());
        m.put("seed", o.seed());
        m.put("scale", o.scale());
        m.put("dirt_rate", o.dirtRate());
        m.put("years", o.years());
        m.put("provinces", o.provinces());
        m.put("districts", o.districts());
        m.put("unit_list", r.unitList());
        m.put("communes", r.communes());
        m.put("rows", r.rows());
        m.put("dirt", r.dirt());
        try {
            writeText(out + "/_generator_manifest.json",
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeText(String path, String text) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(new Configuration());
            fs.setWriteChecksum(false);
            try (FSDataOutputStream os = fs.create(p, true)) {
                os.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
