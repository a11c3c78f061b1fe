package vn.rasoat.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ServiceLoader;

/** {@code rasoat}: the command line of the warehouse. Modules add commands through {@link CommandProvider}. */
@Command(name = "rasoat", mixinStandardHelpOptions = true, version = "rasoat 0.1.0",
        description = {"Data warehouse for Vietnam's annual review of poor and near-poor households "
                + "(rà soát hộ nghèo, hộ cận nghèo).", ""},
        subcommands = {DemoCommand.class, GenerateCommand.class, IngestCommand.class, ScoreCommand.class, MartsCommand.class,
                PipelineCommand.class, ChecksumsCommand.class,
                ListsCommand.class, QuarantineCommand.class,
                SchemasDocCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (CommandProvider p : ServiceLoader.load(CommandProvider.class)) {
            p.commands().forEach(c -> cl.addSubcommand(c));
        }
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
            cmd.getErr().println("rasoat " + cmd.getCommandName() + ": " + ex.getMessage());
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
        return cmd.getParent() == null ? "rasoat" : "rasoat " + cmd.getCommandName();
    }
}
