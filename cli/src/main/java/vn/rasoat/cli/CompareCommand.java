package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.analysis.compare.YearComparison;
import vn.rasoat.dashboards.query.QueryResult;
import vn.rasoat.dashboards.site.DashboardSession;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare a unit's official annual results in two review years: households, poor and near-poor counts and",
                "rates, the change in points and relative to the base year, the standards (and the change on one standard",
                "where the base year was rescored under the later one), the households not scored. The counts are a census",
                "of the listed and applicant households, so the change carries no sampling error; the output says so.",
                "Example: rasoat compare --warehouse data/warehouse --unit 91 --years 2021:2023 --subgroup ethnic_minority=yes"})
public final class CompareCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--unit", required = true, description = "Unit code: VN, a region key, a province (2 digits), district (3) or commune (5).")
    String unit;

    @Option(names = "--level", description = "The unit's level (default: from the code).")
    String level;

    @Option(names = "--years", required = true, paramLabel = "FROM:TO", description = "The base year and the later year, e.g. 2022:2024.")
    String years;

    @Option(names = "--subgroup", paramLabel = "BREAKDOWN=VALUE",
            description = "One breakdown of the rates (e.g. ethnic_minority=yes, female_head=no); default: all households. 'all' lists every one.")
    String subgroup = "all=all";

    @Override
    public Integer call() throws Exception {
        String[] y = years.split(":");
        if (y.length != 2 || !y[0].matches("\\d{4}") || !y[1].matches("\\d{4}")) {
            throw new IllegalArgumentException("--years takes FROM:TO, e.g. 2022:2024, not " + years);
        }
        int from = Integer.parseInt(y[0]);
        int to = Integer.parseInt(y[1]);
        if (from >= to) {
            throw new IllegalArgumentException("--years " + years + ": the base year must come first");
        }
        String lvl = level != null ? level : vn.rasoat.dashboards.report.ReportWorkbook.levelOf(unit);
        try (DashboardSession s = DashboardSession.open(common.source(), warehouse.path(), "vi")) {
            QueryResult r = s.dashboard().queries().run("compare_years",
                    Map.of("level", lvl, "unit", unit, "from_year", from, "to_year", to));
            List<YearComparison.Comparison> all = YearComparison.of(r, from, to);
            if (all.isEmpty()) {
                throw new IllegalArgumentException("no official results of " + lvl + " " + unit + " in both " + from + " and "
                        + to + " in " + warehouse.path() + " (rasoat query filter_years lists the years)");
            }
            List<YearComparison.Comparison> shown = subgroup.equals("all") ? all : all.stream()
                    .filter(c -> (c.breakdown() + "=" + c.value()).equals(subgroup)).toList();
            if (shown.isEmpty()) {
                throw new IllegalArgumentException("no subgroup " + subgroup + " in both years; there are: " + String.join(", ",
                        all.stream().map(c -> c.breakdown() + "=" + c.value()).toList()));
            }
            String name = s.dashboard().name(new vn.rasoat.dashboards.site.Dashboard.Page(lvl, unit, to));
            List<String> recheck = YearComparison.recheck(
                    s.dashboard().queries().run("recheck_by_unit", Map.of("level", lvl, "unit", unit, "year", from)),
                    s.dashboard().queries().run("recheck_by_unit", Map.of("level", lvl, "unit", unit, "year", to)),
                    from, to, unit);
            for (YearComparison.Comparison c : shown) {
                List<String> lines = new java.util.ArrayList<>(YearComparison.text(c, name + " (" + lvl + " " + unit + ")"));
                if (c.breakdown().equals("all") && !recheck.isEmpty()) {
                    // a re-check samples all the unit's households (not a subgroup): its estimate replaces "none recorded"
                    lines.set(lines.size() - 1, "  the counts are a census of the listed and applicant households, not a "
                            + "sample: the change has no sampling error; the review's own error is estimated by its re-check:");
                    lines.addAll(recheck);
                }
                lines.forEach(System.out::println);
            }
        }
        return 0;
    }
}
