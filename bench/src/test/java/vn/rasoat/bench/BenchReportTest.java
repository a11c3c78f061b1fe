package vn.rasoat.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench report's targets by scale, where the time goes when one is missed, and the ingest's CSV yardstick. */
class BenchReportTest {
    private static Meter.Figures stage(String dataset, String stage, double seconds, long rows, List<String> steps) {
        return new Meter.Figures(dataset, stage, seconds, rows, 1L << 30, 2L << 30, 0, Map.of("job at X.java:1", seconds / 2),
                "", steps);
    }

    private static BenchReport report(double scale, double ingest, double score, double marts) {
        BenchReport r = new BenchReport(scale, 6L << 30, 2);
        r.add(stage("one year 2023", "ingest", ingest, 160_000, List.of("2.0 s review_runs", "7.5 s household_roster")));
        r.add(stage("one year 2023", BenchReport.YARDSTICK, 2.0, 160_000, List.of()));
        r.add(stage("one year 2023", "score", score, 25_000, List.of()));
        r.add(stage("one year 2023", "marts", marts, 25_000, List.of("1.0 s fct", "30.0 s mart_deprivation")));
        return r;
    }

    private static void contains(String report, String part) {
        assertTrue(report.contains(part), "no «" + part + "» in:\n" + report);
    }

    @Test
    void aMissedTargetSaysWhereTheTimeGoesAMetOneDoesNot() {
        String missed = report(0.01, 20, 5, 25).markdown();
        contains(missed, "CSV → all marts 50.0 s (target ≤ 30 s: **not met**)");
        contains(missed, "where the 50.0 s go");
        // each stage's share, its slowest step first
        contains(missed, "ingest 20.0 s (40 %); slowest steps: 7.5 s household_roster; 2.0 s review_runs");
        contains(missed, "marts 25.0 s (50 %); slowest steps: 30.0 s mart_deprivation; 1.0 s fct");
        contains(missed, "the ingest takes **10.0×** the yardstick");

        String met = report(0.1, 20, 5, 25).markdown();
        contains(met, "CSV → all marts 50.0 s (target ≤ 60 s: met)");
        assertFalse(met.contains("where the"), met);

        // the national targets: ingest rows/s and the marts' own 60 s, missed here though the whole run is met
        String national = report(1.0, 100, 10, 65).markdown();
        contains(national, "CSV → all marts 175.0 s (target ≤ 180 s: met)");
        contains(national, "marts 65.0 s (target ≤ 60 s: **not met**)");
        contains(national, "(target ≥ 150,000 rows/s: **not met**)");
        contains(national, "where the 175.0 s go");

        // a yardstick that failed is said, with why, and gives no ratio
        BenchReport failed = new BenchReport(0.01, 6L << 30, 2);
        failed.add(stage("one year 2023", "ingest", 20, 160_000, List.of()));
        failed.add(new Meter.Figures("one year 2023", BenchReport.YARDSTICK, 0.5, 0, 0, 0, 0, Map.of(), "FAILED: disk full", List.of()));
        contains(failed.markdown(), "no yardstick for the ingest (FAILED: disk full)");
        assertFalse(failed.markdown().contains("the yardstick"), failed.markdown());

        String other = report(0.05, 20, 5, 25).markdown();
        contains(other, "the targets name 1 %, 10 % and 100 %");
    }

    private static BenchReport provinceReport(double scale, double share, double ingest, double score, double marts) {
        BenchReport r = new BenchReport(scale, List.of("35"), share, 6L << 30, 2);
        r.add(stage("one year 2023", "ingest", ingest, 160_000, List.of("2.0 s review_runs", "7.5 s household_roster")));
        r.add(stage("one year 2023", "score", score, 25_000, List.of()));
        r.add(stage("one year 2023", "marts", marts, 25_000, List.of("1.0 s fct", "30.0 s mart_deprivation")));
        return r;
    }

