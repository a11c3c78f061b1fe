package vn.rasoat.dashboards.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import vn.rasoat.dashboards.SampleDashboards;
import vn.rasoat.dashboards.site.Dashboard;
import vn.rasoat.dashboards.site.DashboardSession;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every report form of the sample province (Kiên Giang, 2023) and of its three districts: in every workbook the unit
 * rows add up to the total row (every count column; the percentages are ratios of the sums, never added), and the
 * province's district rows equal the district workbooks' total rows.
 */
class ReportFormsIT extends SampleDashboards {
    record Table(List<String> names, List<List<Object>> rows, List<Object> total, List<String> headings) {
    }

    static Table read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet s = wb.getSheetAt(0);
            int head = ReportFormsTest.headRow(s);
            int width = s.getRow(head + 2).getLastCellNum();
            List<String> headings = new ArrayList<>();
            for (int c = 2; c < width; c++) {
                headings.add(ReportFormsTest.groupAt(s, head, c) + " / " + s.getRow(head + 1).getCell(c).getStringCellValue());
            }
            List<String> names = new ArrayList<>();
            List<List<Object>> rows = new ArrayList<>();
            List<Object> total = null;
            for (int r = head + 3; r <= s.getLastRowNum(); r++) {
                var row = s.getRow(r);
                if (row == null || row.getCell(1) == null) {
                    break;
                }
                List<Object> v = new ArrayList<>();
                for (int c = 2; c < width; c++) {
                    Cell cell = row.getCell(c);
                    v.add(cell.getCellType() == CellType.NUMERIC ? (Object) cell.getNumericCellValue() : cell.getStringCellValue());
                }
                if (row.getCell(1).getStringCellValue().equals("Tổng cộng")) {
                    total = v;
                    break;
                }
                names.add(row.getCell(1).getStringCellValue());
                rows.add(v);
            }
            return new Table(names, rows, total, headings);
        }
    }

    /**
     * The form's number and title, the reporting unit and period, two heading levels (STT and Đơn vị merged down, a
     * first heading merged across), the column numbers, the signature block, the notes sheet, and A4 landscape one
     * page wide.
     */
    static void assertLaidOutAsTheForm(Path file, ReportForms.Form form, String unit) throws Exception {
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertEquals(List.of("Biểu " + form.id(), "Ghi chú"), List.of(wb.getSheetName(0), wb.getSheetName(1)), file.toString());
            Sheet s = wb.getSheetAt(0);
            String text = ReportFormsTest.sheetText(s);
            for (String expected : List.of("Biểu số " + form.id(), form.titleVi().toUpperCase(java.util.Locale.forLanguageTag("vi")),
                    "(" + unit + ")", "năm 2023", "Tổng cộng", "Người lập biểu", "Thủ trưởng đơn vị", "(Ký tên, đóng dấu)")) {
                assertTrue(text.contains(expected), file + ": no " + expected);
            }
            assertTrue(text.contains("Đơn vị báo cáo: "), file + ": the reporting unit");
            int head = ReportFormsTest.headRow(s);
            assertTrue(s.getMergedRegions().stream().anyMatch(m -> m.getFirstRow() == head && m.getLastRow() == head + 1
                    && m.getFirstColumn() == 0), file + ": STT over both heading rows");
            assertEquals("Đơn vị", s.getRow(head).getCell(1).getStringCellValue(), file.toString());
            assertEquals("(1)", s.getRow(head + 2).getCell(2).getStringCellValue(), file + ": column numbers");
            var p = s.getPrintSetup();
            assertTrue(p.getLandscape() && p.getPaperSize() == org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE
                    && p.getFitWidth() == 1 && p.getFitHeight() == 0 && s.getFitToPage(), file + ": A4 landscape, one page wide");
            String notes = ReportFormsTest.sheetText(wb.getSheet("Ghi chú"));
            assertTrue(notes.contains("2022_2025"), file + ": the rulebook version in the notes");
        }
    }

    @Test
    void everyFormAddsUpAndTheProvinceMatchesItsDistricts() throws Exception {
        Path dir = Paths.get("target", "forms-test");
        Map<String, List<Path>> byUnit = new LinkedHashMap<>();
        List<String> districts = new ArrayList<>();
        try (DashboardSession s = openSample("vi")) {
            Dashboard d = s.dashboard();
            byUnit.put("91", ReportForms.writeAll(d, schemas(), "91", 2023, dir.resolve("91")));
            for (Dashboard.Unit u : d.unitsAt(2023, "district", "91")) {
                districts.add(u.code());
                byUnit.put(u.code(), ReportForms.writeAll(d, schemas(), u.code(), 2023, dir.resolve(u.code())));
            }
        }
        assertEquals(List.of("899", "903", "906"), districts);
        List<ReportForms.Form> set = ReportForms.load(schemas()).forms();
        int forms = set.size();
        assertEquals(11, forms);
        int checked = 0;
        int matched = 0;
        for (int f = 0; f < forms; f++) {
            Table province = read(byUnit.get("91").get(f));
            assertEquals(3, province.rows().size(), "three district rows in " + byUnit.get("91").get(f));
            for (String unit : byUnit.keySet()) {
                Path file = byUnit.get(unit).get(f);
                Table t = read(file);
                assertTrue(t.total() != null, "a total row in " + file);
                assertLaidOutAsTheForm(file, set.get(f), unit);
                for (int c = 0; c < t.headings().size(); c++) {
                    if (t.headings().get(c).endsWith("Tỷ lệ (%)")) {
                        continue;
                    }
                    double sum = 0;
                    for (List<Object> row : t.rows()) {
                        assertTrue(row.get(c) instanceof Double, file + " " + t.headings().get(c) + ": " + row.get(c));
                        sum += (Double) row.get(c);
                    }
                    assertEquals(t.total().get(c), sum, file + ": the rows of " + t.headings().get(c) + " add up to the total");
                    checked++;
                }
            }
            // the province's district rows are the district workbooks' totals, every column (rates included); a column
            // that only the province has (an ethnic group or a movement no household of the district has) is 0 there
            for (int i = 0; i < districts.size(); i++) {
                Table district = read(byUnit.get(districts.get(i)).get(f));
                for (int c = 0; c < province.headings().size(); c++) {
                    int at = district.headings().indexOf(province.headings().get(c));
                    Object expected = at >= 0 ? district.total().get(at) : (Object) 0.0;
                    assertEquals(expected, province.rows().get(i).get(c), byUnit.get("91").get(f) + " row of "
                            + districts.get(i) + ", " + province.headings().get(c));
                }
                assertTrue(province.headings().containsAll(district.headings()), "the province has every column of a district");
            }
            matched++;
        }
        assertTrue(checked > 400, "count columns checked: " + checked);
        assertEquals(forms, matched);
    }
}
