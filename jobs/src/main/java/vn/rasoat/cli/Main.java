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
}
