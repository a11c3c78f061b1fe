package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.dashboards.query.QueryResult;
import vn.rasoat.dashboards.site.DashboardSession;
import vn.rasoat.dashboards.site.TableFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "diagnostics", mixinStandardHelpOptions = true,
        description = {"Data-quality diagnostics of a review year, before the results: how many communes raise each flag",
                "(bunching just above the threshold, recorded-vs-recomputed mismatches, quarantined rows, rate swings, households",
                "gone without a reason) and the ranked list of communes to re-check, as an XLSX workbook and a CSV.",
                "Example: rasoat diagnostics --warehouse data/warehouse --year 2023"})
public final class DiagnosticsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--year", required = true, description = "Review year.")
    int year;

    @Option(names = "--min-households", defaultValue = "20",
            description = "Households in the two windows above the threshold for the bunching test to count (default: ${DEFAULT-VALUE}; as schemas/diagnostics/settings.json).")
    int minHouseholds;

    @Option(names = "--out", defaultValue = "diagnostics", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (DashboardSession s = DashboardSession.open(common.source(), warehouse.path(), "vi")) {
            QueryResult sum = s.dashboard().queries().run("diagnostics_summary", Map.of("year", year, "min_households", minHouseholds));
            long communes = sum.whole(0, "communes");
            long tested = sum.whole(0, "bunching_tested");
            long bunching = sum.whole(0, "flag_bunching");
            System.out.printf("%d communes in %d; bunching test on %d (enough households near the threshold): %d flagged (%.2f %%)%n",
                    communes, year, tested, bunching, tested == 0 ? 0.0 : 100.0 * bunching / tested);
            System.out.printf("flags: mismatch %d, quarantine %d, swing %d, vanished %d; communes with any flag %d%n",
                    sum.whole(0, "flag_mismatch"), sum.whole(0, "flag_quarantine"), sum.whole(0, "flag_swing"),
                    sum.whole(0, "flag_vanished"), sum.whole(0, "any_flag"));
            QueryResult list = s.dashboard().queries().run("diagnostics", Map.of("year", year));
            System.out.println("to re-check first:");
            for (int i = 0; i < Math.min(10, list.size()); i++) {
                System.out.printf("  %2s  %s %-28s flags %s  p(bunching) %s%n", list.get(i, "recheck_rank"), list.string(i, "unit_code"),
                        list.string(i, "name"), list.get(i, "flags"), QueryResult.format(list.get(i, "bunching_p_value")));
            }
            QueryResult held = s.dashboard().queries().run("completeness_by_commune", Map.of("year", year));
            long affected = 0;
            for (int i = 0; i < held.size(); i++) {
                affected += held.whole(i, "not_scored_households");
            }
            System.out.printf("households not classified (form B1/B2 missing or held): %,d in %d commune(s); most affected first:%n",
                    affected, held.size());
            for (int i = 0; i < Math.min(10, held.size()); i++) {
                System.out.printf("  %s %-28s %,6d households (%s recorded poor), classified %s%s  %s%n", held.string(i, "unit_code"),
                        held.string(i, "name"), held.whole(i, "not_scored_households"), held.get(i, "not_scored_recorded_poor"),
                        QueryResult.format(held.get(i, "completeness")),
                        Boolean.TRUE.equals(held.get(i, "incomplete")) ? " (chưa đầy đủ)" : "", held.string(i, "held_rows_command"));
            }
            Files.createDirectories(out);
            Files.write(out.resolve("completeness_" + year + ".xlsx"), TableFiles.xlsx(held, s.dashboard().labels(),
                    "Hộ chưa phân loại (phiếu bị giữ lại) năm " + year));
            Files.write(out.resolve("completeness_" + year + ".csv"), TableFiles.csv(held));
            Path xlsx = out.resolve("diagnostics_" + year + ".xlsx");
            Files.write(xlsx, TableFiles.xlsx(list, s.dashboard().labels(), "Chất lượng dữ liệu rà soát năm " + year));
            Files.write(out.resolve("diagnostics_" + year + ".csv"), TableFiles.csv(list));
            System.out.println("wrote " + xlsx + " and diagnostics_" + year + ".csv");
        }
        return 0;
    }
}
