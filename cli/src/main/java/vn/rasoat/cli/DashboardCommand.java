package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.dashboards.site.DashboardSession;
import vn.rasoat.dashboards.site.SiteWriter;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Write the static dashboard site of a review year from the marts (DuckDB, read-only): index.html with",
                "the provinces, a page per province and per district with their tables (CSV and XLSX downloads) and charts",
                "(PNG and SVG): rates by unit against the parent's rate, rates by year with changes of standard, deprivation",
                "heat map and contributions, movements of poor and near-poor households, score A around the threshold.",
                "Example: rasoat dashboard --warehouse data/warehouse --out site"})
public final class DashboardCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--year", description = "Review year (default: the latest with an annual review).")
    Integer year;

    @Option(names = "--province", split = ",", description = "Only these provinces' pages (default: every province).")
    List<String> provinces = List.of();

    @Option(names = "--lang", defaultValue = "vi", description = "Language of the labels: vi or en (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--out", defaultValue = "dashboard", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (DashboardSession s = DashboardSession.open(common.source(), warehouse.path(), lang)) {
            List<Path> pages = SiteWriter.write(s.dashboard(), year, provinces, out, true);
            System.out.println("wrote " + pages.size() + " pages; open " + out.resolve("index.html"));
        }
        return 0;
    }
}
