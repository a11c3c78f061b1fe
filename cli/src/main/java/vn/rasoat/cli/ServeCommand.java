package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.dashboards.site.DashboardServer;
import vn.rasoat.dashboards.site.DashboardSession;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the dashboard over HTTP with filters (year, province, district, standard) that run the named",
                "queries with bound parameters on a read-only DuckDB. Binds 127.0.0.1 unless told otherwise. Ctrl-C stops it.",
                "Example: rasoat serve --warehouse data/warehouse --port 8080"})
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--threads", defaultValue = "16", description = "Most request threads (default: ${DEFAULT-VALUE}; at least 8).")
    int threads;

    @Option(names = "--lang", defaultValue = "vi", description = "The pages' default language, vi or en (default: ${DEFAULT-VALUE}); every page links to the other (?lang=).")
    String lang;

    @Override
    public Integer call() throws Exception {
        if (!bind.equals("127.0.0.1") && !bind.equals("localhost") && !bind.equals("::1")) {
            System.err.println("warning: listening on " + bind + " makes the dashboard reachable from other machines");
        }
        try (DashboardSession s = DashboardSession.open(common.source(), warehouse.path(), lang);
             DashboardServer server = new DashboardServer(s.dashboards(), s.publishedRun(), bind, port, threads)) {
            server.start();
            System.out.println("serving the dashboard on http://" + server.address() + "/  (Ctrl-C stops)");
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }
}
