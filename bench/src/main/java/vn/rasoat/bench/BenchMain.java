package vn.rasoat.bench;

import vn.rasoat.cli.Main;

import picocli.CommandLine;

/**
 * {@code rasoat bench}: a program of its own, so that the benchmark and its two independent peers (the yardstick the
 * pipeline is checked against) stay off the product's class path. The launcher runs it for {@code ./rasoat bench}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return Main.configure(new CommandLine(new BenchCommand()).setCommandName("rasoat bench"));
    }
}
