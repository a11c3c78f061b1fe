package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.dashboards.report.ReportForms;
import vn.rasoat.dashboards.report.ReportWorkbook;
import vn.rasoat.dashboards.site.DashboardSession;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the review's report forms (Biểu 7.x), one XLSX workbook per form, or the summary workbook.",
                "--form F: one form for the unit, rows for the units one level below and a total row, two-level headings,",
                "a signature block, A4 landscape one page wide and a notes sheet (versions, what was not collected).",
                "--all: every form the project produces, one file each (bieu_<form>_<unit>_<year>.xlsx) in --out.",
                "Without either: the summary workbook (results with the units below, movements of poor and of near-poor",
                "households, deprivation by indicator, target groups), in Vietnamese or English (--lang).",
                "Forms and their columns: schemas/reports/forms.json (docs/report-forms.md).",
                "Examples: rasoat report --warehouse data/warehouse --form 7.2 --unit 906 --year 2023",
                "          rasoat report --warehouse data/warehouse --all --unit 91 --year 2023 --out reports/91"})
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--unit", required = true, description = "Unit code: province (2 digits), district (3), commune (5), a region key or VN.")
    String unit;

    @Option(names = "--year", required = true, description = "Review year.")
    int year;

    @Option(names = "--form", description = "One report form, e.g. 7.2 (see --all for the list).")
    String form;

    @Option(names = "--all", description = "Every report form, one workbook each, into the folder --out (default: reports/forms_<unit>_<year>).")
    boolean all;

    @Option(names = "--lang", defaultValue = "vi", description = "vi or en, for the summary workbook (default: ${DEFAULT-VALUE}); the forms are in Vietnamese.")
    String lang;

    @Option(names = "--out", description = "Workbook to write (a folder with --all). Default: reports/report_<unit>_<year>.xlsx, "
            + "reports/bieu_<form>_<unit>_<year>.xlsx or reports/forms_<unit>_<year>/.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (all && form != null) {
            throw new IllegalArgumentException("--form and --all: choose one");
        }
        try (DashboardSession s = DashboardSession.open(common.source(), warehouse.path(), all || form != null ? "vi" : lang)) {
            if (all) {
                Path dir = out != null ? out : Path.of("reports", "forms_" + unit + "_" + year);
                List<Path> files = ReportForms.writeAll(s.dashboard(), common.source(), unit, year, dir);
                files.forEach(f -> System.out.println("wrote " + f));
                for (Map.Entry<String, String> e : ReportForms.load(common.source()).notProduced().entrySet()) {
                    System.out.println("not produced: Biểu " + e.getKey() + " — " + e.getValue());
                }
            } else if (form != null) {
                Path file = out != null ? out : Path.of("reports", ReportForms.fileName(form, unit, year));
                System.out.println("wrote " + ReportForms.write(s.dashboard(), common.source(), form, unit, year, file));
            } else {
                Path file = out != null ? out : Path.of("reports", "report_" + unit + "_" + year + ".xlsx");
                System.out.println("wrote " + ReportWorkbook.write(s.dashboard(), unit, year, file));
            }
        }
        return 0;
    }
}
