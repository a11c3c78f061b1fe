package vn.rasoat.dashboards.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import vn.rasoat.dashboards.SampleDashboards;
import vn.rasoat.dashboards.site.DashboardSession;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWorkbookIT extends SampleDashboards {
    @Test
    void provinceReportHasTheFiveTablesWithVietnameseHeadingsAndTheyAddUp() throws Exception {
        Path file = Paths.get("target", "reports-test", "report_91_2023.xlsx");
        try (DashboardSession s = openSample("vi")) {
            ReportWorkbook.write(s.dashboard(), "91", 2023, file);
        }
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertEquals(List.of("Biểu 1 Kết quả", "Biểu 2 Biến động hộ nghèo", "Biểu 3 Biến động cận nghèo",
                    "Biểu 4 Thiếu hụt", "Biểu 5 Nhóm đối tượng"), sheetNames(wb));
            Sheet results = wb.getSheetAt(0);
            assertEquals("Báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo năm 2023", text(results, 0, 0));
            assertEquals("Đơn vị: Tỉnh Kiên Giang (91)", text(results, 1, 0));
            assertTrue(text(results, 2, 0).contains("2022_2025"), text(results, 2, 0));
            Map<String, Integer> h = headings(results, 5);
            assertTrue(h.containsKey("Số hộ nghèo") && h.containsKey("Tỷ lệ hộ cận nghèo (%)")
                    && h.containsKey("Số hộ có mức sống trung bình"), h.toString());
            // Row 6: the province; rows 7-9: its three districts. Districts add up to the province.
            assertEquals("91", text(results, 6, h.get("Mã")));
            for (String col : List.of("Số hộ nghèo", "Số hộ cận nghèo", "Số nhân khẩu hộ nghèo", "Số hộ có mức sống trung bình",
                    "Tổng số hộ")) {
                long province = (long) num(results, 6, h.get(col));
                long districts = 0;
                for (int r = 7; r <= 9; r++) {
                    districts += (long) num(results, r, h.get(col));
                }
                assertEquals(province, districts, col);
            }
            assertEquals(1.6186, num(results, 6, h.get("Tỷ lệ hộ nghèo (%)")), 1e-9, "the demo's province rate");
            // completeness: every row says in words whether its figures are complete, by the 0.99 threshold, and the
            // poor rate lies within its bounds
            for (int r = 6; r <= 9; r++) {
                String mark = text(results, r, h.get("Số liệu"));
                double share = num(results, r, h.get("Tỷ lệ đã phân loại"));
                assertEquals(share < 0.99 ? "chưa đầy đủ" : "đầy đủ", mark, "row " + r + ", share " + share);
                double rate = num(results, r, h.get("Tỷ lệ hộ nghèo (%)"));
                assertEquals(rate, num(results, r, h.get("Tỷ lệ hộ nghèo thấp nhất (%)")), 1e-9);
                assertTrue(num(results, r, h.get("Tỷ lệ hộ nghèo cao nhất (%)")) >= rate);
                assertTrue(num(results, r, h.get("Số hộ chưa phân loại (phiếu bị giữ lại)")) >= 0);
            }
            // Biểu 2: households at the end = at the start − decreases + increases.
            for (int sheet : List.of(1, 2)) {
                Sheet m = wb.getSheetAt(sheet);
                Map<String, Integer> mh = headings(m, 5);
                long start = 0;
                long end = 0;
                long change = 0;
                for (int r = 6; r <= m.getLastRowNum(); r++) {
                    String dir = text(m, r, mh.get("Tăng/giảm"));
                    long n = (long) num(m, r, mh.get("Số hộ"));
                    String mv = text(m, r, mh.get("Biến động"));
                    if (mv.equals("Số hộ đầu kỳ")) {
                        start = n;
                    } else if (mv.equals("Số hộ cuối kỳ")) {
                        end = n;
                    } else {
                        change += dir.equals("Giảm") ? -n : n;
                    }
                }
                assertTrue(start > 0, m.getSheetName());
                assertEquals(end, start + change, m.getSheetName() + ": end = start − decreases + increases");
            }
            // Biểu 4: one row per indicator of the 2022-2025 standard, by name.
            Sheet dep = wb.getSheetAt(3);
            assertEquals(12, dep.getLastRowNum() - 5, "12 indicators");
            List<String> indicators = new ArrayList<>();
            for (int r = 6; r <= dep.getLastRowNum(); r++) {
                indicators.add(text(dep, r, 0));
            }
            assertTrue(indicators.contains("Bảo hiểm y tế"), indicators.toString());
            // Biểu 5: the target groups by name.
            Sheet groups = wb.getSheetAt(4);
            List<String> names = new ArrayList<>();
            for (int r = 6; r <= groups.getLastRowNum(); r++) {
                names.add(text(groups, r, 0));
            }
            assertTrue(names.containsAll(List.of("Dân tộc thiểu số", "Không có khả năng lao động", "Người có công",
                    "Chủ hộ là nữ")), names.toString());
        }
    }

    /** An incomplete unit reads "chưa đầy đủ" (never TRUE/FALSE) and the sheet names the quarantine command. */
    @Test
    void anIncompleteUnitIsMarkedInWordsWithTheCommandThatListsTheHeldRows() throws Exception {
        try (DashboardSession s = openSample("vi")) {
            var l = s.dashboard().labels();
            var r = new vn.rasoat.dashboards.query.QueryResult("report_results",
                    List.of("unit_code", "poor_rate_pct", "completeness", "incomplete"),
                    List.of("VARCHAR", "DECIMAL(9,4)", "DECIMAL(5,4)", "BOOLEAN"),
                    List.of(List.of("30730", new java.math.BigDecimal("6.0000"), new java.math.BigDecimal("0.9285"), true),
                            List.of("30733", new java.math.BigDecimal("5.0000"), new java.math.BigDecimal("1.0000"), false)));
            try (XSSFWorkbook wb = new XSSFWorkbook()) {
                Sheet sh = wb.createSheet("t");
                vn.rasoat.dashboards.site.TableFiles.addTable(wb, sh, 0, null, r, l);
                assertEquals("Số liệu", text(sh, 0, 3));
                assertEquals("chưa đầy đủ", text(sh, 1, 3));
                assertEquals("đầy đủ", text(sh, 2, 3));
            }
            assertTrue(l.text("note.incomplete", 2022).contains("./rasoat quarantine --commune"));
            assertEquals("chưa đầy đủ", l.bool("incomplete", true));
            assertEquals("Có", l.bool("flag_bunching", true), "other yes/no cells read Có/Không");
        }
    }

    @Test
    void anUnknownUnitIsAClearError() throws Exception {
        try (DashboardSession s = openSample("vi")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ReportWorkbook.write(s.dashboard(), "01", 2023, Paths.get("target", "x.xlsx")));
            assertTrue(e.getMessage().contains("province 01"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ReportWorkbook.levelOf("1234"));
        }
    }

    private static List<String> sheetNames(XSSFWorkbook wb) {
        List<String> out = new ArrayList<>();
        wb.forEach(s -> out.add(s.getSheetName()));
        return out;
    }

    private static Map<String, Integer> headings(Sheet s, int row) {
        Map<String, Integer> out = new HashMap<>();
        Row r = s.getRow(row);
        for (Cell c : r) {
            out.put(c.getStringCellValue(), c.getColumnIndex());
        }
        return out;
    }

    private static String text(Sheet s, int row, int col) {
        Cell c = s.getRow(row).getCell(col);
        return c == null ? "" : c.getCellType() == CellType.NUMERIC ? String.valueOf(c.getNumericCellValue()) : c.getStringCellValue();
    }

    private static double num(Sheet s, int row, int col) {
        return s.getRow(row).getCell(col).getNumericCellValue();
    }
}
