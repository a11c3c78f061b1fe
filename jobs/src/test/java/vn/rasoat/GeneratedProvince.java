package vn.rasoat;

import vn.rasoat.generate.GenerateJob;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.marts.MartChecksums;
import vn.rasoat.marts.MartsJob;
import vn.rasoat.scoring.ScoringJob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * One generated district (Kiên Giang's 900, the 2023 review, 10 % of its census households, 0.5 % dirt) and its
 * warehouse built in local mode (ingest, score, marts), once per Maven run under the top-level
 * {@code target/it-province} ({@link OncePerMavenRun}): the integration tests that need "a province's inputs and
 * published marts" share it instead of generating their own (the cluster test's local baseline, the kill tests'
 * starting marts); {@code GeneratedProvinceIT} builds it in the jobs module's warm test JVM. Tests read it; one that
 * changes a warehouse works on a
 * {@link #copyOfWarehouse copy}.
 */
public final class GeneratedProvince {
    private static GeneratedProvince built;

    /** The generated input folder. */
    public final String input;
    /** The warehouse built from it in local mode. */
    public final String warehouse;
    /** The checksums of its marts as first published. */
    public final Map<String, String> checksums;

    private GeneratedProvince(String input, String warehouse, Map<String, String> checksums) {
        this.input = input;
        this.warehouse = warehouse;
        this.checksums = checksums;
    }

    public static synchronized GeneratedProvince get() {
        if (built == null) {
            Path root = OncePerMavenRun.folder("it-province", dir -> {
                String in = dir.resolve("in").toString();
                String wh = dir.resolve("wh").toString();
                GenerateJob.run(SparkTestBase.spark(), SparkTestBase.schemas(), new GenerateJob.Options(List.of("91"),
                        List.of("900"), null, 2022, List.of(2023), 5, 0.1, 0.005, in, 2));
                IngestJob.run(SparkTestBase.spark(), SparkTestBase.schemas(), in, wh);
                ScoringJob.run(SparkTestBase.spark(), SparkTestBase.schemas(), wh);
                MartsJob.run(SparkTestBase.spark(), SparkTestBase.schemas(), wh, MartsJob.Options.defaults());
                Properties p = new Properties();
                p.putAll(MartChecksums.of(SparkTestBase.spark(), wh));
                try (var out = Files.newBufferedWriter(dir.resolve(CHECKSUMS))) {
                    p.store(out, "the marts' checksums as first published");
                }
            });
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(root.resolve(CHECKSUMS))) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> checksums = new TreeMap<>();
            p.stringPropertyNames().forEach(k -> checksums.put(k, p.getProperty(k)));
            built = new GeneratedProvince(root.resolve("in").toString(), root.resolve("wh").toString(), checksums);
        }
        return built;
    }

    private static final String CHECKSUMS = "checksums.properties";

    /** A copy of the warehouse under {@code dir}, for a test that changes it. */
    public Path copyOfWarehouse(Path dir) {
        return OncePerMavenRun.copy(Path.of(warehouse), dir.resolve("wh"));
    }
}
