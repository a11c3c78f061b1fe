package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.scoring.ScoringJob;
import vn.rasoat.spark.Sessions;

import java.util.concurrent.Callable;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score staged households under each review run's rulebook into intermediate/int_household_scored,",
                "with the recorded scores and status beside the recomputed ones."})
public final class ScoreCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    WarehouseOption warehouseOption;

    @Option(names = "--as-standard", paramLabel = "STANDARD",
            description = "Rescore every run's answers under this standard (e.g. 2022_2025) into intermediate/int_household_rescored.")
    String asStandard;

    @Override
    public Integer call() {
        try (var lock = common.lock(warehouseOption.path(), "score")) {
            return score();
        }
    }

    /** Per commune (most affected first): households that could not be classified, and the command that lists the
     * held rows an officer fixes. At most {@code LIMIT} lines; the rest are counted, never dropped silently. */
    static void printNotScored(java.util.List<ScoringJob.NotScored> rows, java.io.PrintStream out) {
        if (rows.isEmpty()) {
            out.println("every reviewed household was classified (no form B1/B2 missing or held)");
            return;
        }
        long total = rows.stream().mapToLong(ScoringJob.NotScored::households).sum();
        out.printf("households not classified (form B1/B2 missing or held in quarantine): %,d in %,d commune-years%n",
                total, rows.size());
        out.println("  year  commune  households  held  recorded poor  recorded near-poor  held rows");
        int limit = 50;
        for (ScoringJob.NotScored r : rows.subList(0, Math.min(limit, rows.size()))) {
            out.printf("  %d  %-7s  %,10d  %,4d  %,13d  %,18d  ./rasoat quarantine --commune %s --year %d%n",
                    r.reviewYear(), r.communeCode(), r.households(), r.held(), r.recordedPoor(), r.recordedNearPoor(),
                    r.communeCode(), r.reviewYear());
        }
        if (rows.size() > limit) {
            long rest = rows.subList(limit, rows.size()).stream().mapToLong(ScoringJob.NotScored::households).sum();
            out.printf("  … %,d more commune-years with %,d households (./rasoat diagnostics ranks them all)%n",
                    rows.size() - limit, rest);
        }
    }

    private Integer score() {
        if (asStandard != null) {
            long n = ScoringJob.rescore(Sessions.get(common.verbose()), common.source(), warehouseOption.path(), asStandard);
            System.out.printf("rescored %,d household-runs under %s%n", n, asStandard);
            return 0;
        }
        ScoringJob.Result r = ScoringJob.run(Sessions.get(common.verbose()), common.source(), warehouseOption.path());
        System.out.printf("scored %,d household-runs: %s%n", r.households(), r.byStatus());
        System.out.printf("recorded-vs-recomputed mismatches: %,d%n", r.mismatches());
        printNotScored(r.notScored(), System.out);
        return 0;
    }
}
