package vn.rasoat.cli;

import java.util.List;

/** Lets another module (dashboards) add subcommands to {@code rasoat} without the jobs module knowing it. */
public interface CommandProvider {
    List<Object> commands();
}
