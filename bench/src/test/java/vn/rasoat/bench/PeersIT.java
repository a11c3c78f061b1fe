package vn.rasoat.bench;

import org.junit.jupiter.api.Test;
import vn.rasoat.SampleWarehouse;
import vn.rasoat.rules.Rulebooks;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's peers compute what the product computes: on the sample warehouse, the DuckDB query and the
 * Java loop give the same counts at every level, and their commune rows equal mart_rates' (built by the Spark
 * jobs). If a peer drifted from the rules, the bench's ratios would compare different work.
 */
class PeersIT extends SampleWarehouse {
    @Test
    void duckDbQueryAndJavaLoopReproduceMartRates() throws Exception {
        Rulebooks rulebooks = Rulebooks.load(schemas());
        try (PeerDatabase db = PeerDatabase.open(schemas(), rulebooks, sampleWarehouse().toString())) {
            db.run();
            Map<String, String> duck = db.result();
            JavaLoopPeer loop = new JavaLoopPeer(rulebooks, db.variables());
            int rows = loop.load(db.connection(), db.sql());
            Map<String, String> fromLoop = loop.compute();
            Map<String, String> marts = db.martRates();

            // the samples' 8,426 staged household-runs (8,496 read, 70 quarantined) and the 2,124 of the second 2021 annual run
            assertEquals(8_426 + 2_124, rows, "every staged household-run of the sample warehouse");
            assertTrue(marts.size() > 100, "mart_rates has commune rows: " + marts.size());
            assertEquals(marts, PeerDatabase.communes(duck), "DuckDB's commune counts are mart_rates'");
            assertEquals(duck, fromLoop, "the Java loop's counts at every level are DuckDB's");
            // each national row sums its snapshot's commune rows (poor|near_poor|households)
            Map<String, long[]> sums = new java.util.TreeMap<>();
            for (Map.Entry<String, String> e : marts.entrySet()) {
                String[] k = e.getKey().split("\\|");
                String[] v = e.getValue().split("\\|");
                long[] sum = sums.computeIfAbsent(k[0] + "|" + k[1], x -> new long[3]);
                for (int i = 0; i < 3; i++) {
                    sum[i] += v[i].equals("null") ? 0 : Long.parseLong(v[i]);
                }
            }
            assertTrue(sums.size() >= 3, "a snapshot per review year at least: " + sums.keySet());
            sums.forEach((snap, sum) -> assertEquals(sum[0] + "|" + sum[1] + "|" + sum[2], duck.get(snap + "|national|VN"), snap));
        }
    }
}
