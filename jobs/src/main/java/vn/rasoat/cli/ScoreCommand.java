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

    private Integer score() {
        if (asStandard != null) {
            long n = ScoringJob.rescore(Sessions.get(common.verbose()), common.source(), warehouseOption.path(), asStandard);
            System.out.printf("rescored %,d household-runs under %s%n", n, asStandard);
            return 0;
        }
        ScoringJob.Result r = ScoringJob.run(Sessions.get(common.verbose()), common.source(), warehouseOption.path());
        System.out.printf("scored %,d household-runs: %s%n", r.households(), r.byStatus());
        System.out.printf("recorded-vs-recomputed mismatches: %,d%n", r.mismatches());
        return 0;
    }
}
