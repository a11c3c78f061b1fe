package vn.rasoat.dashboards.site;

import org.apache.spark.sql.SparkSession;
import vn.rasoat.cli.DemoStage;
import vn.rasoat.dashboards.report.ReportWorkbook;
import vn.rasoat.io.SchemaSource;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/** The demo's dashboard site and report workbooks (the province and each district, latest year). */
public final class DashboardDemoStage implements DemoStage {
    @Override
    public int order() {
        return 40;
    }

    @Override
    public void run(SparkSession spark, SchemaSource source, String warehouse, String outputDir, PrintStream out) {
        try (DashboardSession s = DashboardSession.open(source, warehouse, "vi")) {
            Dashboard d = s.dashboard();
            int year = d.years().keySet().stream().max(Integer::compare).orElseThrow();
            Path site = Path.of(outputDir, "dashboard");
            List<Path> pages = SiteWriter.write(d, year, null, site, false);
            out.println();
            out.println("== dashboard (" + year + ")");
            out.println("  wrote " + pages.size() + " pages: " + site.resolve("index.html"));
            out.println("== report workbooks (" + year + ")");
            for (Dashboard.Unit p : d.unitsAt(year, "province", null)) {
                report(d, p.code(), year, outputDir, out);
                for (Dashboard.Unit dist : d.unitsAt(year, "district", p.code())) {
                    report(d, dist.code(), year, outputDir, out);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("dashboard: " + e.getMessage(), e);
        }
    }

    private static void report(Dashboard d, String unit, int year, String outputDir, PrintStream out) throws SQLException {
        Path f = ReportWorkbook.write(d, unit, year, Path.of(outputDir, "reports", "report_" + unit + "_" + year + ".xlsx"));
        out.println("  wrote " + f);
    }
}
