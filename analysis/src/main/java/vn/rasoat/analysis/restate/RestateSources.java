package vn.rasoat.analysis.restate;

import vn.rasoat.dashboards.query.QueryResult;
import vn.rasoat.marts.Restatement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input of {@code rasoat restate}: the commune rows of the named query {@code restate_source} as restatement
 * sources (the marts job restates the same rows into {@code mart_rates_2025} with the same {@link Restatement}).
 */
public final class RestateSources {
    private RestateSources() {
    }

    public static List<Restatement.Source> of(QueryResult r) {
        List<Restatement.Source> out = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String m : Restatement.MEASURES) {
                Object v = r.get(i, m);
                if (v == null && Restatement.DENOMINATORS.contains(m)) {
                    continue; // no commune total: left out of the sums, as in mart_rates_2025
                }
                counts.put(m, v == null ? 0L : ((Number) v).longValue());
            }
            out.add(new Restatement.Source(r.string(i, "commune_code"), r.string(i, "province_code"), counts));
        }
        return out;
    }
}
