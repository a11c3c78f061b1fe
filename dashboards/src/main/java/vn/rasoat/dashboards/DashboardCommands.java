package vn.rasoat.dashboards;

import vn.rasoat.cli.CommandProvider;
import vn.rasoat.dashboards.budget.BudgetCommand;

import java.util.List;

/** The dashboards module's commands, added to {@code rasoat} through ServiceLoader. */
public final class DashboardCommands implements CommandProvider {
    @Override
    public List<Object> commands() {
        return List.of(new BudgetCommand());
    }
}
