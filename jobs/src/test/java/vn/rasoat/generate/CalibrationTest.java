package vn.rasoat.generate;

import org.junit.jupiter.api.Test;
import vn.rasoat.ProjectFiles;
import vn.rasoat.reference.ReferenceData;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Provinces with a published rate are calibrated to it, and their regions keep their rates (hand-computed from the
 * shipped published results and the 2019 census households: Hà Giang 190,777 of TDMNPB's 3,196,385).
 */
class CalibrationTest extends ProjectFiles {
    private final ReferenceData ref = ReferenceData.load(schemas());

    private Calibration calibration() {
        return Calibration.load(schemas(), true);
    }

    @Test
    void aProvinceWithAPublishedRateIsCalibratedToIt() {
        Calibration c = calibration();
        assertEquals(0.3112, c.target(2023, "TDMNPB", "02")[0], 1e-12, "Hà Giang 2023: 31.12 %");
        assertEquals(0.0519, c.target(2023, "BTB_DHMT", "40")[0], 1e-12, "Nghệ An 2023: 5.19 %");
        assertEquals(0.0215, c.target(2022, "DBSH", "30")[0], 1e-12, "Hải Dương 2022: 2.15 %");
        assertEquals(0.0224, c.target(2022, "DBSH", "30")[1], 1e-12, "Hải Dương 2022: near-poor 2.24 %");
        // another year: the published rate scaled by the region's change (TDMNPB poor 14.23 % in 2022, 11.29 % in 2023)
        assertEquals(0.3112 * 0.1423 / 0.1129, c.target(2022, "TDMNPB", "02")[0], 1e-12);
        // Hà Giang publishes no near-poor rate: its region's
        assertEquals(c.target(2023, "TDMNPB")[1], c.target(2023, "TDMNPB", "02")[1], 1e-15);
    }

    @Test
    void theRegionsOtherProvincesShareTheRest() {
        // (11.29 % × 3,196,385 − 31.12 % × 190,777) / (3,196,385 − 190,777) = 10.0313 %
        assertEquals(0.10031316928222177, calibration().target(2023, "TDMNPB", "04")[0], 1e-12, "Cao Bằng 2023");
    }

    /** Weighted by the census households, a region's provinces give back its rate, every year and region. */
    @Test
    void everyRegionKeepsItsRate() {
        Calibration c = calibration();
        Map<String, Long> households = new HashMap<>();
        Map<String, String> region = new HashMap<>();
        for (Map<String, String> r : ref.censusByProvince()) {
            households.put(r.get("province_code"), Long.parseLong(r.get("households_total")));
            region.put(r.get("province_code"), r.get("region_key"));
        }
        assertEquals(63, households.size());
        for (int year : List.of(2021, 2022, 2023, 2024, 2025)) {
            for (String key : List.of("TDMNPB", "DBSH", "BTB_DHMT", "TN", "DNB", "DBSCL")) {
                double[] sum = new double[2];
                long h = 0;
                for (Map.Entry<String, String> e : region.entrySet()) {
                    if (e.getValue().equals(key)) {
                        double[] t = c.target(year, key, e.getKey());
                        sum[0] += t[0] * households.get(e.getKey());
                        sum[1] += t[1] * households.get(e.getKey());
                        h += households.get(e.getKey());
                    }
                }
                assertArrayEquals(c.target(year, key), new double[]{sum[0] / h, sum[1] / h}, 1e-12, year + " " + key);
            }
        }
    }

    @Test
    void withoutProvincesEveryProvinceGetsItsRegionsRate() {
        Calibration regional = Calibration.load(schemas(), false);
        assertArrayEquals(regional.target(2023, "TDMNPB"), regional.target(2023, "TDMNPB", "02"));
    }
}
