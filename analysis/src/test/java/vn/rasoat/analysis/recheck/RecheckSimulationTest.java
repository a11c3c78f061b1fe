package vn.rasoat.analysis.recheck;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A province of three districts whose review mis-recorded a known share of households, per stratum: 4 % of the
 * households recorded poor are near-poor (11 of 270), 3 % of those recorded near-poor are not poor (11 of 360), 2 % of
 * those recorded not poor are poor (16 of 810). 200 re-check samples of 600 households (the plan's allocation, a simple random sample in each
 * stratum, the re-verification finding the truth): each stratum's error rate lies within its 95 % Wilson interval,
 * and the corrected poor count within its 95 % interval, in at least 90 % of the repetitions.
 */
class RecheckSimulationTest {
    static final String[] STATUS = {"poor", "near_poor", "middle", "not_poor", "screened_out"};
    static final int[] SIZE = {270, 360, 90, 810, 270};
    /** How many of each recorded status are in truth another status, and which. */
    static final int[] WRONG = {11, 11, 0, 16, 0};
    static final String[] TRULY = {"near_poor", "not_poor", null, "poor", null};

    /** The true status of each household of a stratum (the first WRONG[s] are mis-recorded). */
    static List<String> truth(int s) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < SIZE[s]; i++) {
            t.add(i < WRONG[s] ? TRULY[s] : STATUS[s]);
        }
        return t;
    }

    @Test
    void aSampleRecoversTheErrorRatesAndTheCorrectedCountAtTheStatedLevel() {
        Map<String, Allocation.Stratum> sizes = new LinkedHashMap<>();
        for (String d : List.of("899", "903", "906")) {
            for (int s = 0; s < STATUS.length; s++) {
                sizes.put(d + "|" + STATUS[s] + "|other", new Allocation.Stratum(SIZE[s], 1.0));
            }
        }
        Map<String, Integer> n = Allocation.allocate(sizes, 600, 5);
        assertEquals(600, n.values().stream().mapToInt(Integer::intValue).sum());
        // proportional: 600 of 5,400 households, a ninth of each stratum
        assertEquals(40, n.get("899|near_poor|other"));
        assertEquals(10, n.get("906|middle|other"));
        long truePoor = 3L * (SIZE[0] - WRONG[0] + WRONG[3]);
        int reps = 200;
        Map<String, Integer> covered = new LinkedHashMap<>();
        int poorCovered = 0;
        int shareCovered = 0;
        double trueShare = 3.0 * (WRONG[0] + WRONG[1] + WRONG[3]) / (3.0 * 1800);
        Random random = new Random(20261203L);
        for (int rep = 0; rep < reps; rep++) {
            List<RecheckEstimator.StratumData> data = new ArrayList<>();
            for (String d : List.of("899", "903", "906")) {
                for (int s = 0; s < STATUS.length; s++) {
                    String key = d + "|" + STATUS[s] + "|other";
                    List<String> pop = truth(s);
                    Collections.shuffle(pop, random);
                    data.add(new RecheckEstimator.StratumData(key, d, STATUS[s], SIZE[s], pop.subList(0, n.get(key))));
                }
            }
            RecheckEstimator.Result r = RecheckEstimator.estimate(data, 0.95);
            for (RecheckEstimator.StratumResult s : r.strata()) {
                int i = List.of(STATUS).indexOf(s.recordedStatus());
                double rate = (double) WRONG[i] / SIZE[i];
                if (WRONG[i] > 0 && s.changedShare().lower() <= rate && rate <= s.changedShare().upper()) {
                    covered.merge(s.stratum(), 1, Integer::sum);
                }
            }
            if (r.correctedPoor().lower() <= truePoor && truePoor <= r.correctedPoor().upper()) {
                poorCovered++;
            }
            if (r.changedShare().lower() <= trueShare && trueShare <= r.changedShare().upper()) {
                shareCovered++;
            }
            assertEquals(3L * SIZE[0], r.recordedPoor());
        }
        assertEquals(9, covered.size(), "every mis-recorded stratum: " + covered);
        for (Map.Entry<String, Integer> e : covered.entrySet()) {
            assertTrue(e.getValue() >= 0.9 * reps, e.getKey() + ": its error rate covered in " + e.getValue() + " of " + reps);
        }
        assertTrue(poorCovered >= 0.9 * reps, "the true poor count " + truePoor + " covered in " + poorCovered + " of " + reps);
        assertTrue(shareCovered >= 0.9 * reps, "the true share changed covered in " + shareCovered + " of " + reps);
        // and not by intervals too wide (e.g. without the finite-population correction): below 99 % of the time
        assertTrue(poorCovered <= 0.99 * reps, "the poor count's interval is too wide: " + poorCovered + " of " + reps);
        assertTrue(shareCovered <= 0.99 * reps, "the share's interval is too wide: " + shareCovered + " of " + reps);
    }

    @Test
    void theEstimatesOfOneHandMadeSampleAreTheHandComputation() {
        // two strata: 100 recorded poor, 10 re-checked, 1 found near-poor; 400 not poor, 20 re-checked, 2 found poor
        List<String> poor = new ArrayList<>(Collections.nCopies(9, "poor"));
        poor.add("near_poor");
        List<String> notPoor = new ArrayList<>(Collections.nCopies(18, "not_poor"));
        notPoor.addAll(List.of("poor", "poor"));
        RecheckEstimator.Result r = RecheckEstimator.estimate(List.of(
                new RecheckEstimator.StratumData("D|poor|other", "D", "poor", 100, poor),
                new RecheckEstimator.StratumData("D|not_poor|other", "D", "not_poor", 400, notPoor)), 0.95);
        // changed share = 0.2 × 0.1 + 0.8 × 0.1 = 0.1
        assertEquals(0.1, r.changedShare().value(), 1e-12);
        // corrected poor = 100 × 0.9 + 400 × 0.1 = 130; variance = 100² × (1 − 10/100) × (0.9·0.1·10/9)/10
        //   + 400² × (1 − 20/400) × (0.1·0.9·20/19)/20 = 90 + 720 = 810; half width 1.959964 × √810 = 55.78
        assertEquals(130.0, r.correctedPoor().value(), 1e-9);
        assertEquals(130 - 1.959964 * Math.sqrt(810), r.correctedPoor().lower(), 1e-4);
        // the confusion matrix in households: 90 poor stay poor, 10 are near-poor, 40 not-poor are poor
        assertEquals(90.0, r.confusion().get("poor").get("poor"), 1e-9);
        assertEquals(10.0, r.confusion().get("poor").get("near_poor"), 1e-9);
        assertEquals(40.0, r.confusion().get("not_poor").get("poor"), 1e-9);
        // the not-poor stratum holds 40 of the 50 estimated errors
        assertEquals(80.0, r.strata().get(1).contributionPct(), 1e-9);
    }

    @Test
    void allocationKeepsTheMinimumAndTheFlaggedFactorAndAddsUp() {
        Map<String, Allocation.Stratum> sizes = new LinkedHashMap<>();
        sizes.put("a", new Allocation.Stratum(1000, 1));
        sizes.put("b", new Allocation.Stratum(1000, 2));
        sizes.put("c", new Allocation.Stratum(3, 1));
        sizes.put("d", new Allocation.Stratum(40, 1));
        Map<String, Integer> n = Allocation.allocate(sizes, 100, 5);
        // c has 3: all of it; d gets its minimum 5; 92 left shared 1 : 2 between a and b
        assertEquals(Map.of("a", 31, "b", 61, "c", 3, "d", 5), n);
        assertThrows(IllegalArgumentException.class, () -> Allocation.allocate(sizes, 10, 5));
        // a floor and a ceiling reached at once (a second review's cases): the floors alone make n; the whole population
        Map<String, Allocation.Stratum> tight = new LinkedHashMap<>();
        tight.put("x", new Allocation.Stratum(14, 3));
        tight.put("y", new Allocation.Stratum(12, 1));
        tight.put("z", new Allocation.Stratum(30, 1));
        assertEquals(Map.of("x", 10, "y", 10, "z", 10), Allocation.allocate(tight, 30, 10));
        Map<String, Allocation.Stratum> all = new LinkedHashMap<>();
        all.put("x", new Allocation.Stratum(5, 2));
        all.put("y", new Allocation.Stratum(9, 1));
        all.put("z", new Allocation.Stratum(41, 2));
        assertEquals(Map.of("x", 5, "y", 9, "z", 41), Allocation.allocate(all, 55, 5));
        // many random designs add up and keep their bounds
        Random r = new Random(7);
        for (int i = 0; i < 2000; i++) {
            Map<String, Allocation.Stratum> d = new LinkedHashMap<>();
            int strata = 1 + r.nextInt(6);
            long pop = 0;
            for (int k = 0; k < strata; k++) {
                long h = 1 + r.nextInt(60);
                pop += h;
                d.put("s" + k, new Allocation.Stratum(h, r.nextBoolean() ? 1 : 1 + r.nextInt(3)));
            }
            int min = r.nextInt(8);
            long floors = d.values().stream().mapToLong(x -> Math.min(min, x.households())).sum();
            int size = (int) (floors + r.nextInt((int) (pop - floors) + 1));
            if (size == 0) {
                continue;
            }
            Map<String, Integer> a = Allocation.allocate(d, size, min);
            assertEquals(size, a.values().stream().mapToInt(Integer::intValue).sum(), d + " n=" + size);
            for (String k : d.keySet()) {
                assertTrue(a.get(k) >= Math.min(min, d.get(k).households()) && a.get(k) <= d.get(k).households(), d + " " + a);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Allocation.allocate(sizes, 5000, 5));
    }
}
