package vn.rasoat.bench;

import vn.rasoat.rules.B1Table;
import vn.rasoat.rules.IncomeBand;
import vn.rasoat.rules.Rulebook;
import vn.rasoat.rules.Rulebooks;
import vn.rasoat.rules.ScoreBands;
import vn.rasoat.rules.Status;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * <b>An independent re-implementation on purpose</b>: it is the yardstick the Spark jobs are checked against,
 * so it shares none of their rule code (only the rulebook data) and lives in the bench module, off the product.
 *
 * The lower bound: the benchmark's workload as a plain single-threaded Java loop over arrays in memory.
 *
 * <p>{@link #load} (timed separately, not part of the bound) reads the staged Parquet through DuckDB, already
 * joined by household-run, with B1 answers dictionary-coded per variable and each household's indicator flags
 * (recorded, else derived) and form A ticks as bit masks. {@link #compute} is the loop: score A from the point
 * tables, score B, form A screening, the status bands and the middle band, each household's latest status at
 * every annual run, counts per commune, and the roll-up with commune household totals.
 */
public final class JavaLoopPeer {
    private final Rulebooks rulebooks;
    private final List<String> variables;
    // household-run columns
    private int n;
    private String[] runId;
    private String[] householdId;
    private String[] province;
    private String[] district;
    private String[] commune;
    private String[] standard;
    private String[] runType;
    private String[] tableId;
    private String[] reviewBasis;
    private int[] year;
    private int[] runDate;
    private boolean[] urban;
    private Boolean[] farm;
    private boolean[] hasB1;
    private int[][] answers; // [variable][row], dictionary codes, -1 for null
    private final List<List<String>> dictionaries = new ArrayList<>();
    private long[] flags; // bit i: indicator i of the row's standard; -1 = no form B2
    private int[] ticks; // form A criteria ticked; -1 = no form A
    private Long[] net;
    private int[] viiiMembers;
    private final List<Object[]> totals = new ArrayList<>();

    public JavaLoopPeer(Rulebooks rulebooks, List<String> variables) {
        this.rulebooks = rulebooks;
        this.variables = variables;
    }

    public int rows() {
        return n;
    }

    /** Reads the inputs into arrays. Views as for {@link PeerSql}; returns the household-runs read. */
    public int load(Connection duck, PeerSql sql) throws SQLException {
        StringBuilder flagExpr = new StringBuilder("CASE _std");
        StringBuilder tickExpr = new StringBuilder("CASE _std");
        for (String s : rulebooks.standards()) {
            Rulebook rb = rulebooks.get(s);
            List<String> bits = new ArrayList<>();
            for (int i = 0; i < rb.indicators().size(); i++) {
                var ind = rb.indicators().get(i);
                String derived = ind.derive() == null ? "CAST(NULL AS BOOLEAN)" : "CAST((" + ind.derive() + ") AS BOOLEAN)";
                bits.add("CASE WHEN coalesce(\"" + ind.recordedColumn() + "\", " + derived + ") THEN " + (1L << i) + " ELSE 0 END");
            }
            flagExpr.append(" WHEN ").append(PeerSql.q(s)).append(" THEN ").append(bits.isEmpty() ? "0" : String.join(" + ", bits));
            List<String> t = rb.formA().criteria().stream().map(c -> "CASE WHEN \"" + c + "\" THEN 1 ELSE 0 END").toList();
            tickExpr.append(" WHEN ").append(PeerSql.q(s)).append(" THEN ").append(t.isEmpty() ? "0" : String.join(" + ", t));
        }
        flagExpr.append(" END");
        tickExpr.append(" END");
        String scored = sql.scoreAndSnapshot();
        String rCte = scored.substring(0, scored.indexOf(" a AS (UNPIVOT")); // "WITH r AS (...), t AS (...),"
        String answerCols = String.join(", ", variables.stream().map(v -> "CAST(b.\"" + v + "\" AS VARCHAR) AS \"" + v + "\"").toList());
        String q = rCte
                + " f2 AS (SELECT f.*, r.standard AS _std FROM form_b2 f JOIN r USING (run_id, household_id)),"
                + " fl AS (SELECT run_id, household_id, CAST(" + flagExpr + " AS BIGINT) AS flags FROM f2),"
                + " fa2 AS (SELECT f.*, r.standard AS _std FROM form_a f JOIN r USING (run_id, household_id)),"
                + " tk AS (SELECT run_id, household_id, CAST(" + tickExpr + " AS INTEGER) AS ticks FROM fa2)"
                + " SELECT r.run_id, r.household_id, r.province_code, r.district_code, r.commune_code, r.standard, r.run_type,"
                + " t.table_id, r.review_basis, CAST(r.review_year AS INTEGER), CAST(epoch(r.run_date) / 86400 AS INTEGER),"
                + " r.urban, r.farm_household, b.run_id IS NOT NULL, fl.flags, tk.ticks,"
                + " v.inc_crops + v.inc_livestock + v.inc_forestry + v.inc_aquaculture + v.inc_salt + v.inc_nonfarm + v.inc_wages"
                + " + v.inc_other - v.production_costs, v.members"
                + (answerCols.isEmpty() ? "" : ", " + answerCols)
                + " FROM r LEFT JOIN t USING (run_id, household_id) LEFT JOIN form_b1 b USING (run_id, household_id)"
                + " LEFT JOIN fl USING (run_id, household_id) LEFT JOIN tk USING (run_id, household_id)"
                + " LEFT JOIN income_viii v USING (run_id, household_id)";
        int count;
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM roster")) {
            rs.next();
            count = rs.getInt(1);
        }
        allocate(count);
        List<Map<String, Integer>> codes = new ArrayList<>();
        for (int v = 0; v < variables.size(); v++) {
            codes.add(new HashMap<>());
            dictionaries.add(new ArrayList<>());
        }
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(q)) {
            int i = 0;
            while (rs.next()) {
                if (i == count) {
                    throw new IllegalStateException("more joined household-runs than roster rows: a form key is not unique");
                }
                runId[i] = rs.getString(1);
                householdId[i] = rs.getString(2);
                province[i] = rs.getString(3);
                district[i] = rs.getString(4);
                commune[i] = rs.getString(5);
                standard[i] = rs.getString(6);
                runType[i] = rs.getString(7);
                tableId[i] = rs.getString(8);
                reviewBasis[i] = rs.getString(9);
                year[i] = rs.getInt(10);
                runDate[i] = rs.getInt(11);
                urban[i] = rs.getBoolean(12);
                boolean f = rs.getBoolean(13);
                farm[i] = rs.wasNull() ? null : f;
                hasB1[i] = rs.getBoolean(14);
                long fl = rs.getLong(15);
                flags[i] = rs.wasNull() ? -1 : fl;
                int tk = rs.getInt(16);
                ticks[i] = rs.wasNull() ? -1 : tk;
                long ni = rs.getLong(17);
                net[i] = rs.wasNull() ? null : ni;
                viiiMembers[i] = rs.getInt(18);
                for (int v = 0; v < variables.size(); v++) {
                    String a = rs.getString(19 + v);
                    if (a == null) {
                        answers[v][i] = -1;
                    } else {
                        int vv = v;
                        answers[v][i] = codes.get(v).computeIfAbsent(a, k -> {
                            dictionaries.get(vv).add(k);
                            return dictionaries.get(vv).size() - 1;
                        });
                    }
                }
                i++;
            }
            n = i;
        }
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT CAST(reference_year AS INTEGER), commune_code, province_code, district_code, households_total FROM totals")) {
            while (rs.next()) {
                long h = rs.getLong(5);
                totals.add(new Object[]{rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.wasNull() ? null : h});
            }
        }
        return n;
    }

    private void allocate(int count) {
        runId = new String[count];
        householdId = new String[count];
        province = new String[count];
        district = new String[count];
        commune = new String[count];
        standard = new String[count];
        runType = new String[count];
        tableId = new String[count];
        reviewBasis = new String[count];
        year = new int[count];
        runDate = new int[count];
        urban = new boolean[count];
        farm = new Boolean[count];
        hasB1 = new boolean[count];
        answers = new int[variables.size()][count];
        flags = new long[count];
        ticks = new int[count];
        net = new Long[count];
        viiiMembers = new int[count];
    }

    /** The loop. Returns rows keyed "year|snapshot|level|unit" → "poor|near_poor|households_total". */
    public Map<String, String> compute() {
        // the point tables compiled to arrays over the answer dictionaries: points[table][variable][code]
        Map<String, int[][]> points = new HashMap<>();
        Map<String, Integer> constants = new HashMap<>();
        for (String s : rulebooks.standards()) {
            Rulebook rb = rulebooks.get(s);
            List<B1Table> tables = new ArrayList<>(rb.ruralTables().values());
            tables.add(rb.urbanTable());
            for (B1Table t : tables) {
                constants.put(t.tableId(), t.constant());
                int[][] p = new int[variables.size()][];
                for (int v = 0; v < variables.size(); v++) {
                    List<String> dict = dictionaries.get(v);
                    p[v] = new int[dict.size()];
                    for (B1Table.Entry e : t.entriesOf(variables.get(v))) {
                        for (int c = 0; c < dict.size(); c++) {
                            if (e.matches(dict.get(c))) {
                                p[v][c] += e.points();
                            }
                        }
                    }
                }
                points.put(t.tableId(), p);
            }
        }
        String[] status = new String[n];
        for (int i = 0; i < n; i++) {
            Rulebook rb = rulebooks.get(standard[i]);
            Integer scoreA = null;
            if (hasB1[i] && tableId[i] != null) {
                int[][] p = points.get(tableId[i]);
                int a = constants.get(tableId[i]);
                for (int v = 0; v < p.length; v++) {
                    int c = answers[v][i];
                    if (c >= 0) {
                        a += p[v][c];
                    }
                }
                scoreA = a;
            }
            boolean screened = false;
            if (ticks[i] >= 0 && "applicant".equals(reviewBasis[i])) {
                boolean passed = rb.formA().direction().equals("review_if_below")
                        ? ticks[i] < rb.formA().cutoff() : ticks[i] <= rb.formA().cutoff();
                screened = !passed;
            }
            if (screened) {
                status[i] = Status.SCREENED_OUT;
                continue;
            }
            if (scoreA == null || flags[i] < 0) {
                continue;
            }
            int scoreB = Long.bitCount(flags[i]) * rb.pointsPerIndicator();
            ScoreBands b = rb.bands(urban[i]);
            String s;
            if (b.poorMax() != null && scoreA <= b.poorMax()) {
                s = Status.POOR;
            } else if (scoreA <= b.nearPoorMax()) {
                s = scoreB >= rb.deprivationCutoff() ? Status.POOR : Status.NEAR_POOR;
            } else {
                s = Status.NOT_POOR;
            }
            if (s.equals(Status.NOT_POOR) && Boolean.TRUE.equals(farm[i]) && net[i] != null && rb.hasMiddleBand()) {
                IncomeBand band = rb.middleBand().get(urban[i] ? Rulebook.URBAN : Rulebook.RURAL);
                long months = (long) viiiMembers[i] * 12L;
                long lower = months * band.lower();
                long upper = months * band.upper();
                long x = net[i];
                if ((band.lowerInclusive() ? x >= lower : x > lower) && (band.upperInclusive() ? x <= upper : x < upper)) {
                    s = Status.MIDDLE;
                }
            }
            status[i] = s;
        }
        // annual runs: (year, run, standard, date)
        Map<String, List<Object[]>> annualByYearStandard = new HashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            if ("annual".equals(runType[i]) && seen.add(year[i] + "|" + runId[i] + "|" + standard[i] + "|" + runDate[i])) {
                annualByYearStandard.computeIfAbsent(year[i] + "|" + standard[i], k -> new ArrayList<>())
                        .add(new Object[]{runId[i], runDate[i]});
            }
        }
        Map<String, Integer> best = new HashMap<>();
        Map<String, String> snapshotOf = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String st = status[i];
            if (st == null || st.equals(Status.SCREENED_OUT)) {
                continue;
            }
            List<Object[]> runs = annualByYearStandard.get(year[i] + "|" + standard[i]);
            if (runs == null) {
                continue;
            }
            for (Object[] run : runs) {
                if (runDate[i] > (int) run[1]) {
                    continue;
                }
                String key = run[0] + "\u0000" + householdId[i];
                Integer j = best.get(key);
                if (j == null || later(i, j)) {
                    best.put(key, i);
                    snapshotOf.put(key, "annual_" + run[0]);
                }
            }
        }
        // counts per (year, snapshot, commune)
        Map<String, long[]> counts = new HashMap<>();
        Map<String, String[]> communeParents = new HashMap<>();
        for (Map.Entry<String, Integer> e : best.entrySet()) {
            int i = e.getValue();
            String key = year[i] + "|" + snapshotOf.get(e.getKey()) + "|" + commune[i];
            long[] c = counts.computeIfAbsent(key, k -> new long[2]);
            if (status[i].equals(Status.POOR)) {
                c[0]++;
            } else if (status[i].equals(Status.NEAR_POOR)) {
                c[1]++;
            }
            communeParents.merge(key, new String[]{province[i], district[i]}, (x, y) -> new String[]{
                    max(x[0], y[0]), max(x[1], y[1])});
        }
        // denominators: the latest total at or before the year, for every (year, snapshot) frame
        Map<String, Object[]> den = new HashMap<>();
        java.util.Set<String> frames = new java.util.TreeSet<>();
        counts.keySet().forEach(k -> frames.add(k.substring(0, k.lastIndexOf('|'))));
        for (String frame : frames) {
            int y = Integer.parseInt(frame.substring(0, frame.indexOf('|')));
            for (Object[] t : totals) {
                if ((int) t[0] > y) {
                    continue;
                }
                String key = frame + "|" + t[1];
                Object[] cur = den.get(key);
                if (cur == null || (int) t[0] > (int) cur[0]) {
                    den.put(key, t);
                }
            }
        }
        java.util.Set<String> keys = new java.util.HashSet<>(counts.keySet());
        keys.addAll(den.keySet());
        Map<String, long[]> out = new TreeMap<>();
        Map<String, Boolean> hasTotal = new HashMap<>();
        for (String key : keys) {
            String frame = key.substring(0, key.lastIndexOf('|'));
            String com = key.substring(key.lastIndexOf('|') + 1);
            long[] c = counts.getOrDefault(key, new long[2]);
            Object[] d = den.get(key);
            String[] parents = communeParents.get(key);
            String prov = d != null && d[2] != null ? (String) d[2] : parents == null ? null : parents[0];
            String dist = d != null && d[3] != null ? (String) d[3] : parents == null ? null : parents[1];
            Long total = d == null ? null : (Long) d[4];
            for (String unitKey : new String[]{"commune|" + com, "district|" + dist, "province|" + prov, "national|VN"}) {
                String k = frame + "|" + unitKey;
                long[] agg = out.computeIfAbsent(k, x -> new long[3]);
                agg[0] += c[0];
                agg[1] += c[1];
                if (total != null) {
                    agg[2] += total;
                    hasTotal.put(k, true);
                }
            }
        }
        Map<String, String> result = new LinkedHashMap<>();
        out.forEach((k, v) -> result.put(k, v[0] + "|" + v[1] + "|" + (hasTotal.containsKey(k) ? String.valueOf(v[2]) : "null")));
        return result;
    }

    /** Whether row i comes before row j in the order run date desc, run type asc, run id desc. */
    private boolean later(int i, int j) {
        if (runDate[i] != runDate[j]) {
            return runDate[i] > runDate[j];
        }
        int t = runType[i].compareTo(runType[j]);
        if (t != 0) {
            return t < 0;
        }
        return runId[i].compareTo(runId[j]) > 0;
    }

    private static String max(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
