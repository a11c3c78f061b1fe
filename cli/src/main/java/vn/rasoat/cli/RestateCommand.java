package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.analysis.restate.RestateSources;
import vn.rasoat.marts.Restatement;
import vn.rasoat.dashboards.query.QueryResult;
import vn.rasoat.dashboards.site.DashboardSession;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "restate", mixinStandardHelpOptions = true,
        description = {"Restate a year's commune-level review results in the boundaries of 2025-07-01 (34 provinces, no districts):",
                "old communes mapped through the crosswalk, split communes allocated by census-household shares in whole",
                "households and people (largest remainder), so every province's and the nation's totals are kept exactly.",
                "Writes the new communes, the new provinces with their rates, and every allocation with its rule and share.",
                "Example: rasoat restate --warehouse data/warehouse --year 2024 --out restated"})
public final class RestateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--year", required = true, description = "Review year to restate.")
    int year;

    @Option(names = "--out", defaultValue = "restated", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    /** A count; a commune total no source had is blank (unknown), not 0. */
    private static String cell(Map<String, Long> counts, String measure) {
        Long v = counts.get(measure);
        return v != null ? v.toString() : Restatement.DENOMINATORS.contains(measure) ? "" : "0";
    }

    @Override
    public Integer call() throws Exception {
        try (DashboardSession s = DashboardSession.open(common.source(), warehouse.path(), "vi")) {
            QueryResult r = s.dashboard().queries().run("restate_source", Map.of("year", year));
            if (r.isEmpty()) {
                throw new IllegalArgumentException("no commune results for " + year + " in " + warehouse.path());
            }
            Restatement.Result res = Restatement.load(common.source()).restate(RestateSources.of(r));
            String versions = r.string(0, "rulebook_version") + "," + r.string(0, "input_version");
            Files.createDirectories(out);
            String stem = "restated_" + year + "_to_2025-07-01";
            StringBuilder c = new StringBuilder("province_code,commune_code," + String.join(",", Restatement.MEASURES)
                    + ",rulebook_version,input_version\n");
            for (Restatement.Target t : res.communes()) {
                c.append(t.newProvince()).append(',').append(t.newCommune());
                Restatement.MEASURES.forEach(m -> c.append(',').append(cell(t.counts(), m)));
                c.append(',').append(versions).append('\n');
            }
            StringBuilder p = new StringBuilder("province_code," + String.join(",", Restatement.MEASURES)
                    + ",poor_rate_pct,near_poor_rate_pct,rulebook_version,input_version"
                    + ",completeness,incomplete,poor_rate_low,poor_rate_high,near_poor_rate_low,near_poor_rate_high\n");
            java.math.BigDecimal threshold = vn.rasoat.marts.MartSettings.completenessThreshold(common.source());
            res.provinces().forEach((code, counts) -> {
                p.append(code);
                Restatement.MEASURES.forEach(m -> p.append(',').append(cell(counts, m)));
                p.append(',').append(Restatement.rate(counts, "poor_households")).append(',').append(Restatement.rate(counts, "near_poor_households"))
                        .append(',').append(versions);
                p.append(',').append(Restatement.completeness(counts, threshold).csv()).append('\n');
            });
            StringBuilder a = new StringBuilder("old_province_code,old_commune_code,new_province_code,new_commune_code,rule,share\n");
            for (Restatement.Allocation x : res.allocations()) {
                a.append(x.oldProvince()).append(',').append(x.oldCommune()).append(',').append(x.newProvince()).append(',')
                        .append(x.newCommune()).append(',').append(x.rule()).append(',')
                        .append(String.format(java.util.Locale.ROOT, "%.6f", x.share())).append('\n');
            }
            Files.writeString(out.resolve(stem + "_communes.csv"), c, StandardCharsets.UTF_8);
            Files.writeString(out.resolve(stem + "_provinces.csv"), p, StandardCharsets.UTF_8);
            Files.writeString(out.resolve(stem + "_allocations.csv"), a, StandardCharsets.UTF_8);
            Map<String, Long> before = new LinkedHashMap<>();
            for (Restatement.Source src : RestateSources.of(r)) {
                src.counts().forEach((m, v) -> before.merge(m, v, Long::sum));
            }
            long split = res.allocations().stream().filter(x -> x.share() < 1.0).map(Restatement.Allocation::oldCommune).distinct().count();
            long unallocated = res.allocations().stream().filter(x -> x.rule().equals("province_only")).count();
            System.out.printf("%d old communes → %d new communes in %d provinces (%d split by census shares, %d not in the crosswalk: kept at province level)%n",
                    r.size(), res.communes().size(), res.provinces().size(), split, unallocated);
            for (String m : Restatement.MEASURES) {
                System.out.printf("  %-22s before %,14d  after %,14d  %s%n", m, before.getOrDefault(m, 0L),
                        res.national().getOrDefault(m, 0L), before.getOrDefault(m, 0L).equals(res.national().getOrDefault(m, 0L)) ? "equal" : "DIFFERENT");
            }
            System.out.println("wrote " + out.resolve(stem + "_{communes,provinces,allocations}.csv"));
        }
        return 0;
    }
}
