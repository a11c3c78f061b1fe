package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.lists.ListsJob;
import vn.rasoat.spark.Sessions;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "lists", mixinStandardHelpOptions = true,
        description = {"Write the lists a commune must post (niêm yết): its poor and near-poor households recognised at the end",
                "of a year's annual review, with the head's name, hamlet, members and scores, as XLSX and CSV per commune.",
                "With --kind middle: the farm, forestry, fishery and salt households of middle living standard (form 7.12).",
                "They hold personal data from staging, so they go to a folder of their own (never the marts or dashboards).",
                "Example: rasoat lists --warehouse data/warehouse --commune 30730,30733 --year 2023 --out lists"})
public final class ListsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--commune", required = true, split = ",", description = "Commune code(s), 5 digits.")
    List<String> communes;

    @Option(names = "--year", required = true, description = "Review year.")
    int year;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "List the households of this annual run (default: the year's official one).")
    String run;

    @Option(names = "--kind", defaultValue = "poor", paramLabel = "poor|middle",
            description = "poor: the poor and near-poor households (danh_sach_YEAR); middle: the farm, forestry, fishery and salt"
                    + " households of middle living standard (danh_sach_muc_song_trung_binh_YEAR). Default: ${DEFAULT-VALUE}.")
    String kind;

    @Option(names = "--out", defaultValue = "lists", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        for (String c : communes) {
            if (!c.matches("[0-9]{5}")) {
                throw new IllegalArgumentException("--commune " + c + ": a commune code has 5 digits");
            }
        }
        ListsJob.Kind k = switch (kind.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "poor" -> ListsJob.Kind.POOR;
            case "middle" -> ListsJob.Kind.MIDDLE;
            default -> throw new IllegalArgumentException("--kind " + kind + ": poor or middle");
        };
        ListsJob.Result result;
        try (var lock = common.lock(warehouse.path(), "lists")) {
            result = ListsJob.run(Sessions.get(common.verbose()), common.source(), warehouse.path(), communes, year, run, out, k);
        }
        result.files().forEach(f -> System.out.println("  wrote " + f));
        result.notes().forEach(n -> System.out.println("  note: " + n));
        System.out.println("these files hold names of household heads: keep them to the posting they are for");
        return 0;
    }
}
