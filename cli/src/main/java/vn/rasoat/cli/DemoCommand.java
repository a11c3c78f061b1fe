package vn.rasoat.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.budget.Budget;
import vn.rasoat.budget.BudgetWriter;
import vn.rasoat.budget.CostSet;
import vn.rasoat.dashboards.report.ReportForms;
import vn.rasoat.dashboards.report.ReportWorkbook;
import vn.rasoat.dashboards.site.Dashboard;
import vn.rasoat.dashboards.site.DashboardSession;
import vn.rasoat.dashboards.site.SiteWriter;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.spark.Sessions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run every stage end to end on the bundled samples (data-samples/) and print where each output is."})
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--samples", defaultValue = "data-samples", description = "Samples folder (default: ${DEFAULT-VALUE}).")
    Path samples;

    @Option(names = "--out", defaultValue = "demo-output", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    /** The short summary: province poor and near-poor rates per year, at the end of each annual review. */
    static void printProvinceRates(SparkSession spark, String warehouse) {
        var rates = vn.rasoat.marts.MartsJob.read(spark, warehouse, "mart_rates")
                .where("level = 'province' and breakdown = 'all' and official")
                .orderBy("unit_code", "review_year", "snapshot").collectAsList();
        System.out.println("province rates at the end of each annual review (households; denominator = commune totals)");
        System.out.printf("  %-8s %-4s %-22s %-14s %9s %8s %11s %8s %11s%n", "province", "year", "snapshot", "rulebook",
                "poor", "rate %", "near-poor", "rate %", "households");
        for (var r : rates) {
            System.out.printf("  %-8s %-4d %-22s %-14s %,9d %8s %,11d %8s %,11d%n", r.getAs("unit_code"),
                    (int) r.getAs("review_year"), r.getAs("snapshot"), r.getAs("rulebook_version"),
                    (long) r.getAs("poor_households"), r.getAs("poor_rate_pct"), (long) r.getAs("near_poor_households"),
                    r.getAs("near_poor_rate_pct"), (long) r.getAs("households_total"));
        }
    }

    @Override
    public Integer call() throws Exception {
        SchemaSource source = common.source();
        Path input = samples.resolve("csv");
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("samples not found at " + input.toAbsolutePath());
        }
        Files.createDirectories(out);
        String warehouse = out.resolve("warehouse").toAbsolutePath().toString();
        try (var lock = common.lock(warehouse, "demo")) {
            return demo(source, input, warehouse);
        }
    }

    private Integer demo(SchemaSource source, Path input, String warehouse) throws Exception {
        SparkSession spark = Sessions.get(common.verbose());
        System.out.println("== ingest: " + input);
        IngestJob.Result r = IngestJob.run(spark, source, input.toAbsolutePath().toString(), warehouse);
        IngestCommand.printReconciliation(r);
        List<String> outputs = new ArrayList<>();
        outputs.add("staged tables (Parquet, by review year): " + IngestJob.stagingRoot(warehouse) + "/stg_*");
        outputs.add("quarantine: " + IngestJob.stagingRoot(warehouse) + "/quarantine");
        outputs.add("reconciliation: " + IngestJob.stagingRoot(warehouse) + "/ingest_reconciliation");
        System.out.println();
        System.out.println("== score");
        vn.rasoat.scoring.ScoringJob.Result scored = vn.rasoat.scoring.ScoringJob.run(spark, source, warehouse);
        System.out.printf("scored %,d household-runs: %s%n", scored.households(), scored.byStatus());
        ScoreCommand.printNotScored(scored.notScored(), System.out);
        System.out.printf("recorded-vs-recomputed mismatches: %,d%n", scored.mismatches());
        outputs.add("scored households: " + vn.rasoat.io.WarehouseLayout.scored(warehouse));
        System.out.println();
        System.out.println("== marts");
        java.util.Map<String, Long> marts = vn.rasoat.marts.MartsJob.run(spark, source, warehouse,
                vn.rasoat.marts.MartsJob.Options.defaults());
        marts.forEach((k, v) -> outputs.add(String.format("%-30s %,9d rows: %s", k, v,
                vn.rasoat.marts.MartsJob.martPath(warehouse, k))));
        printProvinceRates(spark, warehouse);
        int latest = vn.rasoat.marts.MartsJob.read(spark, warehouse, "fct_household_status")
                .selectExpr("max(review_year)").first().getInt(0);
        dashboardAndReports(source, warehouse, out.toAbsolutePath());
        budget(source, warehouse, latest, out.toAbsolutePath());
        System.out.println();
        System.out.println("== outputs");
        outputs.forEach(o -> System.out.println("  " + o));
        if (!r.balanced()) {
            System.err.println("reconciliation does not balance");
            return 3;
        }
        return 0;
    }

    /** The dashboard site and the report workbooks (the province and each district) of the latest year. */
    private static void dashboardAndReports(SchemaSource source, String warehouse, Path outputDir) throws SQLException {
        try (DashboardSession s = DashboardSession.open(source, warehouse, "vi")) {
            Dashboard d = s.dashboard();
            int year = d.years().keySet().stream().max(Integer::compare).orElseThrow();
            Path site = outputDir.resolve("dashboard");
            List<Path> pages = SiteWriter.write(d, year, null, site, false);
            System.out.println();
            System.out.println("== dashboard (" + year + ")");
            System.out.println("  wrote " + pages.size() + " pages: " + site.resolve("index.html"));
            System.out.println("== report workbooks (" + year + ")");
            for (Dashboard.Unit p : d.unitsAt(year, "province", null)) {
                report(d, p.code(), year, outputDir);
                for (Dashboard.Unit dist : d.unitsAt(year, "district", p.code())) {
                    report(d, dist.code(), year, outputDir);
                }
            }
            System.out.println("== report forms (Biểu 7.x, " + year + ", one workbook per form)");
            for (Dashboard.Unit p : d.unitsAt(year, "province", null)) {
                forms(d, source, p.code(), year, outputDir);
                for (Dashboard.Unit dist : d.unitsAt(year, "district", p.code())) {
                    forms(d, source, dist.code(), year, outputDir);
                }
            }
        }
    }

    private static void forms(Dashboard d, SchemaSource source, String unit, int year, Path outputDir) throws SQLException {
        Path dir = outputDir.resolve("reports").resolve("forms_" + unit + "_" + year);
        List<Path> files = ReportForms.writeAll(d, source, unit, year, dir);
        System.out.println("  wrote " + files.size() + " forms (" + String.join(", ", ReportForms.load(source).forms().stream()
                .map(ReportForms.Form::id).toList()) + "): " + dir);
    }

    private static void report(Dashboard d, String unit, int year, Path outputDir) throws SQLException {
        Path f = ReportWorkbook.write(d, unit, year, outputDir.resolve("reports").resolve("report_" + unit + "_" + year + ".xlsx"));
        System.out.println("  wrote " + f);
    }

    /** The budget of the sample province's latest review, priced with Kiên Giang's 2021 norms. */
    private static void budget(SchemaSource source, String warehouse, int year, Path outputDir) {
        CostSet costs = CostSet.load(source, "91", 2021);
        Budget b = Budget.price(source, costs, null, null, warehouse, "91", year, false, null);
        System.out.println();
        System.out.println("== budget (norms " + costs.setId() + ")");
        BudgetCommand.print(b);
        for (Path p : BudgetWriter.write(b, outputDir.resolve("budget"))) {
            System.out.println("  wrote " + p);
        }
    }
}
