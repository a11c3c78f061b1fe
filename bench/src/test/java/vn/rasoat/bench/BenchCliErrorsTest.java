package vn.rasoat.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.cli.CliRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code rasoat bench} with a bad option: one plain line, exit 2, nothing created. */
class BenchCliErrorsTest {
    private static String[] run(int[] exit, String... args) {
        CliRun r = CliRun.of(BenchMain.commandLine(), args);
        exit[0] = r.exit();
        return r.errLines().toArray(String[]::new);
    }

    private static List<Path> contents(Path dir) throws Exception {
        return CliRun.contents(dir);
    }

    @Test
    void benchWithABadScaleOrWorkFolderCreatesNothing(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("work");
        for (String scale : List.of("0", "-0.5", "1.5", "NaN")) {
            int[] exit = new int[1];
            String[] err = run(exit, "--scale", scale, "--work", work.toString());
            assertEquals(2, exit[0], scale);
            assertEquals(1, err.length, String.join("\n", err));
            assertEquals("rasoat bench: --scale must be above 0 and at most 1 (1.0 = national size), not "
                    + Double.parseDouble(scale), err[0]);
            assertEquals(List.of(), contents(tmp), "--scale " + scale + " created the work folder");
        }
        for (String province : List.of("1", "abc", "99")) {
            int[] exit = new int[1];
            String[] err = run(exit, "--province", province, "--work", work.toString());
            assertEquals(2, exit[0], province);
            assertEquals(1, err.length, String.join("\n", err));
            assertEquals(province.equals("99")
                    ? "rasoat bench: --province: no province [99] in the 2019 census of the 63 provinces"
                    : "rasoat bench: --province takes 2-digit province codes, e.g. 89, not " + province, err[0]);
            assertEquals(List.of(), contents(tmp), "--province " + province + " created the work folder");
        }
        // a province code of the 63 is refused for a review year on the 34 provinces' list, before anything is made
        int[] late = new int[1];
        String[] lateErr = run(late, "--province", "35", "--year", "2025", "--no-panel", "--work", work.toString());
        assertEquals(1, late[0]);
        assertEquals("rasoat bench: --province takes the codes of the 63 provinces, whose census shares it reports: review "
                + "years from 2025 use the 34 provinces' codes (pick --year and --panel-years before 2025, or --no-panel)", lateErr[0]);
        assertEquals(List.of(), contents(tmp), "--province 35 --year 2025 created the work folder");
        Path file = tmp.resolve("file");
        Files.writeString(file, "");
        int[] exit = new int[1];
        String[] err = run(exit, "--work", file.resolve("w").toString());
        assertEquals(2, exit[0]);
        assertEquals(List.of("rasoat bench: the work folder " + file.resolve("w") + " is not a directory: " + file
                + " is a file"), List.of(err));
        assertEquals(List.of(file), contents(tmp));
    }
}
