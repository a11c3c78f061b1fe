package vn.rasoat.analysis.stats;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterSampleTest {
    @Test
    void deltaIntervalByHand() {
        // R = (2+4+6+8)/(100+100+100+100) = 0.05; residuals −3, −1, 1, 3 → Σ² = 20; var = 20/(4·3)/100² → se = 0.0129099
        List<ClusterSample.Cluster> c = List.of(new ClusterSample.Cluster(2, 100), new ClusterSample.Cluster(4, 100),
                new ClusterSample.Cluster(6, 100), new ClusterSample.Cluster(8, 100));
        Intervals.Interval i = ClusterSample.delta(c, 0, 0.95);
        assertEquals(0.05, i.estimate(), 1e-12);
        assertEquals(0.05 - 1.959964 * 0.0129099, i.lower(), 1e-6);
        assertEquals(0.05 + 1.959964 * 0.0129099, i.upper(), 1e-6);
        // sampling half of 8 communes: the finite population correction halves the variance
        Intervals.Interval f = ClusterSample.delta(c, 8, 0.95);
        assertEquals(1.959964 * 0.0129099 * Math.sqrt(0.5), f.upper() - 0.05, 1e-6);
    }

    @Test
    void intervalsCoverTheTruthAtAboutTheirLevelAndAChangeIsFlaggedOnlyWhenReal() {
        // a population of 400 communes with rates around 5 %; 200 samples of 40 communes each
        Well19937c rng = new Well19937c(11);
        List<ClusterSample.Cluster> pop = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double x = 200 + rng.nextInt(800);
            double rate = Math.max(0, 0.05 + 0.03 * rng.nextGaussian());
            double x2 = x * 1.01;
            pop.add(new ClusterSample.Cluster(Math.round(rate * x), x, Math.round(rate * 0.7 * x2), x2));
        }
        double truth = ClusterSample.ratio(pop, false);
        int coveredDelta = 0;
        int coveredBoot = 0;
        int changeFlagged = 0;
        for (int s = 0; s < 200; s++) {
            List<ClusterSample.Cluster> sample = new ArrayList<>(pop);
            java.util.Collections.shuffle(sample, new java.util.Random(s));
            sample = sample.subList(0, 40);
            Intervals.Interval d = ClusterSample.delta(sample, 400, 0.95);
            coveredDelta += d.lower() <= truth && truth <= d.upper() ? 1 : 0;
            Intervals.Interval b = ClusterSample.bootstrap(sample, false, 400, 0.95, s);
            coveredBoot += b.lower() <= truth && truth <= b.upper() ? 1 : 0;
            changeFlagged += ClusterSample.bootstrap(sample, true, 400, 0.95, s).excludesZero() ? 1 : 0;
        }
        assertTrue(coveredDelta >= 176 && coveredDelta <= 198, "delta coverage " + coveredDelta + "/200");
        assertTrue(coveredBoot >= 170 && coveredBoot <= 198, "bootstrap coverage " + coveredBoot + "/200");
        assertTrue(changeFlagged >= 190, "a 30 % fall is found significant: " + changeFlagged + "/200");
    }

    @Test
    void withNoRealChangeTheChangeIsRarelyFlaggedAndItsIntervalCoversTheTruth() {
        // the second year redraws every commune's rate around the same mean: communes move, the province does not
        // (much); the paired bootstrap must cover the population's change and flag a change about 5 % of the time
        Well19937c rng = new Well19937c(23);
        List<ClusterSample.Cluster> pop = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double x = 200 + rng.nextInt(800);
            double rate = Math.max(0, 0.05 + 0.03 * rng.nextGaussian());
            double rate2 = Math.max(0, rate + 0.01 * rng.nextGaussian());
            pop.add(new ClusterSample.Cluster(Math.round(rate * x), x, Math.round(rate2 * x), x));
        }
        double truth = ClusterSample.ratio(pop, true) - ClusterSample.ratio(pop, false);
        assertTrue(Math.abs(truth) < 0.002, "the population barely changes: " + truth);
        int covered = 0;
        int flagged = 0;
        for (int s = 0; s < 200; s++) {
            List<ClusterSample.Cluster> sample = new ArrayList<>(pop);
            java.util.Collections.shuffle(sample, new java.util.Random(1000 + s));
            Intervals.Interval b = ClusterSample.bootstrap(sample.subList(0, 40), true, 400, 0.95, s);
            assertTrue(b.upper() > b.lower(), "the sampled communes do change: the interval has a width");
            covered += b.lower() <= truth && truth <= b.upper() ? 1 : 0;
            flagged += b.excludesZero() ? 1 : 0;
        }
        assertTrue(covered >= 170 && covered <= 198, "coverage of the change " + covered + "/200");
        assertTrue(flagged <= 25, "a change is flagged in " + flagged + "/200 samples with none to find");
    }
}
