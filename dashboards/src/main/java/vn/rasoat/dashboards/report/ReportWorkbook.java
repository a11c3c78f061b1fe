package vn.rasoat.dashboards.report;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.rasoat.dashboards.charts.Labels;
import vn.rasoat.dashboards.query.QueryResult;
import vn.rasoat.dashboards.site.Dashboard;
import vn.rasoat.dashboards.site.TableFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The review report tables of a unit and year as a workbook with Vietnamese headings (English with --lang en):
 * Biểu 1 review results, Biểu 2 and 3 movements of poor and near-poor households, Biểu 4 deprivation by indicator,
 * Biểu 5 target groups. Each sheet says the unit, the year, the standard and the rulebook and input versions.
 */
public final class ReportWorkbook {
    private ReportWorkbook() {
    }

    /** The level of a unit code: VN national, a region key, 2 digits province, 3 district, 5 commune. */
    public static String levelOf(String code) {
        if (code.equals("VN")) {
            return "national";
        }
        if (code.matches("[A-Z]{2,8}")) {
            return "region";
        }
        return switch (code.length()) {
            case 2 -> "province";
            case 3 -> "district";
            case 5 -> "commune";
            default -> throw new IllegalArgumentException("unit code '" + code
                    + "': 2 digits (province), 3 (district), 5 (commune), a region key or VN");
        };
    }

    public static Path write(Dashboard d, String unit, int year, Path file) throws SQLException {
        Labels l = d.labels();
        String level = levelOf(unit);
        Map<String, Object> params = Map.of("year", year, "level", level, "unit", unit);
        QueryResult results = d.queries().run("report_results", params);
        if (results.isEmpty() || !unit.equals(results.string(0, "unit_code"))) {
            throw new IllegalArgumentException("no annual review results for " + level + " " + unit + " in " + year);
        }
        String name = results.string(0, "name");
        String versions = l.column("standard") + ": " + results.string(0, "standard") + " · "
                + l.text("page.versions", results.string(0, "rulebook_version"), results.string(0, "input_version"));
        QueryResult movements = d.queries().run("report_movements", params);
        QueryResult deprivation = d.queries().run("report_deprivation", params);
        QueryResult groups = d.queries().run("report_target_groups", params);
        String base = movements.isEmpty() ? "—" : movements.string(0, "base_year");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            sheet(wb, l.text("report.sheet.results"), l, year, name, unit, versions, l.text("report.title.results"),
                    drop(results, "row_order", "standard", "rulebook_version", "input_version"));
            sheet(wb, l.text("report.sheet.movements_poor"), l, year, name, unit, versions,
                    l.text("report.title.movements_poor", base, year),
                    labelled(filter(movements, r -> "poor".equals(r.get(0))), l));
            sheet(wb, l.text("report.sheet.movements_near_poor"), l, year, name, unit, versions,
                    l.text("report.title.movements_near_poor", base, year),
                    labelled(filter(movements, r -> "near_poor".equals(r.get(0))), l));
            sheet(wb, l.text("report.sheet.deprivation"), l, year, name, unit, versions, l.text("report.title.deprivation"),
                    labelled(drop(deprivation, "rulebook_version", "input_version"), l));
            sheet(wb, l.text("report.sheet.target_groups"), l, year, name, unit, versions, l.text("report.title.target_groups"),
                    labelled(drop(groups, "rulebook_version", "input_version"), l));
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static void sheet(XSSFWorkbook wb, String sheetName, Labels l, int year, String name, String unit,
                              String versions, String title, QueryResult r) {
        Sheet s = wb.createSheet(sheetName);
        s.createRow(0).createCell(0).setCellValue(l.text("report.title", year));
        s.createRow(1).createCell(0).setCellValue(l.text("report.unit", name, unit));
        s.createRow(2).createCell(0).setCellValue(versions);
        int next = TableFiles.addTable(wb, s, 4, title, r, l);
        if (r.isEmpty()) {
            s.createRow(next).createCell(0).setCellValue(l.text("report.none"));
        }
        int at = r.columns().indexOf("incomplete");
        if (at >= 0 && r.rows().stream().anyMatch(row -> Boolean.TRUE.equals(row.get(at)))) {
            s.createRow(next + 1).createCell(0).setCellValue(l.text("note.incomplete", year));
        }
        for (int c = 0; c < r.columns().size(); c++) {
            s.setColumnWidth(c, (c == 0 ? 42 : 16) * 256);
        }
    }

    private static QueryResult filter(QueryResult r, Predicate<List<Object>> keep) {
        return new QueryResult(r.query(), r.columns(), r.types(), r.rows().stream().filter(keep).toList());
    }

    static QueryResult drop(QueryResult r, String... columns) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < r.columns().size(); i++) {
            if (!List.of(columns).contains(r.columns().get(i))) {
                keep.add(i);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            rows.add(keep.stream().map(row::get).toList());
        }
        return new QueryResult(r.query(), keep.stream().map(r.columns()::get).toList(),
                keep.stream().map(r.types()::get).toList(), rows);
    }

    /** Codes replaced by their labels: indicators, movements, directions, breakdowns and their values. */
    static QueryResult labelled(QueryResult r, Labels l) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            List<Object> out = new ArrayList<>(row);
            for (int c = 0; c < r.columns().size(); c++) {
                Object v = row.get(c);
                String s = v == null ? null : v.toString();
                switch (r.columns().get(c)) {
                    case "indicator" -> out.set(c, l.indicator(s));
                    case "movement" -> out.set(c, l.value("movement", s));
                    case "direction" -> out.set(c, l.value("direction", s));
                    case "group" -> out.set(c, l.value("group", s));
                    case "breakdown" -> out.set(c, l.value("breakdown", s));
                    case "breakdown_value" -> out.set(c, l.value("value", s));
                    default -> {
                    }
                }
            }
            rows.add(java.util.Collections.unmodifiableList(new ArrayList<>(out)));
        }
        return new QueryResult(r.query(), r.columns(), r.types(), rows);
    }
}
