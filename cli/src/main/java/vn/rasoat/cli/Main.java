package vn.rasoat.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rasoat}: the command line of the warehouse, every command in this package. The jobs run on Spark (local mode
 * here, or a cluster through spark-submit of the application jar); the serving commands read the published marts
 * through DuckDB. {@code rasoat bench} is a separate program (module {@code bench}) that the launcher runs.
 */
@Command(name = "rasoat", mixinStandardHelpOptions = true, version = "rasoat 0.1.0",
        description = {"Data warehouse for Vietnam's annual review of poor and near-poor households "
                + "(rà soát hộ nghèo, hộ cận nghèo).", ""},
        footer = {"", "Benchmark (a program of its own, off the product's class path):",
                "  bench        Time the pipeline at a share of national size against two",
                "                 independent re-implementations (rasoat bench --help)."},
        subcommands = {DemoCommand.class, GenerateCommand.class, IngestCommand.class, ScoreCommand.class, MartsCommand.class,
                PipelineCommand.class, ChecksumsCommand.class,
                ListsCommand.class, RecheckCommand.class, QuarantineCommand.class,
                SchemasDocCommand.class,
                BudgetCommand.class, CheckPublishedCommand.class, CompareCommand.class, DashboardCommand.class, ServeCommand.class, ReportCommand.class,
                QueryCommand.class, QueryBenchCommand.class, RestateCommand.class, DiagnosticsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return configure(new CommandLine(new Main()));
    }

    /** The error handling every rasoat program shares (this one and {@code bench}'s): messages, not stack traces. */
    public static CommandLine configure(CommandLine cl) {
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            if (ex instanceof WarehouseOption.BadValueException) {
                cmd.getErr().println(name(cmd) + ": " + ex.getMessage());
                return cmd.getCommandSpec().exitCodeOnInvalidInput();
            }
            if (ex instanceof CommandLine.UnmatchedArgumentException u && cmd.getParent() == null
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                return unknownCommand(cmd, u.getUnmatched().get(0));
            }
            return usage.handleParseException(ex, args);
        });
        // `rasoat recheck --help`: picocli shows the main usage for --help and ignores the unknown word; refuse it
        cl.setExecutionStrategy(parsed -> {
            if (!parsed.unmatched().isEmpty() && !parsed.unmatched().get(0).startsWith("-")) {
                return unknownCommand(cl, parsed.unmatched().get(0));
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println(name(cmd) + ": " + ex.getMessage());
            if (System.getenv("RASOAT_TRACE") != null) {
                ex.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(set RASOAT_TRACE=1 for the stack trace)");
            }
            return 1;
        });
        return cl;
    }

    private static int unknownCommand(CommandLine top, String word) {
        top.getErr().println("rasoat: unknown command '" + word + "'; rasoat --help lists the commands");
        return top.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String name(CommandLine cmd) {
        // the top command's own name: "rasoat", or "rasoat bench" for the benchmark's program
        return cmd.getParent() == null ? cmd.getCommandName() : "rasoat " + cmd.getCommandName();
    }
}
