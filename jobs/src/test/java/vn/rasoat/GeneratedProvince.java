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
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One generated district (Kiên Giang's 900, the 2023 review, 10 % of its census households, 0.5 % dirt) and its
 * warehouse built in local mode (ingest, score, marts), once per test JVM under {@code target/it-province}: the
 * integration tests that need "a province's inputs and published marts" share it instead of generating their own
 * (the cluster test's local baseline, the kill test's starting marts). Tests read it; one that changes a warehouse
 * works on a {@link #copyOfWarehouse copy}.
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
            Path root = Paths.get("target", "it-province").toAbsolutePath();
            delete(root);
            String in = root.resolve("in").toString();
            String wh = root.resolve("wh").toString();
            GenerateJob.run(SparkTestBase.spark(), SparkTestBase.schemas(), new GenerateJob.Options(List.of("91"),
                    List.of("900"), null, 2022, List.of(2023), 5, 0.1, 0.005, in, 2));
            IngestJob.run(SparkTestBase.spark(), SparkTestBase.schemas(), in, wh);
            ScoringJob.run(SparkTestBase.spark(), SparkTestBase.schemas(), wh);
            MartsJob.run(SparkTestBase.spark(), SparkTestBase.schemas(), wh, MartsJob.Options.defaults());
            built = new GeneratedProvince(in, wh, MartChecksums.of(SparkTestBase.spark(), wh));
        }
        return built;
    }

    /** A copy of the warehouse under {@code dir}, for a test that changes it. */
    public Path copyOfWarehouse(Path dir) {
        Path from = Path.of(warehouse);
        Path to = dir.resolve("wh");
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
