package vn.rasoat.bench;

import vn.rasoat.rules.B1Table;
import vn.rasoat.rules.IncomeBand;
import vn.rasoat.rules.Indicator;
import vn.rasoat.rules.Rulebook;
import vn.rasoat.rules.Rulebooks;
import vn.rasoat.rules.ScoreBands;
import vn.rasoat.rules.Status;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * <b>An independent re-implementation on purpose</b>: it is the yardstick the Spark jobs are checked against,
 * so it shares none of their rule code (only the rulebook data) and lives in the bench module, off the product.
 *
 * The benchmark's workload written as SQL, from the same rulebooks the Spark jobs read: score every staged
 * household-run (score A from the B1 point tables, deprivations from the B2 flags or facts, form A screening,
 * the middle band), take each household's status at the end of each annual run, count poor and near-poor per
 * commune and roll up with the commune household totals (rates as ratios of sums).
 *
 * <p>{@link #scoreAndSnapshot()} is DuckDB SQL over the views {@code roster, runs, form_a, form_b1, form_b2,
 * income_viii} and the rule tables {@link #ruleTables()} creates. {@link #AGGREGATE} is plain SQL that both
 * DuckDB and Spark run, over a view {@code snap} (review_year, snapshot, province_code, district_code,
 * commune_code, status) and {@code totals} (the staged commune totals).
 */
public final class PeerSql {
    private final Rulebooks rulebooks;
    private final List<String> standards;
    private final List<String> b1Variables;

    public PeerSql(Rulebooks rulebooks, List<String> b1Variables) {
        this.rulebooks = rulebooks;
        this.standards = rulebooks.standards();
        this.b1Variables = b1Variables;
    }

    /** Every B1 variable some table of some standard scores, among the given columns of form B1. */
    public static List<String> b1Variables(Rulebooks rulebooks, List<String> b1Columns) {
        Set<String> vars = new LinkedHashSet<>();
        for (String s : rulebooks.standards()) {
            Rulebook rb = rulebooks.get(s);
            vars.addAll(rb.urbanTable().variables());
            rb.ruralTables().values().forEach(t -> vars.addAll(t.variables()));
        }
        return vars.stream().filter(b1Columns::contains).toList();
    }

    /** Statements creating the rule tables (B1 points, table choice) from the rulebooks. Setup, not timed. */
    public List<String> ruleTables() {
        List<String> sql = new ArrayList<>();
        sql.add("CREATE OR REPLACE TABLE b1_points (table_id VARCHAR, variable VARCHAR, answer VARCHAR, lo BIGINT, hi BIGINT, points INTEGER)");
        sql.add("CREATE OR REPLACE TABLE b1_const (table_id VARCHAR, constant INTEGER)");
        sql.add("CREATE OR REPLACE TABLE b1_tables (standard VARCHAR, urban BOOLEAN, region_key VARCHAR, table_id VARCHAR)");
        Set<String> seen = new LinkedHashSet<>();
        for (String s : standards) {
            Rulebook rb = rulebooks.get(s);
            List<B1Table> tables = new ArrayList<>();
            tables.add(rb.urbanTable());
            sql.add("INSERT INTO b1_tables VALUES (" + q(s) + ", true, NULL, " + q(rb.urbanTable().tableId()) + ")");
            rb.ruralTables().forEach((region, t) -> {
                tables.add(t);
                sql.add("INSERT INTO b1_tables VALUES (" + q(s) + ", false, " + q(region) + ", " + q(t.tableId()) + ")");
            });
            for (B1Table t : tables) {
                if (!seen.add(t.tableId())) {
                    continue;
                }
                sql.add("INSERT INTO b1_const VALUES (" + q(t.tableId()) + ", " + t.constant() + ")");
                StringBuilder ins = new StringBuilder("INSERT INTO b1_points VALUES ");
                boolean first = true;
                for (B1Table.Entry e : t.entries()) {
                    ins.append(first ? "" : ", ").append("(").append(q(t.tableId())).append(", ").append(q(e.variable()))
                            .append(", ").append(e.isRange() ? "NULL" : q(e.answer().toLowerCase(Locale.ROOT)))
                            .append(", ").append(e.lo()).append(", ").append(e.hi()).append(", ").append(e.points()).append(")");
                    first = false;
                }
                if (!first) {
                    sql.add(ins.toString().replace(", null,", ", NULL,").replace("(null", "(NULL"));
                }
            }
        }
        return sql;
    }

    /** The scoring and the annual snapshot as one DuckDB query, producing the columns {@code snap} needs. */
    public String scoreAndSnapshot() {
        StringBuilder calendar = new StringBuilder("CASE");
        for (int y = 2000; y <= 2100; y++) {
            try {
                String standard = rulebooks.standardForYear(y);
                calendar.append(" WHEN r.review_year = ").append(y).append(" THEN ").append(q(standard));
            } catch (RuntimeException notCovered) {
                // years outside the calendar have no standard
            }
        }
        calendar.append(" END");
        String stack = String.join(", ", b1Variables.stream().map(v -> "CAST(\"" + v + "\" AS VARCHAR) AS \"" + v + "\"").toList());
        String on = String.join(", ", b1Variables.stream().map(v -> "\"" + v + "\"").toList());
        return "WITH r AS (SELECT r.run_id, r.review_year, r.province_code, r.district_code, r.commune_code, r.household_id,"
                + " r.urban, r.farm_household, r.review_basis,"
                + " coalesce(ru.standard, " + calendar + ") AS standard,"
                + " coalesce(ru.run_type, 'annual') AS run_type,"
                + " coalesce(ru.run_date, make_date(CAST(r.review_year AS BIGINT), 12, 31)) AS run_date,"
                + " g.region_key"
                + " FROM roster r LEFT JOIN runs ru ON ru.run_id = r.run_id AND ru.province_code = r.province_code"
                + " LEFT JOIN regions g ON g.commune_code = r.commune_code),"
                + " t AS (SELECT r.run_id, r.household_id, bt.table_id FROM r JOIN b1_tables bt ON bt.standard = r.standard"
                + " AND bt.urban = r.urban AND (r.urban OR bt.region_key = r.region_key)),"
                + " a AS (UNPIVOT (SELECT run_id, household_id, " + stack + " FROM form_b1) ON " + on
                + " INTO NAME variable VALUE answer),"
                + " pts AS (SELECT a.run_id, a.household_id, sum(p.points) AS pts FROM a JOIN t ON t.run_id = a.run_id"
                + " AND t.household_id = a.household_id JOIN b1_points p ON p.table_id = t.table_id AND p.variable = a.variable"
                + " AND ((p.answer IS NOT NULL AND lower(a.answer) = p.answer) OR (p.lo IS NOT NULL"
                + " AND TRY_CAST(a.answer AS BIGINT) >= p.lo AND (p.hi IS NULL OR TRY_CAST(a.answer AS BIGINT) <= p.hi)))"
                + " GROUP BY a.run_id, a.household_id),"
                + " sa AS (SELECT b.run_id, b.household_id, CAST(c.constant + coalesce(pts.pts, 0) AS INTEGER) AS score_a"
                + " FROM (SELECT run_id, household_id FROM form_b1) b JOIN r ON r.run_id = b.run_id AND r.household_id = b.household_id"
                + " LEFT JOIN t ON t.run_id = b.run_id AND t.household_id = b.household_id"
                + " LEFT JOIN b1_const c ON c.table_id = t.table_id"
                + " LEFT JOIN pts ON pts.run_id = b.run_id AND pts.household_id = b.household_id),"
                + " b2s AS (SELECT f.*, r.standard AS _std FROM form_b2 f JOIN r ON r.run_id = f.run_id AND r.household_id = f.household_id),"
                + " dc AS (SELECT run_id, household_id, " + deprivedCount() + " AS deprived_count FROM b2s),"
                + " fas AS (SELECT f.*, r.standard AS _std FROM form_a f JOIN r ON r.run_id = f.run_id AND r.household_id = f.household_id),"
                + " fa AS (SELECT run_id, household_id, " + formAPassed() + " AS passed FROM fas),"
                + " v AS (SELECT run_id, household_id, inc_crops + inc_livestock + inc_forestry + inc_aquaculture + inc_salt"
                + " + inc_nonfarm + inc_wages + inc_other - production_costs AS net, members AS viii_members FROM income_viii),"
                + " j AS (SELECT r.*, sa.score_a, dc.deprived_count, fa.passed, v.net, v.viii_members FROM r"
                + " LEFT JOIN sa ON sa.run_id = r.run_id AND sa.household_id = r.household_id"
                + " LEFT JOIN dc ON dc.run_id = r.run_id AND dc.household_id = r.household_id"
                + " LEFT JOIN fa ON fa.run_id = r.run_id AND fa.household_id = r.household_id"
                + " LEFT JOIN v ON v.run_id = r.run_id AND v.household_id = r.household_id),"
                + " s AS (SELECT j.*, " + status() + " AS status FROM j),"
                + " ann AS (SELECT DISTINCT review_year AS _y, run_id AS _arun, standard AS _astd, run_date AS _adate FROM s"
                + " WHERE run_type = 'annual'),"
                + " cand AS (SELECT s.*, ann._arun FROM s JOIN ann ON s.review_year = ann._y AND s.standard = ann._astd"
                + " AND s.run_date <= ann._adate WHERE s.status IN ('" + Status.POOR + "', '" + Status.NEAR_POOR + "', '"
                + Status.MIDDLE + "', '" + Status.NOT_POOR + "'))"
                + " SELECT review_year, 'annual_' || _arun AS snapshot, province_code, district_code, commune_code, status"
                + " FROM cand QUALIFY row_number() OVER (PARTITION BY _arun, household_id"
                + " ORDER BY run_date DESC, run_type ASC, run_id DESC) = 1";
    }

    private String deprivedCount() {
        StringBuilder sb = new StringBuilder("CASE _std");
        for (String s : standards) {
            Rulebook rb = rulebooks.get(s);
            List<String> terms = new ArrayList<>();
            for (Indicator i : rb.indicators()) {
                String derived = i.derive() == null ? "CAST(NULL AS BOOLEAN)" : "CAST((" + i.derive() + ") AS BOOLEAN)";
                terms.add("CASE WHEN coalesce(\"" + i.recordedColumn() + "\", " + derived + ") THEN 1 ELSE 0 END");
            }
            sb.append(" WHEN ").append(q(s)).append(" THEN ").append(terms.isEmpty() ? "0" : String.join(" + ", terms));
        }
        return sb.append(" END").toString();
    }

    private String formAPassed() {
        StringBuilder sb = new StringBuilder("CASE _std");
        for (String s : standards) {
            Rulebook rb = rulebooks.get(s);
            List<String> terms = rb.formA().criteria().stream().map(c -> "CASE WHEN \"" + c + "\" THEN 1 ELSE 0 END").toList();
            String ticked = "(" + (terms.isEmpty() ? "0" : String.join(" + ", terms)) + ")";
            String passed = rb.formA().direction().equals("review_if_below")
                    ? ticked + " < " + rb.formA().cutoff() : ticked + " <= " + rb.formA().cutoff();
            sb.append(" WHEN ").append(q(s)).append(" THEN ").append(passed);
        }
        return sb.append(" END").toString();
    }

    private String status() {
        StringBuilder classified = new StringBuilder("CASE standard");
        StringBuilder middle = new StringBuilder("CASE standard");
        for (String s : standards) {
            Rulebook rb = rulebooks.get(s);
            classified.append(" WHEN ").append(q(s)).append(" THEN CASE WHEN urban THEN ").append(bands(rb, rb.bands(true)))
                    .append(" ELSE ").append(bands(rb, rb.bands(false))).append(" END");
            String m = "false";
            if (rb.hasMiddleBand()) {
                m = "CASE WHEN urban THEN " + band(rb.middleBand().get(Rulebook.URBAN)) + " ELSE "
                        + band(rb.middleBand().get(Rulebook.RURAL)) + " END";
            }
            middle.append(" WHEN ").append(q(s)).append(" THEN ").append(m);
        }
        classified.append(" END");
        middle.append(" END");
        return "CASE WHEN review_basis = 'applicant' AND passed = false THEN '" + Status.SCREENED_OUT + "'"
                + " WHEN score_a IS NULL OR deprived_count IS NULL THEN NULL"
                + " WHEN (" + classified + ") = '" + Status.NOT_POOR + "' AND farm_household AND net IS NOT NULL AND (" + middle
                + ") THEN '" + Status.MIDDLE + "'"
                + " ELSE " + classified + " END";
    }

    private static String bands(Rulebook rb, ScoreBands b) {
        String byDeprivation = "CASE WHEN deprived_count * " + rb.pointsPerIndicator() + " >= " + rb.deprivationCutoff()
                + " THEN '" + Status.POOR + "' ELSE '" + Status.NEAR_POOR + "' END";
        String s = "CASE WHEN score_a <= " + b.nearPoorMax() + " THEN " + byDeprivation + " ELSE '" + Status.NOT_POOR + "' END";
        return b.poorMax() == null ? s : "CASE WHEN score_a <= " + b.poorMax() + " THEN '" + Status.POOR + "' ELSE " + s + " END";
    }

    private static String band(IncomeBand b) {
        String months = "(CAST(viii_members AS BIGINT) * 12)";
        return "(net " + (b.lowerInclusive() ? ">=" : ">") + " " + months + " * " + b.lower() + " AND net "
                + (b.upperInclusive() ? "<=" : "<") + " " + months + " * " + b.upper() + ")";
    }

    /**
     * Counts per commune and rolled up to district, province and the nation, with the latest commune household
     * total at or before the review year; rates as ratios of sums. Runs unchanged on DuckDB and Spark SQL.
     */
    public static final String AGGREGATE = "WITH c AS (SELECT review_year, snapshot, commune_code,"
            + " max(province_code) AS province_code, max(district_code) AS district_code,"
            + " CAST(sum(CASE WHEN status = 'poor' THEN 1 ELSE 0 END) AS BIGINT) AS poor_households,"
            + " CAST(sum(CASE WHEN status = 'near_poor' THEN 1 ELSE 0 END) AS BIGINT) AS near_poor_households"
            + " FROM snap GROUP BY review_year, snapshot, commune_code),"
            + " fr AS (SELECT DISTINCT review_year, snapshot FROM c),"
            + " d0 AS (SELECT fr.review_year, fr.snapshot, t.commune_code, t.province_code, t.district_code, t.households_total,"
            + " row_number() OVER (PARTITION BY fr.review_year, fr.snapshot, t.commune_code ORDER BY t.reference_year DESC) AS rn"
            + " FROM fr JOIN totals t ON t.reference_year <= fr.review_year),"
            + " d AS (SELECT * FROM d0 WHERE rn = 1),"
            + " f AS (SELECT coalesce(c.review_year, d.review_year) AS review_year, coalesce(c.snapshot, d.snapshot) AS snapshot,"
            + " coalesce(d.province_code, c.province_code) AS province_code, coalesce(d.district_code, c.district_code) AS district_code,"
            + " coalesce(c.commune_code, d.commune_code) AS commune_code,"
            + " coalesce(c.poor_households, 0) AS poor_households, coalesce(c.near_poor_households, 0) AS near_poor_households,"
            + " d.households_total FROM c FULL OUTER JOIN d ON c.review_year = d.review_year AND c.snapshot = d.snapshot"
            + " AND c.commune_code = d.commune_code)"
            + " SELECT review_year, snapshot,"
            + " CASE WHEN grouping(province_code) = 1 THEN 'national' WHEN grouping(district_code) = 1 THEN 'province'"
            + " WHEN grouping(commune_code) = 1 THEN 'district' ELSE 'commune' END AS level,"
            + " CASE WHEN grouping(province_code) = 1 THEN 'VN' WHEN grouping(district_code) = 1 THEN province_code"
            + " WHEN grouping(commune_code) = 1 THEN district_code ELSE commune_code END AS unit_code,"
            + " CAST(sum(poor_households) AS BIGINT) AS poor_households,"
            + " CAST(sum(near_poor_households) AS BIGINT) AS near_poor_households,"
            + " CAST(sum(households_total) AS BIGINT) AS households_total"
            + " FROM f GROUP BY review_year, snapshot, GROUPING SETS ((province_code, district_code, commune_code),"
            + " (province_code, district_code), (province_code), ())";

    static String q(String s) {
        return s == null ? "NULL" : "'" + s.replace("'", "''") + "'";
    }
}
