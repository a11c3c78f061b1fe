package vn.rasoat.generate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.SparkTestBase;
import vn.rasoat.io.SimpleCsv;
import vn.rasoat.reference.ReferenceData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorIT extends SparkTestBase {

    @Test
    void kienGiangFrom2022ListHas15DistrictsAnd144CommunesNearCensusTotals(@TempDir Path out) throws IOException {
        GenerateJob.Result r = GenerateJob.run(spark(), schemas(), new GenerateJob.Options(List.of("91"), null, null,
                2022, List.of(2022), 7, 1.0, 0, out.toString(), null));
        assertEquals(144, r.communes());
        List<Map<String, String>> totals = readAll(out.resolve("commune_totals"));
        assertEquals(144, totals.size());
        assertEquals(15, totals.stream().map(t -> t.get("district_code")).distinct().count());
        Map<String, ReferenceData.CensusCommune> census = ReferenceData.load(schemas()).censusByCommune();
        for (Map<String, String> t : totals) {
            long generated = Long.parseLong(t.get("households_total"));
            long censusHouseholds = census.get(t.get("commune_code")).households();
            double ratio = generated / (double) censusHouseholds;
            assertTrue(ratio > 0.85 && ratio < 1.15, t.get("commune_code") + ": " + generated + " vs census "
                    + censusHouseholds);
        }
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherData(@TempDir Path dir) throws IOException {
        List<Integer> years = List.of(2022, 2023);
        for (String name : List.of("a", "b")) {
            GenerateJob.run(spark(), schemas(), new GenerateJob.Options(List.of("91"), List.of("903"), null, 2022,
                    years, 11, 0.1, 0.01, dir.resolve(name).toString(), 2));
        }
        GenerateJob.run(spark(), schemas(), new GenerateJob.Options(List.of("91"), List.of("903"), null, 2022,
                years, 12, 0.1, 0.01, dir.resolve("c").toString(), 2));
        Map<String, String> a = contents(dir.resolve("a"));
        assertTrue(a.size() > 10);
        assertEquals(a, contents(dir.resolve("b")));
        assertNotEquals(a.get("household_roster/household_roster_2023_p00000.csv"),
                contents(dir.resolve("c")).get("household_roster/household_roster_2023_p00000.csv"));
    }

    /**
     * Households, intended poor and intended near-poor of a year's annual runs, by province (from the generated
     * commune totals and rosters).
     */
    static Map<String, long[]> byProvince(Path out, int year) throws IOException {
        Map<String, long[]> acc = new TreeMap<>();
        for (Map<String, String> t : readAll(out.resolve("commune_totals"))) {
            if (Integer.parseInt(t.get("reference_year")) == year) {
                acc.computeIfAbsent(t.get("province_code"), k -> new long[3])[0] += Long.parseLong(t.get("households_total"));
            }
        }
        for (Map<String, String> r : readAll(out.resolve("household_roster"))) {
            if (!r.get("run_id").endsWith("-annual") || Integer.parseInt(r.get("review_year")) != year) {
                continue; // a household recognised in a monthly run is reviewed again in the annual run
            }
            long[] a = acc.get(r.get("province_code"));
            if (r.get("recorded_status").equals("poor")) {
                a[1]++;
            } else if (r.get("recorded_status").equals("near_poor")) {
                a[2]++;
            }
        }
        return acc;
    }

    static void assertWithinTenPercent(double generatedPct, double wantPct, String what) {
        assertTrue(Math.abs(generatedPct / wantPct - 1) <= 0.10, what + ": generated " + generatedPct + " % vs " + wantPct + " %");
    }

    /**
     * One province per region, 2022: each generates its calibrated rates (its region's share, or its own published
     * rate scaled to 2022 for Hà Giang, which published 31.12 % poor in 2023).
     */
    @Test
    void intendedStatusesReproduceTheCalibratedRates(@TempDir Path out) throws IOException {
        // Hà Giang (TDMNPB), Thái Bình (DBSH), Quảng Nam (BTB_DHMT), Đắk Lắk (TN), Bình Phước (DNB), Sóc Trăng (DBSCL)
        List<String> provinces = List.of("02", "34", "49", "66", "70", "94");
        GenerateJob.run(spark(), schemas(), new GenerateJob.Options(provinces, null, null, 2022, List.of(2022), 5,
                0.25, 0, out.toString(), 4));
        ReferenceData ref = ReferenceData.load(schemas());
        Calibration c = Calibration.load(schemas(), true);
        Map<String, long[]> got = byProvince(out, 2022);
        assertEquals(provinces, List.copyOf(got.keySet()));
        got.forEach((p, a) -> {
            double[] want = c.target(2022, ref.regionOfProvince63(p), p);
            assertWithinTenPercent(100.0 * a[1] / a[0], 100 * want[0], p + " poor");
            assertWithinTenPercent(100.0 * a[2] / a[0], 100 * want[1], p + " near-poor");
        });
    }

    /**
     * Every province with a published rate generates it within 10 %: Hà Giang 31.12 % and Nghệ An 5.19 % poor in
     * 2023, Hải Dương 2.15 % poor and 2.24 % near-poor in 2022. (That the regions keep their rates is an identity
     * of the calibration, checked for every region and year in CalibrationTest.)
     */
    @Test
    void provincesWithAPublishedRateAreGeneratedAtIt(@TempDir Path out) throws IOException {
        GenerateJob.run(spark(), schemas(), new GenerateJob.Options(List.of("02", "30", "40"), null, null, 2022,
                List.of(2022, 2023), 9, 0.1, 0, out.toString(), 4));
        int checked = 0;
        for (Map<String, String> p : ReferenceData.load(schemas()).publishedResults()) {
            if (!p.get("geo_level").equals("province")) {
                continue;
            }
            int year = Integer.parseInt(p.get("review_year"));
            long[] a = byProvince(out, year).get(p.get("geo_key"));
            assertTrue(a != null && a[0] > 10_000, p.get("geo_key") + " " + year + " generated");
            assertWithinTenPercent(100.0 * a[1] / a[0], Double.parseDouble(p.get("poor_rate_pct")), p.get("geo_name") + " " + year + " poor");
            checked++;
            if (!p.get("near_poor_rate_pct").isBlank()) {
                assertWithinTenPercent(100.0 * a[2] / a[0], Double.parseDouble(p.get("near_poor_rate_pct")),
                        p.get("geo_name") + " " + year + " near-poor");
                checked++;
            }
        }
        assertEquals(4, checked, "three provinces publish a rate, one of them the near-poor rate too");
    }

    static List<Map<String, String>> readAll(Path dir) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    rows.addAll(SimpleCsv.read(in, f.toString()));
                } catch (IllegalArgumentException headerOnly) {
                    // a partition with no rows of this type
                }
            }
        }
        return rows;
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".json")).toList()) {
                out.put(root.relativize(f).toString(), Files.readString(f));
            }
        }
        return out;
    }
}
