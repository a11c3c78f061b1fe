package vn.rasoat.dashboards.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.dashboards.charts.Labels;
import vn.rasoat.dashboards.query.QueryResult;
import vn.rasoat.dashboards.site.Dashboard;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.rules.Rulebooks;
import vn.rasoat.ProjectFiles;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report forms of the hand-made commune of 12 households (the table of {@code ReportTopicsMartTest} in the jobs
 * module): its mart rows as the form query returns them, written to workbooks and read back with POI. Every cell is
 * the hand count; a topic an input did not collect reads "chưa thu thập".
 */
class ReportFormsTest extends ProjectFiles {
    @TempDir
    Path tmp;

    static final List<String> COLUMNS = List.of("row_order", "level", "unit_code", "name", "source", "k1", "k2", "k3",
            "value", "households", "households_collected", "rulebook_version", "input_version");

    static List<Object> cell(String source, String k1, String k2, String k3, long value, Long households, Long collected) {
        return Arrays.asList(0, "commune", "30730", "Phường Vĩnh Thanh Vân", source, k1, k2, k3,
                new java.math.BigDecimal(value), households, collected, "2022_2025-r1", "iv-test");
    }

    static List<Object> topic(String status, String topic, String category, long households, long collected, long value) {
        return cell("topic", status, topic, category, value, households, collected);
    }

