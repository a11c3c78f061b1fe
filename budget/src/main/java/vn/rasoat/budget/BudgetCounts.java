package vn.rasoat.budget;

import vn.rasoat.dashboards.Warehouse;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.io.SimpleCsv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where a budget's counts come from: a counts file, or the warehouse through DuckDB. */
public final class BudgetCounts {
    public static final List<String> COUNTS = List.of("communes", "forms", "hamlets", "forms_entered");

    private BudgetCounts() {
    }

    /** A counts file: one row per district with communes, forms, hamlets, forms_entered and the lump sums. */
    public static List<Budget.UnitCounts> fromFile(Path csv, CostSet costs) {
        List<Map<String, String>> rows;
        try (InputStream in = Files.newInputStream(csv)) {
            rows = SimpleCsv.read(in, csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read counts file " + csv, e);
        }
        List<Budget.UnitCounts> out = new ArrayList<>();
        int line = 0;
        for (Map<String, String> r : rows) {
            line++;
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String c : COUNTS) {
                counts.put(c, parse(r, c, csv, line));
            }
            Map<String, Long> lumps = new LinkedHashMap<>();
            for (CostSet.Line l : costs.districtLines()) {
                if (l.lump() != null && r.get(l.lump()) != null && !r.get(l.lump()).isBlank()) {
                    lumps.put(l.lump(), parse(r, l.lump(), csv, line));
                }
            }
            String code = r.containsKey("district_code") ? r.get("district_code") : r.get("unit_code");
            out.add(new Budget.UnitCounts(code, r.get("district_name"), counts, lumps));
        }
        return out;
    }

    private static long parse(Map<String, String> r, String column, Path file, int line) {
        String v = r.get(column);
        if (v == null || !v.matches("\\d+")) {
            throw new IllegalArgumentException(file + " data row " + line + ", column " + column
                    + ": expected a whole number, found '" + v + "'");
        }
        return Long.parseLong(v);
    }

    /**
     * Counts from the warehouse for a province and review year, per district (per commune when the year has no
     * districts): communes reviewed; forms = households reviewed (not screened out) × forms per household under
     * the run's standard + Appendix VIII forms; hamlets from the published hamlet list ({@code dim_hamlet}); forms to enter = households
     * recognised poor or near-poor. The province count of certificates is the poor plus near-poor households.
     * Forecast (the next review from this one): the households to review are this year's poor and near-poor (next
     * year's start list) plus applicants at this year's number; the rest as above.
     *
     * <p>The forms counted are those of one annual run: the year's official one, or {@code run} when given (a year can
     * have an annual run under each of two standards; counting both would price the review twice).
     */
    public static List<Budget.UnitCounts> fromWarehouse(SchemaSource source, String warehouse, String province, int year, CostSet costs,
                                                        Map<String, Long> provinceCounts, Map<String, String> names,
                                                        boolean forecast, String run) {
        String sql = """
                WITH r AS (
                  SELECT * FROM fct_household_status WHERE review_year = ? AND province_code = ? AND run_type = 'annual'
                    AND run_id IN (SELECT run_id FROM fct_household_status WHERE review_year = ? AND province_code = ?
                                     AND run_type = 'annual' AND (CASE WHEN CAST(? AS VARCHAR) IS NULL THEN official ELSE run_id = CAST(? AS VARCHAR) END)))
                SELECT coalesce(r.district_code, r.commune_code) AS unit_code,
                       count(DISTINCT r.commune_code) AS communes,
                       sum(CASE WHEN %s THEN (CASE r.standard WHEN '2016_2020' THEN ? WHEN '2027_2030' THEN ? ELSE ? END) ELSE 0 END)
                         + sum(CASE WHEN r.net_income_12m IS NOT NULL THEN ? ELSE 0 END) AS forms,
                       sum(CASE WHEN r.status IN ('poor', 'near_poor') THEN 1 ELSE 0 END) AS forms_entered
                FROM r GROUP BY 1 ORDER BY 1""".formatted(forecast
                ? "(r.status IN ('poor', 'near_poor') OR (r.review_basis = 'applicant' AND r.status <> 'screened_out'))"
                : "r.status <> 'screened_out'");
        // the hamlets of each commune of the year's annual review as published with the marts (dim_hamlet, from the
        // staged hamlet list); NULL for a commune the list does not have
        String hamletsSql = """
                SELECT u.commune_code, coalesce(u.district_code, u.commune_code) AS unit_code, h.hamlets
                FROM (SELECT DISTINCT commune_code, district_code FROM fct_household_status
                      WHERE review_year = ? AND province_code = ? AND run_type = 'annual') u
                LEFT JOIN (SELECT commune_code, count(DISTINCT hamlet_code) AS hamlets
                           FROM dim_hamlet WHERE reference_year = ? AND province_code = ? GROUP BY commune_code) h
                  USING (commune_code)
                ORDER BY 1""";
        List<Budget.UnitCounts> out = new ArrayList<>();
        try (Warehouse w = Warehouse.open(source, warehouse)) {
            Map<String, Long> hamlets = new LinkedHashMap<>();
            List<String> withoutHamlets = new ArrayList<>();
            try (PreparedStatement ps = w.connection().prepareStatement(hamletsSql)) {
                ps.setInt(1, year);
                ps.setString(2, province);
                ps.setInt(3, year);
                ps.setString(4, province);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long n = rs.getLong(3);
                        if (rs.wasNull()) {
                            withoutHamlets.add(rs.getString(1));
                        } else {
                            hamlets.merge(rs.getString(2), n, Long::sum);
                        }
                    }
                }
            }
            // their hamlet meetings cannot be counted, and a count of 0 would price them as if they had no hamlet
            if (!withoutHamlets.isEmpty()) {
                throw new IllegalArgumentException("no hamlet list for " + withoutHamlets.size() + " commune(s) of province "
                        + province + " reviewed in " + year + " (" + String.join(", ", withoutHamlets.subList(0,
                        Math.min(10, withoutHamlets.size()))) + (withoutHamlets.size() > 10 ? ", …" : "")
                        + "): their hamlet meetings cannot be counted. Ingest the year's hamlets/ files and rebuild the marts,"
                        + " or price from a counts file (--counts)");
            }
            try (PreparedStatement ps = w.connection().prepareStatement(sql)) {
                ps.setInt(1, year);
                ps.setString(2, province);
                ps.setInt(3, year);
                ps.setString(4, province);
                ps.setString(5, run);
                ps.setString(6, run);
                ps.setInt(7, costs.formsPerHousehold().getOrDefault("2016_2020", 1));
                ps.setInt(8, costs.formsPerHousehold().getOrDefault("2027_2030", 2));
                ps.setInt(9, costs.formsPerHousehold().getOrDefault("2022_2025", 2));
                ps.setInt(10, costs.formsPerHousehold().getOrDefault("middle_income", 1));
                long certificates = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Long> counts = new LinkedHashMap<>();
                        counts.put("communes", rs.getLong("communes"));
                        counts.put("forms", rs.getLong("forms"));
                        counts.put("hamlets", hamlets.get(rs.getString("unit_code")));
                        counts.put("forms_entered", rs.getLong("forms_entered"));
                        certificates += rs.getLong("forms_entered");
                        String unit = rs.getString("unit_code");
                        out.add(new Budget.UnitCounts(unit, names.getOrDefault(unit, unit), counts, Map.of()));
                    }
                }
                provinceCounts.put("certificates", certificates);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read counts from the warehouse " + warehouse + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the warehouse has no " + (run == null ? "official annual review" : "annual run " + run)
                    + " of province " + province + " in " + year);
        }
        return out;
    }
}
