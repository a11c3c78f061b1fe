package vn.rasoat.budget;

import vn.rasoat.checks.Finding;
import vn.rasoat.io.SimpleCsv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the arithmetic of a published district cost table (the columns of Kiên Giang's Phụ lục 2): every
 * count × norm cell, every row total, every column total. Each cell that does not add up is reported with
 * what it should be and the difference.
 */
public final class TableChecker {
    /** Money columns = count column × the norm of the cost line. */
    static final Map<String, String[]> PRODUCTS = Map.of(
            "forms_amount", new String[]{"forms", "survey_forms"},
            "hamlets_amount", new String[]{"hamlets", "hamlet_meetings"},
            "commune_analysis", new String[]{"communes", "commune_analysis"},
            "data_entry_amount", new String[]{"forms_entered", "data_entry"});
    static final List<String> MONEY = List.of("forms_amount", "hamlets_amount", "commune_analysis", "district_analysis",
            "data_entry_amount", "training", "printing");
    static final List<String> SUMMED = List.of("communes", "forms", "forms_amount", "hamlets", "hamlets_amount",
            "commune_analysis", "district_analysis", "forms_entered", "data_entry_amount", "training", "printing", "total");

    private TableChecker() {
    }

    public static List<Map<String, String>> read(Path csv) {
        try (InputStream in = Files.newInputStream(csv)) {
            return SimpleCsv.read(in, csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Finding> check(List<Map<String, String>> table, CostSet costs) {
        Map<String, Long> norms = new LinkedHashMap<>();
        costs.districtLines().stream().filter(CostSet.Line::perUnit).forEach(l -> norms.put(l.code(), l.norm()));
        List<Finding> out = new ArrayList<>();
        Map<String, Long> sums = new LinkedHashMap<>();
        Map<String, String> totalRow = null;
        for (Map<String, String> row : table) {
            String label = row.get("stt") + " " + row.get("district_name");
            if ("total".equalsIgnoreCase(row.get("stt"))) {
                totalRow = row;
                continue;
            }
            for (Map.Entry<String, String[]> p : PRODUCTS.entrySet()) {
                long expected = Math.multiplyExact(number(row, p.getValue()[0]), norms.get(p.getValue()[1]));
                long published = number(row, p.getKey());
                if (published != expected) {
                    out.add(new Finding(label, p.getKey(), published, expected,
                            p.getValue()[0] + " × " + norms.get(p.getValue()[1])));
                }
            }
            long rowTotal = 0;
            for (String m : MONEY) {
                rowTotal = Math.addExact(rowTotal, number(row, m));
            }
            if (number(row, "total") != rowTotal) {
                out.add(new Finding(label, "total", number(row, "total"), rowTotal, "sum of the row's amounts"));
            }
            for (String c : SUMMED) {
                sums.merge(c, number(row, c), Math::addExact);
            }
        }
        if (totalRow == null) {
            out.add(new Finding("total", "-", 0, 0, "the table has no total row"));
            return out;
        }
        for (String c : SUMMED) {
            long published = number(totalRow, c);
            if (published != sums.get(c)) {
                out.add(new Finding("total", c, published, sums.get(c), "sum of the district rows"));
            }
        }
        return out;
    }

    private static long number(Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("row " + row.get("stt") + ": no value in column " + column);
        }
        return Long.parseLong(v.replace(".", "").replace(",", "").trim());
    }
}
