package vn.rasoat.dashboards;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.rasoat.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Issue 14 §5 for the dashboards' commands: one plain line, a non-zero exit, nothing created. */
class DashboardCliErrorsTest {
    private static String[] run(int[] exit, String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        exit[0] = cl.execute(args);
        return err.toString().lines().filter(l -> !l.isBlank()).toArray(String[]::new);
    }

    private static List<Path> contents(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.toList();
        }
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

    @Test
    void benchWithABadScaleOrWorkFolderCreatesNothing(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("work");
        for (String scale : List.of("0", "-0.5", "1.5", "NaN")) {
            int[] exit = new int[1];
            String[] err = run(exit, "bench", "--scale", scale, "--work", work.toString());
            assertEquals(2, exit[0], scale);
            assertEquals(1, err.length, String.join("\n", err));
            assertEquals("rasoat bench: --scale must be above 0 and at most 1 (1.0 = national size), not "
                    + Double.parseDouble(scale), err[0]);
            assertEquals(List.of(), contents(tmp), "--scale " + scale + " created the work folder");
        }
        Path file = tmp.resolve("file");
        Files.writeString(file, "");
        int[] exit = new int[1];
        String[] err = run(exit, "bench", "--work", file.resolve("w").toString());
        assertEquals(2, exit[0]);
        assertEquals(List.of("rasoat bench: the work folder " + file.resolve("w") + " is not a directory: " + file
                + " is a file"), List.of(err));
        assertEquals(List.of(file), contents(tmp));
    }
}
