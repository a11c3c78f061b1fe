package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.marts.MartsJob;
import vn.rasoat.spark.Sessions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "marts", mixinStandardHelpOptions = true,
        description = {"Build the marts (fct_household_status, mart_rates, mart_deprivation*, mart_transitions,",
                "mart_transition_matrix, mart_spells) from the scored households."})
public final class MartsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    WarehouseOption warehouseOption;

    @Option(names = "--pair", split = ",", paramLabel = "BASE:TARGET",
            description = "Extra base→target year pairs for the transitions, e.g. 2021:2023 (consecutive pairs are always built).")
    List<String> pairs = new ArrayList<>();

    @Option(names = "--as-of", split = ",", paramLabel = "DATE",
            description = "Also write mart_rates as of these month ends (yyyy-mm-dd): latest recognised statuses, so monthly regular reviews count.")
    List<LocalDate> asOf = new ArrayList<>();

    @Option(names = "--as-of-only", description = "Only write the --as-of rates (leave the annual marts as they are).")
    boolean asOfOnly;

    @Option(names = "--repoor-lookback", paramLabel = "YEARS",
            description = "How many years back 'poor before' reaches for re-poor (default: every earlier year in the warehouse).")
    Integer lookback;

    @Override
    public Integer call() {
        List<int[]> extra = new ArrayList<>();
        for (String p : pairs) {
            String[] parts = p.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("--pair takes BASE:TARGET, e.g. 2021:2023, not " + p);
            }
            int base = Integer.parseInt(parts[0].trim());
            int target = Integer.parseInt(parts[1].trim());
            if (target <= base) {
                throw new IllegalArgumentException("--pair " + p + ": the target year must follow the base year");
            }
            extra.add(new int[]{base, target});
        }
        for (LocalDate d : asOf) {
            if (d.plusDays(1).getDayOfMonth() != 1) {
                throw new IllegalArgumentException("--as-of " + d + " is not a month end");
            }
        }
        Map<String, Long> written;
        try (var lock = common.lock(warehouseOption.path(), "marts")) {
            written = MartsJob.run(Sessions.get(common.verbose()), common.source(), warehouseOption.path(),
                    new MartsJob.Options(extra, asOf, lookback, asOfOnly));
        }
        written.forEach((k, v) -> System.out.printf("  %-30s %,10d rows  %s%n", k, v, MartsJob.martPath(warehouseOption.path(), k)));
        return 0;
    }
}