    /** The cells of the hand-made commune (5 poor, 4 near-poor, 2 middle households of 104). */
    static List<List<Object>> handMade(boolean collected) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(cell("rates", "households_total", null, null, 104, null, null));
        rows.add(cell("rates", "poor_households", null, null, 5, null, null));
        rows.add(cell("rates", "near_poor_households", null, null, 4, null, null));
        rows.add(cell("rates", "middle_households", null, null, 2, null, null));
        long c5 = collected ? 4 : 0;
        long c4 = collected ? 4 : 0;
        String[][] poorCauses = {{"capital", "2"}, {"land", "1"}, {"labour", "1"}, {"illness", "1"}, {"other", "1"},
                {"tools", "0"}, {"knowledge", "0"}, {"skills", "0"}};
        for (String[] c : poorCauses) {
            rows.add(topic("poor", "cause", c[0], 5, c5, collected ? Long.parseLong(c[1]) : 0));
        }
        String[][] nearCauses = {{"capital", "2"}, {"land", "1"}, {"tools", "1"}, {"knowledge", "1"}, {"skills", "1"},
                {"labour", "0"}, {"illness", "0"}, {"other", "0"}};
        for (String[] c : nearCauses) {
            rows.add(topic("near_poor", "cause", c[0], 4, c4, collected ? Long.parseLong(c[1]) : 0));
        }
        String[][] poorNeeds = {{"livelihood", "1"}, {"credit", "2"}, {"health", "2"}, {"education", "1"}, {"housing", "0"}, {"other", "0"}};
        for (String[] c : poorNeeds) {
            rows.add(topic("poor", "support_need", c[0], 5, c5, collected ? Long.parseLong(c[1]) : 0));
        }
        String[][] nearNeeds = {{"livelihood", "2"}, {"housing", "1"}, {"education", "1"}, {"credit", "1"}, {"health", "0"}, {"other", "0"}};
        for (String[] c : nearNeeds) {
            rows.add(topic("near_poor", "support_need", c[0], 4, c4, collected ? Long.parseLong(c[1]) : 0));
        }
        rows.add(topic("poor", "target_group", "no_working_capacity", 5, 5, 2));
        rows.add(topic("poor", "target_group", "meritorious_person", 5, 5, 1));
        rows.add(topic("poor", "target_group", "social_protection", 5, collected ? 3 : 0, collected ? 2 : 0));
        rows.add(topic("poor", "target_group", "ethnic_minority", 5, 5, 2));
        rows.add(topic("poor", "target_group", "female_head", 5, 5, 2));
        rows.add(topic("poor", "ethnic_group", "01", 5, 5, 3));
        rows.add(topic("poor", "ethnic_group", "02", 5, 5, 1));
        rows.add(topic("poor", "ethnic_group", "04", 5, 5, 1));
        rows.add(topic("near_poor", "ethnic_group", "01", 4, 4, 3));
        rows.add(topic("near_poor", "ethnic_group", "02", 4, 4, 1));
        rows.add(topic("middle", "sector", "farm", 2, collected ? 2 : 0, collected ? 1 : 0));
        rows.add(topic("middle", "sector", "fishery", 2, collected ? 2 : 0, collected ? 1 : 0));
        rows.add(topic("middle", "sector", "forestry", 2, collected ? 2 : 0, 0));
        rows.add(topic("middle", "sector", "salt", 2, collected ? 2 : 0, 0));
        String[][] poorKids = {{"under16", "6"}, {"no_health_insurance", "3"}, {"malnourished", "2"}, {"out_of_school", "2"}};
        for (String[] c : poorKids) {
            rows.add(topic("poor", "children", c[0], 5, c5, collected ? Long.parseLong(c[1]) : 0));
        }
        String[][] nearKids = {{"under16", "7"}, {"no_health_insurance", "1"}, {"malnourished", "1"}, {"out_of_school", "2"}};
        for (String[] c : nearKids) {
            rows.add(topic("near_poor", "children", c[0], 4, c4, collected ? Long.parseLong(c[1]) : 0));
        }
        return rows;
    }

    static Dashboard dashboard(SchemaSource source) {
        return new Dashboard(null, Labels.load("vi", source), Rulebooks.load(source), null);
    }

    static ReportForms.Data data(boolean collected) {
        List<String> types = COLUMNS.stream().map(c -> "VARCHAR").toList();
        return new ReportForms.Data(new QueryResult("report_form_cells", COLUMNS, types, handMade(collected)), "30730", 2023);
    }

    static XSSFWorkbook open(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    /** The total row's cells of a form, by the second heading under a first heading. */
    static Object total(Sheet s, String group, String heading) {
        int head = headRow(s);
        int groupCol = -1;
        for (int c = 0; c <= s.getRow(head).getLastCellNum(); c++) {
            Cell g = s.getRow(head).getCell(c);
            if (g != null && g.getStringCellValue().equals(group)) {
                groupCol = c;
            }
            String current = groupAt(s, head, c);
            Cell h = s.getRow(head + 1).getCell(c);
            if (group.equals(current) && h != null && h.getStringCellValue().equals(heading)) {
                Cell v = s.getRow(totalRow(s, head)).getCell(c);
                return v.getCellType() == CellType.NUMERIC ? (Object) v.getNumericCellValue() : v.getStringCellValue();
            }
        }
        throw new AssertionError("no column " + group + " / " + heading + " (group at " + groupCol + ")");
    }

    static int totalRow(Sheet s, int head) {
        for (int r = head + 3; r <= s.getLastRowNum(); r++) {
            if (s.getRow(r) != null && s.getRow(r).getCell(1) != null
                    && "Tổng cộng".equals(s.getRow(r).getCell(1).getStringCellValue())) {
                return r;
            }
        }
        throw new AssertionError("no total row");
    }

    /** The first heading over a column (merged cells hold their text in the first cell). */
    static String groupAt(Sheet s, int head, int c) {
        for (CellRangeAddress m : s.getMergedRegions()) {
            if (m.getFirstRow() == head && m.isInRange(head, c)) {
                return s.getRow(head).getCell(m.getFirstColumn()).getStringCellValue();
            }
        }
        Cell g = s.getRow(head).getCell(c);
        return g == null ? null : g.getStringCellValue();
    }

    static int headRow(Sheet s) {
        for (int r = 0; r < 12; r++) {
            if (s.getRow(r) != null && s.getRow(r).getCell(0) != null && "STT".equals(s.getRow(r).getCell(0).getStringCellValue())) {
                return r;
            }
        }
        throw new AssertionError("no heading row");
    }

    @Test
    void everyCellOfTheHandMadeCommuneIsTheHandCount() throws Exception {
        SchemaSource source = schemas();
        ReportForms.FormSet set = ReportForms.load(source);
        Dashboard d = dashboard(source);
        ReportForms.Data data = data(true);
        Path f79 = ReportForms.write(d, source, set, set.form("7.9"), data, tmp.resolve("7.9.xlsx"));
        try (XSSFWorkbook wb = open(f79)) {
            Sheet s = wb.getSheetAt(0);
            assertEquals(5.0, total(s, "Hộ nghèo", "Tổng số hộ"));
            assertEquals(2.0, total(s, "Hộ nghèo", "Thiếu vốn sản xuất"));
            assertEquals(1.0, total(s, "Hộ nghèo", "Thiếu đất sản xuất"));
            assertEquals(1.0, total(s, "Hộ nghèo", "Thiếu lao động"));
            assertEquals(1.0, total(s, "Hộ nghèo", "Ốm đau, tai nạn"));
            assertEquals(0.0, total(s, "Hộ nghèo", "Thiếu kỹ năng lao động"));
            assertEquals(2.0, total(s, "Hộ cận nghèo", "Thiếu vốn sản xuất"));
            assertEquals(1.0, total(s, "Hộ cận nghèo", "Thiếu công cụ, phương tiện sản xuất"));
            assertEquals(0.0, total(s, "Hộ cận nghèo", "Thiếu lao động"));
            // one poor household of five did not answer: the notes say so, with the column
            String notes = sheetText(wb.getSheet("Ghi chú"));
            assertTrue(notes.contains("1 trong 5 hộ chưa thu thập"), notes);
            assertTrue(notes.contains("2022_2025-r1") && notes.contains("iv-test"), "versions on the notes sheet");
        }
        try (XSSFWorkbook wb = open(ReportForms.write(d, source, set, set.form("7.7"), data, tmp.resolve("7.7.xlsx")))) {
            Sheet s = wb.getSheetAt(0);
            assertEquals(2.0, total(s, "Hộ nghèo", "Tín dụng"));
            assertEquals(2.0, total(s, "Hộ nghèo", "Y tế"));
            assertEquals(1.0, total(s, "Hộ nghèo", "Sản xuất, sinh kế"));
            assertEquals(1.0, total(s, "Hộ nghèo", "Giáo dục"));
            assertEquals(2.0, total(s, "Hộ cận nghèo", "Sản xuất, sinh kế"));
            assertEquals(1.0, total(s, "Hộ cận nghèo", "Nhà ở"));
        }
        try (XSSFWorkbook wb = open(ReportForms.write(d, source, set, set.form("7.6"), data, tmp.resolve("7.6.xlsx")))) {
            Sheet s = wb.getSheetAt(0);
            assertEquals(2.0, total(s, "Hộ nghèo", "Không có khả năng lao động"));
            assertEquals(1.0, total(s, "Hộ nghèo", "Có người có công với cách mạng"));
            assertEquals(2.0, total(s, "Hộ nghèo", "Có đối tượng bảo trợ xã hội"));
            assertEquals(2.0, total(s, "Hộ nghèo", "Chủ hộ là người dân tộc thiểu số"));
        }
        try (XSSFWorkbook wb = open(ReportForms.write(d, source, set, set.form("7.8"), data, tmp.resolve("7.8.xlsx")))) {
            Sheet s = wb.getSheetAt(0);
            assertEquals(3.0, total(s, "Hộ nghèo", "Kinh"));
            assertEquals(1.0, total(s, "Hộ nghèo", "Tày"));
            assertEquals(1.0, total(s, "Hộ nghèo", "Hoa"));
            assertEquals(1.0, total(s, "Hộ cận nghèo", "Tày"));
        }
        try (XSSFWorkbook wb = open(ReportForms.write(d, source, set, set.form("7.10"), data, tmp.resolve("7.10.xlsx")))) {
            Sheet s = wb.getSheetAt(0);
            assertEquals(6.0, total(s, "Trẻ em thuộc hộ nghèo", "Tổng số trẻ em dưới 16 tuổi"));
            assertEquals(3.0, total(s, "Trẻ em thuộc hộ nghèo", "Không có thẻ bảo hiểm y tế"));
            assertEquals(2.0, total(s, "Trẻ em thuộc hộ nghèo", "Suy dinh dưỡng"));
            assertEquals(2.0, total(s, "Trẻ em thuộc hộ nghèo", "Không đi học"));
            assertEquals(7.0, total(s, "Trẻ em thuộc hộ cận nghèo", "Tổng số trẻ em dưới 16 tuổi"));
            assertEquals(2.0, total(s, "Trẻ em thuộc hộ cận nghèo", "Không đi học"));
            assertTrue(sheetText(s).contains("Ghi chú: Các cột đếm số trẻ em"), "the form says its columns count children");
        }
        try (XSSFWorkbook wb = open(ReportForms.write(d, source, set, set.form("7.14"), data, tmp.resolve("7.14.xlsx")))) {
            Sheet s = wb.getSheetAt(0);
            assertEquals(2.0, total(s, "Hộ có mức sống trung bình", "Tổng số"));
            assertEquals(1.0, total(s, "Chia theo ngành", "Nông nghiệp"));
            assertEquals(1.0, total(s, "Chia theo ngành", "Ngư nghiệp"));
            assertEquals(0.0, total(s, "Chia theo ngành", "Lâm nghiệp"));
        }
    }

    @Test
    void anInputWithoutTheNewFieldsSaysNotCollectedNeverZero() throws Exception {
        SchemaSource source = schemas();
        ReportForms.FormSet set = ReportForms.load(source);
        ReportForms.Data data = data(false);
        Dashboard d = dashboard(source);
        try (XSSFWorkbook wb = open(ReportForms.write(d, source, set, set.form("7.9"), data, tmp.resolve("7.9.xlsx")))) {
            assertEquals(ReportForms.NOT_COLLECTED, total(wb.getSheetAt(0), "Hộ nghèo", "Thiếu vốn sản xuất"));
            assertEquals(5.0, total(wb.getSheetAt(0), "Hộ nghèo", "Tổng số hộ"), "the households themselves are known");
        }
        try (XSSFWorkbook wb = open(ReportForms.write(d, source, set, set.form("7.6"), data, tmp.resolve("7.6.xlsx")))) {
            assertEquals(ReportForms.NOT_COLLECTED, total(wb.getSheetAt(0), "Hộ nghèo", "Có đối tượng bảo trợ xã hội"));
            assertEquals(2.0, total(wb.getSheetAt(0), "Hộ nghèo", "Không có khả năng lao động"), "required fields stay counted");
        }
        try (XSSFWorkbook wb = open(ReportForms.write(d, source, set, set.form("7.2"), data, tmp.resolve("7.2.xlsx")))) {
            // no movements in the data (no previous year): no data, not zero
            assertEquals(ReportForms.NO_DATA, total(wb.getSheetAt(0), "Số hộ đầu kỳ", ""));
        }
    }

    /** A district of two communes: 30730 sent roster 1.1.0 (causes recorded), 30733 roster 1.0.0 (not collected). */
    @Test
    void aCommuneWithoutTheFieldSaysNotCollectedBesideOneWithIt() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList(0, "district", "899", "Thành phố Rạch Giá", "rates", "poor_households", null, null,
                new java.math.BigDecimal(8), null, null, "2022_2025-r1", "iv-test"));
        rows.add(Arrays.asList(0, "district", "899", "Thành phố Rạch Giá", "topic", "poor", "cause", "capital",
                new java.math.BigDecimal(2), 8L, 5L, "2022_2025-r1", "iv-test"));
        rows.add(Arrays.asList(1, "commune", "30730", "Phường Vĩnh Thanh Vân", "rates", "poor_households", null, null,
                new java.math.BigDecimal(5), null, null, "2022_2025-r1", "iv-test"));
        rows.add(Arrays.asList(1, "commune", "30730", "Phường Vĩnh Thanh Vân", "topic", "poor", "cause", "capital",
                new java.math.BigDecimal(2), 5L, 5L, "2022_2025-r1", "iv-test"));
        rows.add(Arrays.asList(1, "commune", "30733", "Phường Vĩnh Thanh", "rates", "poor_households", null, null,
                new java.math.BigDecimal(3), null, null, "2022_2025-r1", "iv-test"));
        rows.add(Arrays.asList(1, "commune", "30733", "Phường Vĩnh Thanh", "topic", "poor", "cause", "capital",
                new java.math.BigDecimal(0), 3L, 0L, "2022_2025-r1", "iv-test"));
        ReportForms.Data data = new ReportForms.Data(new QueryResult("report_form_cells", COLUMNS,
                COLUMNS.stream().map(c -> "VARCHAR").toList(), rows), "899", 2023);
        SchemaSource source = schemas();
        ReportForms.FormSet set = ReportForms.load(source);
        try (XSSFWorkbook wb = open(ReportForms.write(dashboard(source), source, set, set.form("7.9"), data, tmp.resolve("d.xlsx")))) {
            Sheet s = wb.getSheetAt(0);
            int head = headRow(s);
            int col = -1;
            for (int c = 2; c < s.getRow(head + 1).getLastCellNum(); c++) {
                if ("Thiếu vốn sản xuất".equals(s.getRow(head + 1).getCell(c).getStringCellValue())) {
                    col = c;
                    break;
                }
            }
            assertEquals("Phường Vĩnh Thanh Vân", s.getRow(head + 3).getCell(1).getStringCellValue());
            assertEquals(2.0, s.getRow(head + 3).getCell(col).getNumericCellValue());
            assertEquals(ReportForms.NOT_COLLECTED, s.getRow(head + 4).getCell(col).getStringCellValue());
            assertEquals(2.0, total(s, "Hộ nghèo", "Thiếu vốn sản xuất"), "the total counts the households asked");
            assertEquals(8.0, total(s, "Hộ nghèo", "Tổng số hộ"));
            // a land cause nobody in 30730 named: 0 there, not collected in 30733
            assertEquals(0.0, s.getRow(head + 3).getCell(col - 1).getNumericCellValue());
            assertEquals(ReportForms.NOT_COLLECTED, s.getRow(head + 4).getCell(col - 1).getStringCellValue());
            String notes = sheetText(wb.getSheet("Ghi chú"));
            assertTrue(notes.contains("tổng cộng: 3 trong 8 hộ chưa thu thập"), notes);
        }
    }

    @Test
    void aFormHasItsNumberTitleHeadingsSignatureAndPrintsA4LandscapeOnePageWide() throws Exception {
        SchemaSource source = schemas();
        ReportForms.FormSet set = ReportForms.load(source);
        Path file = ReportForms.write(dashboard(source), source, set, set.form("7.9"), data(true), tmp.resolve("f.xlsx"));
        try (XSSFWorkbook wb = open(file)) {
            assertEquals(List.of("Biểu 7.9", "Ghi chú"), List.of(wb.getSheetName(0), wb.getSheetName(1)));
            Sheet s = wb.getSheetAt(0);
            String text = sheetText(s);
            assertTrue(text.contains("Biểu số 7.9"), "form number");
            assertTrue(text.contains("HỘ NGHÈO, HỘ CẬN NGHÈO THEO NGUYÊN NHÂN NGHÈO"), "title");
            assertTrue(text.contains("Đơn vị báo cáo: Phường Vĩnh Thanh Vân (30730)"), "reporting unit");
            assertTrue(text.contains("năm 2023"), "period");
            assertTrue(text.contains("Người lập biểu") && text.contains("Thủ trưởng đơn vị") && text.contains("(Ký tên, đóng dấu)")
                    && text.contains("\nVĩnh Thanh Vân, ngày "), "signature block with place and date");
            assertTrue(text.contains("Một hộ có thể có nhiều nguyên nhân nghèo"), "the multi-select note");
            assertTrue(text.contains("Tổng cộng"), "total row");
            int head = headRow(s);
            // two heading levels: "Hộ nghèo" merged over its columns, STT and Đơn vị merged down
            assertTrue(s.getMergedRegions().stream().anyMatch(m -> m.getFirstRow() == head && m.getLastRow() == head
                    && m.getNumberOfCells() == 9), "a first-level heading over nine columns");
            assertTrue(s.getMergedRegions().stream().anyMatch(m -> m.getFirstRow() == head && m.getLastRow() == head + 1
                    && m.getFirstColumn() == 0), "STT spans both heading rows");
            assertEquals("(1)", s.getRow(head + 2).getCell(2).getStringCellValue(), "column numbers");
            PrintSetup p = s.getPrintSetup();
            assertTrue(p.getLandscape(), "landscape");
            assertEquals(PrintSetup.A4_PAPERSIZE, p.getPaperSize());
            assertEquals(1, p.getFitWidth());
            assertEquals(0, p.getFitHeight());
            assertTrue(s.getFitToPage());
        }
    }

    @Test
    void aFormTheProjectDoesNotKnowIsRefusedWithItsReason() {
        ReportForms.FormSet set = ReportForms.load(schemas());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> set.form("7.15"));
        assertTrue(e.getMessage().contains("not produced"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> set.form("9.9")).getMessage().contains("7.1, 7.2"));
    }

    static String sheetText(Sheet s) {
        StringBuilder b = new StringBuilder();
        for (org.apache.poi.ss.usermodel.Row r : s) {
            for (Cell c : r) {
                if (c.getCellType() == CellType.STRING) {
                    b.append(c.getStringCellValue()).append('\n');
                }
            }
        }
        return b.toString();
    }
}
