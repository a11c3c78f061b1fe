package vn.rasoat.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.SparkTestBase;
import vn.rasoat.generate.GenerateJob;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.ingest.Quarantine;
import vn.rasoat.rules.Status;
import vn.rasoat.scoring.ScoringJob;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One generated commune (Kiên Giang 30730), 2022, clean. A household the commune recorded poor has its form B1
 * line broken (household size "abc"): it is held, so the household is not_scored, counted in not_scored_households and
 * in the upper bound of the poor rate, and listed by the quarantine command. The fixed file re-ingested (a new input
 * version) makes it poor again, with completeness 100 %.
 */
class CompletenessIT extends SparkTestBase {
    @TempDir
    static Path tmp;

    static Row communeRates(String wh) {
        return MartsJob.read(spark(), wh, "mart_rates").where(col("level").equalTo("commune")
                .and(col("unit_code").equalTo("30730")).and(col("breakdown").equalTo("all"))
                .and(col("snapshot").startsWith("annual_"))).first();
    }

    @Test
    void aHeldB1MakesAPoorHouseholdNotScoredUntilTheFixedFileIsIngested() throws IOException {
        Path in = tmp.resolve("in");
        String wh = tmp.resolve("wh").toString();
        GenerateJob.run(spark(), schemas(), new GenerateJob.Options(List.of("91"), null, List.of("30730"), 2022,
                List.of(2022), 5, 0.1, 0, in.toString(), 1));
        // a household recorded poor by the commune, with a B1 form
        Dataset<Row> roster = spark().read().option("header", true).csv(in.resolve("household_roster").toString());
        Dataset<Row> b1csv = spark().read().option("header", true).csv(in.resolve("form_b1").toString());
        Row poor = roster.where(col("recorded_status").equalTo(Status.POOR))
                .join(b1csv.select("run_id", "household_id"), scala.jdk.javaapi.CollectionConverters.asScala(
                        List.of("run_id", "household_id")).toSeq())
                .orderBy("household_id").first();
        String hh = poor.getAs("household_id");
        Path b1File;
        try (Stream<Path> s = Files.walk(in.resolve("form_b1"))) {
            b1File = s.filter(p -> p.toString().endsWith(".csv")).filter(p -> {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8).contains("," + hh + ",");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).findFirst().orElseThrow();
        }
        String original = Files.readString(b1File, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(original.split("\n", -1)));
        List<String> header = List.of(lines.get(0).trim().split(","));
        int sizeAt = header.indexOf("hh_size");
        // every B1 line of the household (its annual run and any regular run of the year), the first one remembered
        int lineNo = -1;
        int broken = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length > sizeAt && List.of(cells).contains(hh)) {
                cells[sizeAt] = "abc";
                lines.set(i, String.join(",", cells));
                lineNo = lineNo < 0 ? i + 1 : lineNo;
                broken++;
            }
        }
        assertTrue(lineNo > 1);
        Files.writeString(b1File, String.join("\n", lines), StandardCharsets.UTF_8);

        IngestJob.Result dirty = IngestJob.run(spark(), schemas(), in.toString(), wh);
        assertEquals(broken, dirty.quarantined());
        ScoringJob.Result scored = ScoringJob.run(spark(), schemas(), wh);
        assertEquals((long) broken, scored.byStatus().get(Status.NOT_SCORED), "one household-run per broken line");
        assertEquals(1, scored.notScored().size());
        assertEquals(1L, scored.notScored().get(0).held());
        assertEquals(1L, scored.notScored().get(0).recordedPoor());
        Row row = spark().read().parquet(wh + "/intermediate/" + ScoringJob.TABLE)
                .where(col("household_id").equalTo(hh).and(col("status").equalTo(Status.NOT_SCORED))).orderBy(col("held_source_row")).first();
        assertEquals(Status.NOT_SCORED, row.getAs("status"));
        assertEquals("form_b1", row.getAs("held_record_type"));
        assertEquals((long) lineNo, (long) row.<Long>getAs("held_source_row"));
        assertEquals("bad_type", row.getAs("held_reason"));
        assertTrue(row.<String>getAs("scoring_note").startsWith("form B1 held in quarantine: "), row.<String>getAs("scoring_note"));
        assertFalse(row.<Boolean>getAs("status_mismatch"), "not scored is not a disagreement with the commune");
        MartsJob.run(spark(), schemas(), wh, MartsJob.Options.defaults());
        Row r = communeRates(wh);
        long poorCount = r.getAs("poor_households");
        long total = r.getAs("households_total");
        long reviewed = r.getAs("reviewed_households");
        assertEquals(1L, (long) r.getAs("not_scored_households"));
        assertEquals(1L, (long) r.getAs("not_scored_recorded_poor"));
        assertEquals(BigDecimal.valueOf((poorCount + 1) * 100).divide(BigDecimal.valueOf(total), 4, java.math.RoundingMode.HALF_UP),
                r.<BigDecimal>getAs("poor_rate_high"), "(poor + 1) / total");
        assertEquals(r.<BigDecimal>getAs("poor_rate_pct"), r.getAs("poor_rate_low"));
        BigDecimal share = BigDecimal.valueOf(reviewed).divide(BigDecimal.valueOf(reviewed + 1), 4, java.math.RoundingMode.FLOOR);
        assertEquals(share, r.getAs("completeness"));
        assertEquals(share.compareTo(new BigDecimal("0.99")) < 0, r.<Boolean>getAs("incomplete"));
        Row diag = communeDiagnostics(wh);
        assertEquals((long) broken, (long) diag.<Long>getAs("quarantined_rows"), "the held line counts in the diagnostics");
        // the officer's list: file, line, field, value, reason
        var held = Quarantine.list(Quarantine.held(spark(), wh,
                Quarantine.currentVersions(spark(), schemas(), wh)), "30730", 2022);
        assertEquals(broken, held.size());
        assertEquals(lineNo, held.get(0).sourceRow());
        assertEquals("hh_size", held.get(0).field());
        assertEquals("abc", held.get(0).value());
        assertEquals(hh, held.get(0).householdId());

        Files.writeString(b1File, original, StandardCharsets.UTF_8);
        IngestJob.Result fixed = IngestJob.run(spark(), schemas(), in.toString(), wh);
        assertNotEquals(dirty.inputVersion(), fixed.inputVersion());
        assertEquals(0, fixed.quarantined());
        ScoringJob.Result rescored = ScoringJob.run(spark(), schemas(), wh);
        assertEquals(null, rescored.byStatus().get(Status.NOT_SCORED));
        assertEquals(Status.POOR, spark().read().parquet(wh + "/intermediate/" + ScoringJob.TABLE)
                .where(col("household_id").equalTo(hh).and(col("run_type").equalTo("annual"))).first().getAs("status"));
        MartsJob.run(spark(), schemas(), wh, MartsJob.Options.defaults());
        Row after = communeRates(wh);
        assertEquals(0L, (long) after.getAs("not_scored_households"));
        assertEquals(new BigDecimal("1.0000"), after.getAs("completeness"));
        assertFalse(after.<Boolean>getAs("incomplete"));
        assertEquals(poorCount + 1, (long) after.<Long>getAs("poor_households"));
        assertEquals(r.<BigDecimal>getAs("poor_rate_high"), after.getAs("poor_rate_pct"), "the upper bound was the outcome");
        // the diagnostics count the current input version's quarantine only: the dirty version's row is still in the
        // quarantine table, and no longer counted
        assertTrue(spark().read().parquet(IngestJob.stagingRoot(wh) + "/quarantine")
                .where(col("input_version").equalTo(dirty.inputVersion())).count() > 0, "the first version's quarantine is kept");
        Row diagAfter = communeDiagnostics(wh);
        assertEquals(0L, (long) diagAfter.<Long>getAs("quarantined_rows"), "an earlier version's rows are not counted");
        assertFalse(diagAfter.<Boolean>getAs("flag_quarantine"));
        assertEquals(fixed.inputVersion(), diagAfter.getAs("input_version"));
        assertTrue(Quarantine.list(Quarantine.held(spark(), wh,
                Quarantine.currentVersions(spark(), schemas(), wh)), "30730", 2022).isEmpty());
    }

    private static Row communeDiagnostics(String wh) {
        List<Row> rows = MartsJob.read(spark(), wh, "mart_diagnostics")
                .where(col("commune_code").equalTo("30730").and(col("review_year").equalTo(2022))).collectAsList();
        assertEquals(1, rows.size(), "one diagnostics row of the commune and year");
        return rows.get(0);
    }
}
