package vn.rasoat.dashboards;

import vn.rasoat.SparkTestBase;
import vn.rasoat.dashboards.site.DashboardSession;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.marts.MartsJob;
import vn.rasoat.scoring.ScoringJob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The warehouse built from {@code data-samples/csv} (ingest, score, marts), once per test JVM, under
 * {@code target/sample-warehouse}: what the golden files, chart, report, server and browser tests read.
 */
public abstract class SampleWarehouse extends SparkTestBase {
    private static Path built;

    protected static synchronized Path sampleWarehouse() {
        if (built == null) {
            Path wh = Paths.get("target", "sample-warehouse").toAbsolutePath();
            Path samples = schemasDir().getParent().resolve("data-samples").resolve("csv");
            try {
                if (Files.exists(wh)) {
                    try (Stream<Path> s = Files.walk(wh)) {
                        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            IngestJob.run(spark(), schemas(), samples.toString(), wh.toString());
            ScoringJob.run(spark(), schemas(), wh.toString());
            MartsJob.run(spark(), schemas(), wh.toString(), MartsJob.Options.defaults());
            built = wh;
        }
        return built;
    }

    protected static DashboardSession openSample(String lang) throws SQLException {
        return DashboardSession.open(schemas(), sampleWarehouse().toString(), lang);
    }
}
