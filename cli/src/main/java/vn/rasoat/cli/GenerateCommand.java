package vn.rasoat.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.generate.GenerateJob;
import vn.rasoat.generate.XlsxExport;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.spark.Sessions;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate synthetic review records for real communes over consecutive review years (a panel).",
                "Example: rasoat generate --province 91 --years 2021-2023 --out data/generated"})
public final class GenerateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--province", split = ",", paramLabel = "CODE", description = "Province codes (2 digits); default all.")
    List<String> provinces;

    @Option(names = "--district", split = ",", paramLabel = "CODE", description = "Only these district codes (3 digits).")
    List<String> districts;

    @Option(names = "--commune", split = ",", paramLabel = "CODE", description = "Only these commune codes (5 digits).")
    List<String> communes;

    @Option(names = "--unit-year", paramLabel = "YEAR",
            description = "Take the administrative unit list in force at the end of this year (default: first review year).")
    Integer unitYear;

    @Option(names = "--years", required = true, paramLabel = "YEARS", description = "Consecutive review years, e.g. 2021-2023.")
    String years;

    @Option(names = "--seed", defaultValue = "20211", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale", defaultValue = "1.0",
            description = "Fraction of the census households to generate (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--dirt", defaultValue = "0.0", description = "Share of rows made dirty (default: ${DEFAULT-VALUE}).")
    double dirt;

    @Option(names = "--partitions", description = "Parallel output partitions (default: one per 250,000 households).")
    Integer partitions;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (local, hdfs:// or s3a://).")
    String out;

    @Option(names = "--xlsx-commune", paramLabel = "CODE",
            description = "Also write this commune's records of the last year as one workbook, the way a commune sends them.")
    String xlsxCommune;

    @Option(names = "--manipulate", split = ",", paramLabel = "COMMUNE[:SHARE]",
            description = {"Make these communes' reviewers push a share (default 0.6) of their poor and near-poor households",
                    "to a score A just above the threshold — the case the bunching diagnostic must flag."})
    List<String> manipulate = List.of();

    @Override
    public Integer call() {
        SchemaSource source = common.source();
        java.util.Map<String, Double> pushed = new java.util.LinkedHashMap<>();
        for (String m : manipulate) {
            String[] p = m.split(":");
            if (!p[0].matches("[0-9]{5}") || p.length > 2) {
                throw new IllegalArgumentException("--manipulate takes COMMUNE[:SHARE], e.g. 30730:0.6, not " + m);
            }
            double share = p.length == 2 ? Double.parseDouble(p[1]) : 0.6;
            if (share <= 0 || share > 1) {
                throw new IllegalArgumentException("--manipulate " + m + ": the share must be in (0, 1]");
            }
            pushed.put(p[0], share);
        }
        SparkSession spark = Sessions.get(common.verbose());
        GenerateJob.Result r = GenerateJob.run(spark, source, new GenerateJob.Options(provinces, districts, communes,
                unitYear, YearRange.parse(years), seed, scale, dirt, out, partitions, pushed));
        System.out.printf("generated %d communes (%s), about %,d households a year%n", r.communes(), r.unitList(),
                r.households());
        r.rows().forEach((k, v) -> System.out.printf("  %-17s %,10d rows%n", k, v));
        if (!r.dirt().isEmpty()) {
            System.out.println("  dirt applied: " + r.dirt());
        }
        if (xlsxCommune != null) {
            List<Integer> ys = YearRange.parse(years);
            Path wb = XlsxExport.write(source, out, xlsxCommune, ys.get(ys.size() - 1));
            System.out.println("  workbook: " + wb);
        }
        System.out.println("output: " + out);
        return 0;
    }
}
