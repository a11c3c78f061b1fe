package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.rasoat.dashboards.query.NamedQuery;
import vn.rasoat.dashboards.query.QueryResult;
import vn.rasoat.dashboards.site.DashboardSession;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run one named dashboard query (dashboards/sql/) on the marts and print the result as tab-separated text.",
                "Without a name, lists the queries with their parameters.",
                "Example: rasoat query rates_by_unit --warehouse data/warehouse -p year=2023 -p level=province -p unit=91"})
public final class QueryCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    WarehouseOption warehouse;

    @Parameters(index = "0", arity = "0..1", description = "Query name.")
    String name;

    @Option(names = {"-p", "--param"}, description = "A parameter as NAME=VALUE (repeat).")
    Map<String, String> params = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (name == null) {
            for (String n : NamedQuery.names()) {
                NamedQuery q = NamedQuery.load(n);
                System.out.println(n + "  " + q.params() + "\n    " + q.title());
            }
            return 0;
        }
        try (DashboardSession s = DashboardSession.open(common.source(), warehouse.path(), "vi")) {
            QueryResult r = s.dashboard().queries().run(name, params);
            System.out.print(r.toTsv());
            System.err.println(r.size() + " row(s)");
        }
        return 0;
    }
}
