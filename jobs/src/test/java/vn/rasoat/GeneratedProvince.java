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
 * Two generated districts of two provinces (Hà Nội's Ba Đình, 001, whose wards were split between new wards in 2025,
 * and Kiên Giang's Rạch Giá, 899, merged into An Giang; the 2024 review, 5 % of their census households, 0.5 % dirt)
 * and their warehouse built in local mode (ingest, score, marts), once per Maven run under the top-level
 * {@code target/it-province} ({@link OncePerMavenRun}): the integration tests that need "a province's inputs and
 * published marts" share it instead of generating their own (the cluster test's local baseline, the kill tests'
 * starting marts, the restatement into the 2025 boundaries); {@code GeneratedProvinceIT} builds it in the jobs
 * module's warm test JVM. Tests read it; one that changes a warehouse works on a
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
                GenerateJob.run(SparkTestBase.spark(), SparkTestBase.schemas(), options(5, in));
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

    /** The generator's options for these districts and year, drawn with {@code seed} into {@code out}. */
    public static GenerateJob.Options options(int seed, String out) {
        return new GenerateJob.Options(List.of("01", "91"), List.of("001", "899"), null, 2024, List.of(2024), seed, 0.05,
                0.005, out, 2);
    }

    /** A copy of the warehouse under {@code dir}, for a test that changes it. */
    public Path copyOfWarehouse(Path dir) {
        return OncePerMavenRun.copy(Path.of(warehouse), dir.resolve("wh"));
    }
}
