package vn.rasoat.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One run of a command line in the test JVM, with what it printed; for the error-message tests of every program. */
public record CliRun(int exit, String out, String err) {
    public static CliRun of(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** {@code rasoat <args>}. */
    public static CliRun rasoat(String... args) {
        return of(Main.commandLine(), args);
    }

    /** The non-blank lines printed on standard error. */
    public List<String> errLines() {
        return err.lines().filter(l -> !l.isBlank()).toList();
    }

    /** What a folder holds (to check that a refused command created nothing). */
    public static List<Path> contents(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }
}
