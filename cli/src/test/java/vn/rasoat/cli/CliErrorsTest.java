package vn.rasoat.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14 §5: a bad warehouse path or an unknown command fails in one plain line, non-zero, creating nothing. */
class CliErrorsTest {
    static CliRun run(String... args) {
        return CliRun.rasoat(args);
    }

    @Test
    void readingCommandsOnAWarehouseThatDoesNotExistSayItAndCreateNothing(@TempDir Path tmp) {
        Path wh = tmp.resolve("no-such-warehouse");
        for (List<String> args : List.of(
                List.of("score", "--warehouse", wh.toString()),
                List.of("marts", "--warehouse", wh.toString()),
                List.of("checksums", "--warehouse", wh.toString()),
                List.of("lists", "--warehouse", wh.toString(), "--commune", "30730", "--year", "2023",
                        "--out", tmp.resolve("lists").toString()))) {
            CliRun r = run(args.toArray(String[]::new));
            assertNotEquals(0, r.exit(), args + ": " + r);
            assertEquals(List.of("rasoat " + args.get(0) + ": the warehouse " + wh + " does not exist"), r.errLines(),
                    args.toString());
            assertFalse(r.err().contains("PATH_NOT_FOUND"), r.err());
            assertFalse(Files.exists(wh), args + " created " + wh);
            assertFalse(Files.exists(tmp.resolve("lists")), args + " created its output folder");
        }
    }

    @Test
    void aWarehouseUnderARegularFileIsNotADirectory(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("notes.txt");
        Files.writeString(file, "x");
        Path under = file.resolve("wh");
        CliRun ingest = run("ingest", "--input", tmp.toString(), "--warehouse", under.toString());
        assertEquals(2, ingest.exit(), ingest.toString());
        assertEquals(List.of("rasoat ingest: the warehouse " + under + " is not a directory: " + file + " is a file"),
                ingest.errLines());
        assertFalse(ingest.err().contains("lock"), ingest.err());
        CliRun score = run("score", "--warehouse", file.toString());
        assertEquals(2, score.exit(), score.toString());
        assertEquals(List.of("rasoat score: the warehouse " + file + " is not a directory (it is a file)"), score.errLines());
        CliRun pipeline = run("pipeline", "--input", tmp.toString(), "--warehouse", file.toString());
        assertEquals(List.of("rasoat pipeline: the warehouse " + file + " is not a directory (it is a file)"), pipeline.errLines());
        assertEquals("x", Files.readString(file));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(file), files.toList(), "nothing created");
        }
    }

    @Test
    void creatingCommandsAcceptAWarehouseThatDoesNotExistYetWithoutCreatingItWhileParsing(@TempDir Path tmp) {
        Path wh = tmp.resolve("new").resolve("wh");
        CommandLine cl = Main.commandLine();
        CommandLine.ParseResult parsed = cl.parseArgs("ingest", "--input", tmp.toString(), "--warehouse", wh.toString());
        IngestCommand ingest = (IngestCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals(wh.toString(), ingest.warehouseOption.path());
        assertFalse(Files.exists(tmp.resolve("new")));
    }

    @Test
    void anUnknownCommandIsAnErrorEvenWithHelp() {
        for (String[] args : new String[][]{{"recheck-all", "--help"}, {"recheck-all"}}) {
            CliRun r = run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r);
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().startsWith("rasoat: unknown command 'recheck-all'"), r.err());
            assertFalse(r.out().contains("Usage"), "no usage on stdout: " + r.out());
        }
        CliRun help = run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("Usage: rasoat"), help.out());
    }
}