    @Test
    void wholeProvincesOfAtMostThreePercentOfTheCountryAreHeldToTheProvinceTargetAndNeverToTheNationalOnes() {
        // Hà Nam, 1.004 % of the country's households, every one of them
        String province = provinceReport(1.0, 0.01004, 20, 5, 25).markdown();
        contains(province, "# rasoat bench — province 35 at scale 1.0 (1.00 % of the country's households)");
        contains(province, "CSV → all marts 50.0 s (target ≤ 30 s, about one province: **not met**)");
        contains(province, "where the 50.0 s go");
        assertFalse(province.contains("target ≥ 150,000 rows/s"), province);
        assertFalse(province.contains("(target ≤ 60 s"), province);

        contains(provinceReport(1.0, 0.01004, 10, 5, 10).markdown(), "CSV → all marts 25.0 s (target ≤ 30 s, about one province: met)");
        // half of a province's households: not a province's run, no target names it
        String half = provinceReport(0.5, 0.01004, 10, 5, 10).markdown();
        contains(half, "(0.502 % of the country's households)");
        contains(half, "CSV → all marts 25.0 s (the targets name 1 %, 10 % and 100 %");
        // provinces holding 8 % of the households: no target names them
        contains(provinceReport(1.0, 0.08, 20, 5, 25).markdown(), "CSV → all marts 50.0 s (the targets name 1 %, 10 % and 100 %");
    }

    @Test
    void thePanelIsHeldToItsYearsTimesTheOneYearRunAndFreshJvmRatiosToTheirMedian() {
        BenchReport r = report(1.0, 100, 10, 50); // one year: 160 s
        r.panelYears(3);
        r.add(stage("panel 2021-2023", "ingest", 300, 480_000, List.of()));
        r.add(stage("panel 2021-2023", "score", 30, 75_000, List.of()));
        r.add(stage("panel 2021-2023", "marts", 170, 75_000, List.of()));
        String md = r.markdown();
        contains(md, "panel 2021-2023: CSV → all marts 500.0 s (target ≤ 480 s, 3× the one-year run for 3 years: **not met**)");
        contains(md, "where the 500.0 s go");

        // three fresh JVMs: 50/35, 60/35, 55/35: the median ratio is 55/35
        BenchReport peers = new BenchReport(1.0, 6L << 30, 2);
        peers.peerRuns(List.of(new double[]{50, 35, 4}, new double[]{60, 35, 4}, new double[]{55, 35, 4}));
        String p = peers.markdown();
        contains(p, "median **1.57×** (target ≤ 1.5×: **not met**)");
        peers.peerRuns(List.of(new double[]{50, 35, 4}, new double[]{52, 35, 4}));
        contains(peers.markdown(), "the median needs three runs");
        contains(peers.json(), "\"peer_runs_fresh_jvm\": [{\"spark_s\": 50.000");
    }

    @Test
    void stepSecondsReadTheLeadingFigure() {
        assertEquals(12.5, BenchReport.stepSeconds("12.5 s mart_rates written"));
        assertEquals(0, BenchReport.stepSeconds("mart_rates written"));
    }

    @Test
    void theYardstickLoadsEveryRowOfEachRecordTypesCsvFiles(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("household_roster"));
        Files.createDirectories(in.resolve("form_a"));
        Files.createDirectories(in.resolve("not_a_type"));
        Files.writeString(in.resolve("household_roster/a.csv"), "run_id,household_id\nr1,h1\nr1,h2\n");
        Files.writeString(in.resolve("household_roster/b.csv"), "run_id,household_id\nr2,h3\n");
        Files.writeString(in.resolve("form_a/a.csv"), "run_id,household_id,note\nr1,h1,\"a, quoted\"\n");
        Files.writeString(in.resolve("not_a_type/a.csv"), "x\n1\n2\n3\n");
        Map<String, Long> rows = CsvYardstick.run(in, tmp, 2);
        assertEquals(Map.of("household_roster", 3L, "form_a", 1L, "total", 4L), rows);
        assertFalse(Files.exists(tmp.resolve("yardstick.duckdb")), "the database file is removed");
    }
}
