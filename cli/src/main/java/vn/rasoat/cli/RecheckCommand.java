package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.analysis.recheck.RecheckPlan;
import vn.rasoat.analysis.recheck.RecheckReport;
import vn.rasoat.spark.Sessions;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "recheck", mixinStandardHelpOptions = true,
        subcommands = {RecheckCommand.Plan.class, RecheckCommand.Report.class},
        description = {"Re-check (phúc tra) of a review's results by a stratified random sample of its households:",
                "plan draws the sample and writes the field list; report estimates the error rates and the corrected",
                "counts and rates from the re-verification results (docs/recheck.md).",
                "Example: rasoat recheck plan --warehouse data/warehouse --unit 91 --year 2023 --size 400 --seed 7",
                "         rasoat recheck report --warehouse data/warehouse --plan 91_2023_n400_s7 --results ket_qua.csv"})
public final class RecheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "name a step: rasoat recheck plan … or rasoat recheck report … (--help)");
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = {"Draw a stratified random sample of a unit's reviewed households for field re-verification.",
                    "Strata: district × recorded status (poor, near-poor, middle, not poor, screened out) × whether the",
                    "diagnostics flag the commune; allocation proportional to size with a minimum per stratum, flagged",
                    "communes over-sampled by --flagged-factor; the same seed gives the same list.",
                    "Writes the field list (XLSX, CSV, with names from staging) and a results template into --out (never",
                    "the marts), and the design (strata sizes, inclusion probabilities, weights) into the warehouse.",
                    "Example: rasoat recheck plan --warehouse data/warehouse --unit 91 --year 2023 --size 400 --seed 7"})
    public static final class Plan implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Mixin
        WarehouseOption warehouse;

        @Option(names = "--unit", required = true, description = "Province (2 digits), district (3) or commune (5) code.")
        String unit;

        @Option(names = "--year", required = true, description = "Review year (its official annual review).")
        int year;

        @Option(names = "--size", required = true, description = "Households to re-check.")
        int size;

        @Option(names = "--seed", required = true, description = "Random seed (the same seed gives the same sample).")
        long seed;

        @Option(names = "--min-per-stratum", defaultValue = "5", description = "At least this many per stratum, all of a smaller one (default: ${DEFAULT-VALUE}).")
        int minimum;

        @Option(names = "--flagged-factor", defaultValue = "2", description = "Households of communes the diagnostics flag count this many times in the allocation (default: ${DEFAULT-VALUE}).")
        double factor;

        @Option(names = "--out", defaultValue = "recheck", description = "Folder for the field list (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() {
            RecheckPlan.Plan p;
            try (var lock = common.lock(warehouse.path(), "recheck plan")) {
                p = RecheckPlan.run(Sessions.get(common.verbose()), common.source(), warehouse.path(),
                        new RecheckPlan.Options(unit, year, size, seed, minimum, factor, out));
            }
            System.out.println("re-check plan " + p.id() + ": " + size + " of " + p.population()
                    + " reviewed households with a recorded status (" + p.notScored()
                    + " not classified, forms held: not drawn)");
            System.out.printf("  %-32s %10s %8s%n", "stratum (district|status|commune)", "households", "sample");
            for (Map.Entry<String, long[]> e : p.strata().entrySet()) {
                System.out.printf("  %-32s %,10d %,8d%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
            }
            System.out.println("  design: " + p.designDir());
            p.files().forEach(f -> System.out.println("  wrote " + f));
            System.out.println("the field list holds names of household heads: keep it to the re-check team");
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Estimate from a plan's re-verification results (CSV, schemas/inputs/recheck_results.json): per",
                    "unit and district the share of households whose status changes, the confusion matrix, the corrected",
                    "counts and rates of poor and near-poor households with design-based intervals, the strata that drive",
                    "the error. Rows that break the contract, name another plan or a household not drawn are held.",
                    "Example: rasoat recheck report --warehouse data/warehouse --plan 91_2023_n400_s7 --results ket_qua.csv"})
    public static final class Report implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Mixin
        WarehouseOption warehouse;

        @Option(names = "--plan", required = true, description = "Plan id (printed by recheck plan).")
        String plan;

        @Option(names = "--results", required = true, description = "The re-verification results, CSV.")
        Path results;

        @Option(names = "--confidence", defaultValue = "0.95", description = "Confidence of the intervals (default: ${DEFAULT-VALUE}).")
        double confidence;

        @Option(names = "--out", defaultValue = "recheck", description = "Folder for the report (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() {
            RecheckReport.Report r;
            try (var lock = common.lock(warehouse.path(), "recheck report")) {
                r = RecheckReport.run(Sessions.get(common.verbose()), common.source(), warehouse.path(), plan, results,
                        confidence, out);
            }
            RecheckReport.summary(r, confidence).forEach(System.out::println);
            r.files().forEach(f -> System.out.println("  wrote " + f));
            return 0;
        }
    }
}
