package vn.rasoat;

import vn.rasoat.ingest.IngestJob;
import vn.rasoat.marts.MartsJob;
import vn.rasoat.scoring.ScoringJob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The warehouse built from {@code data-samples/csv} (ingest, score, rescore under 2022–2025, marts), once per Maven run
 * ({@link OncePerMavenRun}), under the top-level {@code target/sample-warehouse}:
 * what the golden files, chart, report, server and browser tests read. Tests only read it.
 */
public abstract class SampleWarehouse extends SparkTestBase {
    private static Path built;

    protected static synchronized Path sampleWarehouse() {
        if (built == null) {
            Path samples = projectDir().resolve("data-samples").resolve("csv");
            built = OncePerMavenRun.folder("sample-warehouse", wh -> {
                IngestJob.run(spark(), schemas(), withSecondAnnualRun(samples).toString(), wh.toString());
                ScoringJob.run(spark(), schemas(), wh.toString());
                // rescored under 2022–2025 too, so the optional harmonised rates are published (2021 was reviewed
                // under 2016–2020): every mart a warehouse can hold is here for the readers' tests
                ScoringJob.rescore(spark(), schemas(), wh.toString(), "2022_2025");
                java.util.Properties rows = new java.util.Properties();
                MartsJob.run(spark(), schemas(), wh.toString(), MartsJob.Options.defaults())
                        .forEach((mart, n) -> rows.setProperty(mart, String.valueOf(n)));
                try (var w = Files.newBufferedWriter(wh.resolve(MART_ROWS))) {
                    rows.store(w, "rows of each mart as the marts run counted what it wrote");
                }
            });
        }
        return built;
    }

    /** Beside the sample warehouse: the rows of each mart as the marts run that built it counted them. */
    private static final String MART_ROWS = "_mart_rows.properties";

    /**
     * The rows of each mart as the marts run counted what it wrote (it reads every write back): what a reader of the
     * sample warehouse must find, known without a Spark session in the reader's test JVM.
     */
    protected static synchronized java.util.Map<String, Long> sampleMartRows() {
        java.util.Properties p = new java.util.Properties();
        try (var r = Files.newBufferedReader(sampleWarehouse().resolve(MART_ROWS))) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, Long.parseLong(p.getProperty(k))));
        return out;
    }

    /** The second annual run of 2021, under the 2022–2025 standard, beside the official one (2016–2020). */
    public static final String ALTERNATIVE_RUN = "2021-annual-2022";

    /**
     * The samples plus a second annual review of 2021 under the 2022–2025 standard (Kiên Giang reviewed 2021 under
     * both standards): the same households' forms under run {@value #ALTERNATIVE_RUN}, dated 20 December. The
     * official snapshot stays the run under the standard the calendar names for 2021; every consumer must show it
     * once, never both.
     */
    static Path withSecondAnnualRun(Path samples) {
        Path in = samples.getParent().getParent().resolve("target").resolve("sample-input");
        try {
            OncePerMavenRun.delete(in);
            OncePerMavenRun.copy(samples, in);
            for (String type : java.util.List.of("household_roster", "form_a", "form_b1", "form_b2")) {
                java.util.List<String> lines = Files.readAllLines(samples.resolve(type).resolve(type + "_2021_p00000.csv"));
                java.util.List<String> alt = new java.util.ArrayList<>(java.util.List.of(lines.get(0)));
                lines.stream().filter(l -> l.startsWith("2021-annual,"))
                        .map(l -> ALTERNATIVE_RUN + l.substring("2021-annual".length())).forEach(alt::add);
                Files.write(in.resolve(type).resolve(type + "_2021_alternative.csv"), alt);
            }
            Files.write(in.resolve("review_runs").resolve("review_runs_2021_alternative.csv"), java.util.List.of(
                    "run_id,review_year,province_code,run_type,run_date,standard",
                    ALTERNATIVE_RUN + ",2021,91,annual,2021-12-20,2022_2025"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return in;
    }

}
