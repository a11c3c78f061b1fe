package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.dashboards.report.ReportWorkbook;
import vn.rasoat.dashboards.site.DashboardSession;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the review report tables of a unit and year as an XLSX workbook with Vietnamese headings:",
                "review results (with the units one level below), movements of poor and of near-poor households,",
                "deprivation by indicator, target groups.",
                "Example: rasoat report --warehouse data/warehouse --unit 91 --year 2023"})
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--unit", required = true, description = "Unit code: province (2 digits), district (3), commune (5), a region key or VN.")
    String unit;

    @Option(names = "--year", required = true, description = "Review year.")
    int year;

    @Option(names = "--lang", defaultValue = "vi", description = "vi or en (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--out", description = "Workbook to write (default: reports/report_<unit>_<year>.xlsx).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path file = out != null ? out : Path.of("reports", "report_" + unit + "_" + year + ".xlsx");
        try (DashboardSession s = DashboardSession.open(common.source(), warehouse.path(), lang)) {
            System.out.println("wrote " + ReportWorkbook.write(s.dashboard(), unit, year, file));
        }
        return 0;
    }
}
