package vn.rasoat.dashboards;

import vn.rasoat.cli.CommandProvider;
import vn.rasoat.dashboards.budget.BudgetCommand;
import vn.rasoat.dashboards.commands.DashboardCommand;
import vn.rasoat.dashboards.commands.QueryBenchCommand;
import vn.rasoat.dashboards.commands.QueryCommand;
import vn.rasoat.dashboards.commands.ReportCommand;
import vn.rasoat.dashboards.commands.ServeCommand;

import java.util.List;

/** The dashboards module's commands, added to {@code rasoat} through ServiceLoader. */
public final class DashboardCommands implements CommandProvider {
    @Override
    public List<Object> commands() {
        return List.of(new BudgetCommand(), new DashboardCommand(), new ServeCommand(), new ReportCommand(),
                new QueryCommand(), new QueryBenchCommand(), new vn.rasoat.dashboards.restate.RestateCommand(),
                new vn.rasoat.dashboards.commands.DiagnosticsCommand(), new vn.rasoat.dashboards.bench.BenchCommand());
    }
}
