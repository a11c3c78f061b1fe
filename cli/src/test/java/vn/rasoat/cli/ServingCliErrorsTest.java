package vn.rasoat.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Issue 14 §5 for the serving, budget and restatement commands: one plain line, a non-zero exit, nothing created. */
class ServingCliErrorsTest {
    private static String[] run(int[] exit, String... args) {
        CliRun r = CliRun.of(Main.commandLine(), args);
        exit[0] = r.exit();
        return r.errLines().toArray(String[]::new);
    }

    private static List<Path> contents(Path dir) throws Exception {
        return CliRun.contents(dir);
    }

    @Test
    void everyCommandThatReadsAWarehouseSaysItDoesNotExist(@TempDir Path tmp) throws Exception {
        String wh = tmp.resolve("no-such-warehouse").toString();
        String out = tmp.resolve("out").toString();
        for (List<String> args : List.of(
                List.of("dashboard", "--warehouse", wh, "--out", out),
                List.of("serve", "--warehouse", wh),
                List.of("report", "--warehouse", wh, "--unit", "91", "--year", "2023", "--out", out),
                List.of("query", "rates_by_unit", "--warehouse", wh),
                List.of("query-bench", "--warehouse", wh),
                List.of("budget", "--province", "91", "--year", "2023", "--warehouse", wh, "--out", out),
                List.of("restate", "--warehouse", wh, "--year", "2024", "--out", out),
                List.of("diagnostics", "--warehouse", wh, "--year", "2023", "--out", out))) {
            int[] exit = new int[1];
            String[] err = run(exit, args.toArray(String[]::new));
            assertNotEquals(0, exit[0], args.toString());
            assertEquals(List.of("rasoat " + args.get(0) + ": the warehouse " + wh + " does not exist"), List.of(err),
                    args.toString());
            assertEquals(List.of(), contents(tmp), args + " created something");
        }
    }
}
