package vn.rasoat.analysis.recheck;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.OncePerMavenRun;
import vn.rasoat.SampleWarehouse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A re-check of the sample province's 2023 review: the plan twice with one seed gives one list, the strata add up to
 * the size asked, the warehouse keeps the design under pseudonyms only; results where five households recorded poor
 * are found near-poor (and two broken rows) give a report that holds the broken rows and corrects the poor count.
 */
class RecheckPlanIT extends SampleWarehouse {
    @TempDir
    static Path tmp;

    @Test
    void planTwiceWithOneSeedGivesOneListAndTheReportCorrectsTheCounts() throws Exception {
        String wh = OncePerMavenRun.copy(sampleWarehouse(), tmp.resolve("wh")).toString();
        RecheckPlan.Options o = new RecheckPlan.Options("91", 2023, 300, 7, 5, 2.0, tmp.resolve("list1"));
        RecheckPlan.Plan p = RecheckPlan.run(spark(), schemas(), wh, o);
        RecheckPlan.Plan again = RecheckPlan.run(spark(), schemas(), wh,
                new RecheckPlan.Options("91", 2023, 300, 7, 5, 2.0, tmp.resolve("list2")));
        assertEquals("91_2023_n300_s7", p.id());
        String list = Files.readString(p.files().get(1), StandardCharsets.UTF_8);
        assertEquals(list, Files.readString(again.files().get(1), StandardCharsets.UTF_8), "the same seed gives the same list");
        RecheckPlan.Plan other = RecheckPlan.run(spark(), schemas(), wh,
                new RecheckPlan.Options("91", 2023, 300, 8, 5, 2.0, tmp.resolve("list3")));
        assertFalse(list.equals(Files.readString(other.files().get(1), StandardCharsets.UTF_8)), "another seed, another list");
        assertEquals(300, p.strata().values().stream().mapToLong(v -> v[1]).sum(), "the strata add up to the size");
        assertEquals(p.population(), p.strata().values().stream().mapToLong(v -> v[0]).sum());
        assertTrue(p.strata().values().stream().allMatch(v -> v[1] >= Math.min(5, v[0]) && v[1] <= v[0]), "minimum and ceiling");
        assertTrue(p.strata().keySet().stream().anyMatch(k -> k.startsWith("899|poor|")), p.strata().keySet().toString());
        // the field list: one line per household drawn, with the head's name; the warehouse: pseudonyms only
        List<String> lines = List.of(list.split("\r\n"));
        assertEquals(301, lines.size());
        Dataset<Row> sample = spark().read().parquet(p.designDir() + "/sample");
        assertEquals(300, sample.count());
        assertFalse(List.of(sample.columns()).contains("household_id") || List.of(sample.columns()).contains("head_name"),
                List.of(sample.columns()).toString());
        List<Map<String, String>> parsed;
        try (var in = Files.newInputStream(p.files().get(1))) {
            parsed = vn.rasoat.io.SimpleCsv.read(in, "field list");
        }
        assertEquals(300, parsed.size());
        String firstName = parsed.get(0).get("Họ tên chủ hộ");
        assertTrue(firstName != null && firstName.length() > 3, "the field list names the head: " + firstName);
        try (Stream<Path> files = Files.walk(Path.of(p.designDir()))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.UTF_8).contains(firstName),
                        f + " holds a head's name");
            }
        }
        // results: every household found as recorded, but the first five recorded poor are near-poor; two broken rows
        List<String> poorIds = new ArrayList<>();
        StringBuilder results = results(p, parsed, 5, poorIds);
        results.append(p.id()).append(",NOT-DRAWN-1,2024-03-15,poor,,,x\n");
        results.append(p.id()).append(',').append(poorIds.get(0).replace("-", "-9")).append(",15/03/2024,nghèo,,,x\n");
        Path file = tmp.resolve("ket_qua.csv");
        Files.writeString(file, results.toString(), StandardCharsets.UTF_8);
        RecheckReport.Report r = RecheckReport.run(spark(), schemas(), wh, p.id(), file, 0.95, tmp.resolve("report"));
        assertEquals(302, r.read().rows());
        assertEquals(300, r.read().accepted().size());
        assertEquals(List.of("unknown_household", "not_allowed"), r.read().held().stream().map(RecheckResults.Held::reason).toList());
        RecheckEstimator.Result province = r.units().get(0).result();
        assertEquals(300, province.checked());
        assertEquals(5, province.changed());
        assertTrue(province.correctedPoor().value() < province.recordedPoor(), "fewer poor after re-verification");
        assertTrue(province.correctedNearPoor().value() > province.recordedNearPoor(), "more near-poor");
        assertEquals(4, r.units().size(), "the province and its three districts");
        assertEquals(province.checked(), r.units().subList(1, 4).stream().mapToLong(u -> u.result().checked()).sum());
        // the poor households that moved, weighted, are the change of the poor count
        double moves = province.confusion().get("poor").getOrDefault("near_poor", 0.0);
        assertEquals(province.recordedPoor() - moves, province.correctedPoor().value(), 1e-6);
        assertTrue(Files.readString(r.files().get(2)).contains("NOT-DRAWN-1"), "the held rows are written");
        // the estimates are a mart: one row per unit, stamped with the versions of the review re-checked
        List<Row> mart = vn.rasoat.marts.MartsJob.read(spark(), wh, "mart_recheck").orderBy("unit_code").collectAsList();
        assertEquals(4, mart.size());
        Row p91 = mart.stream().filter(x -> x.getAs("unit_code").equals("91")).findFirst().orElseThrow();
        assertEquals(Math.round(province.correctedPoor().value()), (long) p91.<Long>getAs("corrected_poor"));
        assertEquals(province.recordedPoor(), (long) p91.<Long>getAs("recorded_poor"));
        assertEquals(300L, (long) p91.<Long>getAs("sampled_households"));
        assertEquals("2022_2025-r1", p91.getAs("rulebook_version"));
        assertTrue(p91.getAs("input_version") != null);
        assertEquals(300L, mart.stream().filter(x -> !x.getAs("unit_code").equals("91"))
                .mapToLong(x -> x.<Long>getAs("sampled_households")).sum(), "the districts' samples add up");
        // the dashboard reads it: the named query, and a table on the province page
        try (vn.rasoat.dashboards.site.DashboardSession s = vn.rasoat.dashboards.site.DashboardSession.open(schemas(), wh, "vi")) {
            var q = s.dashboard().queries().run("recheck_by_unit", Map.of("year", 2023, "level", "province", "unit", "91"));
            assertEquals(4, q.size());
            assertEquals("Tỉnh Kiên Giang", q.string(0, "name"));
            assertEquals(p91.<Long>getAs("corrected_poor"), q.get(0, "corrected_poor"));
            List<Path> pages = vn.rasoat.dashboards.site.SiteWriter.write(s.dashboard(), 2023, null, tmp.resolve("site"), false);
            String page91 = null;
            for (Path page : pages) {
                String html = Files.readString(page, StandardCharsets.UTF_8);
                if (html.contains("id=\"table-recheck\"")) {
                    page91 = html;
                }
            }
            assertTrue(page91 != null && page91.contains("Phúc tra kết quả rà soát"), "a page with the re-check table");
            // no re-check of 2022 yet: the year-over-year table says which year has one, and that the counts are a census
            assertTrue(page91.contains("id=\"yoy-recheck\"") && page91.contains("2022 → 2023: chỉ năm 2023 có phúc tra"), "one year re-checked");
        }
        // a re-check of 2022 too (every poor household drawn found poor): the change between the two re-checked
        // years with its interval, the two re-checks independent (normal approximation, z of 95 %)
        RecheckPlan.Plan p22 = RecheckPlan.run(spark(), schemas(), wh, new RecheckPlan.Options("91", 2022, 300, 7, 5, 2.0, tmp.resolve("list22")));
        List<Map<String, String>> parsed22;
        try (var in = Files.newInputStream(p22.files().get(1))) {
            parsed22 = vn.rasoat.io.SimpleCsv.read(in, "field list");
        }
        Path file22 = tmp.resolve("ket_qua_2022.csv");
        Files.writeString(file22, results(p22, parsed22, 0, new ArrayList<>()).toString(), StandardCharsets.UTF_8);
        RecheckReport.run(spark(), schemas(), wh, p22.id(), file22, 0.95, tmp.resolve("report22"));
        try (vn.rasoat.dashboards.site.DashboardSession s = vn.rasoat.dashboards.site.DashboardSession.open(schemas(), wh, "vi")) {
            double[] r22 = rate(s, 2022);
            double[] r23 = rate(s, 2023);
            double z = 1.959963984540054;
            double d = r23[0] - r22[0];
            double half = z * Math.hypot((r22[2] - r22[1]) / (2 * z), (r23[2] - r23[1]) / (2 * z));
            assertTrue(half > 0 && Double.isFinite(d), "two re-checked years: " + java.util.Arrays.toString(r22) + " " + java.util.Arrays.toString(r23));
            String html = null;
            for (Path page : vn.rasoat.dashboards.site.SiteWriter.write(s.dashboard(), 2023, null, tmp.resolve("site2"), false)) {
                String h = Files.readString(page, StandardCharsets.UTF_8);
                if (h.contains("id=\"table-recheck\"") && h.contains("Tỉnh Kiên Giang —")) {
                    html = h;
                }
            }
            assertTrue(html != null, "the province page");
            String expected = "2022 → 2023: tỷ lệ hộ nghèo sau phúc tra thay đổi " + vi(d) + " điểm phần trăm (khoảng tin cậy 95 %: từ "
                    + vi(d - half) + " đến " + vi(d + half) + ")"
                    + (d - half <= 0 && d + half >= 0 ? "; khoảng tin cậy chứa 0: chưa đủ căn cứ để kết luận có thay đổi" : "") + "</li>";
            assertTrue(html.contains(expected), expected + "\n not in:\n" + html.substring(html.indexOf("id=\"table-yoy\"")));
        }
    }

    /** The unit's corrected poor rate %, its low and high of the year's re-check, read from the dashboard's query. */
    private static double[] rate(vn.rasoat.dashboards.site.DashboardSession s, int year) throws Exception {
        var q = s.dashboard().queries().run("recheck_by_unit", Map.of("year", year, "level", "province", "unit", "91"));
        return new double[]{q.number(0, "corrected_poor_rate_pct"), q.number(0, "corrected_poor_rate_low"), q.number(0, "corrected_poor_rate_high")};
    }

    /** A change in points as the Vietnamese page writes it: four decimals at most, a decimal comma, a sign when above 0. */
    private static String vi(double v) {
        String s = java.math.BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                .replace('.', ',');
        return v > 0 && !s.equals("0") ? "+" + s : s;
    }

    /** Re-verification results of a plan's field list: each household as recorded but the first {@code movePoor} poor, found near-poor. */
    private static StringBuilder results(RecheckPlan.Plan p, List<Map<String, String>> parsed, int movePoor, List<String> poorIds) {
        StringBuilder results = new StringBuilder(String.join(",", RecheckPlan.RESULT_COLUMNS)).append('\n');
        int moved = 0;
        for (Map<String, String> line : parsed) {
            String[] c = {null, null, null, line.get("Mã hộ"), null, null, line.get("Kết quả rà soát đã ghi")};
            String recorded = Map.of("Hộ nghèo", "poor", "Hộ cận nghèo", "near_poor", "Hộ có mức sống trung bình", "middle",
                    "Không nghèo", "not_poor", "Không vào danh sách rà soát (phiếu A)", "screened_out").get(c[6]);
            String found = recorded;
            if (recorded.equals("poor") && moved < movePoor) {
                found = "near_poor";
                moved++;
                poorIds.add(c[3]);
            }
            results.append(p.id()).append(',').append(c[3]).append(",2024-03-15,").append(found).append(",,,Đoàn phúc tra\n");
        }
        return results;
    }
}
