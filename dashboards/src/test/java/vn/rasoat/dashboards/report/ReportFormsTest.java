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
import java.util.Map;

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

    /** Topics an input of roster contract 1.0.0 does not collect (the rest are required fields). */
    static boolean optional(String topic, String category) {
        return !topic.equals("ethnic_group") && !(topic.equals("target_group") && !category.equals("social_protection"));
    }

    /**
     * The cells of the hand-made commune (5 poor, 4 near-poor, 2 middle households of 104): its households from the
     * rates mart, and every row of {@code mart_report_topics} as counted by hand in the jobs module's fixture
     * {@code fixtures/report-topics/mart_report_topics.csv} (the same file {@code ReportTopicsMartTest} checks the mart
     * against). Without {@code collected}, the same commune as an input of contract 1.0.0 gives it: the optional
     * fields' answers not collected.
     */
    static List<List<Object>> handMade(boolean collected) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(cell("rates", "households_total", null, null, 104, null, null));
        rows.add(cell("rates", "poor_households", null, null, 5, null, null));
        rows.add(cell("rates", "near_poor_households", null, null, 4, null, null));
        rows.add(cell("rates", "middle_households", null, null, 2, null, null));
        // 2 of 104 households: 1.92307…%, to four decimals as the rates mart gives it (the form prints two: 1.92)
        List<Object> middleRate = cell("rates", "middle_rate_pct", null, null, 0, null, null);
        middleRate.set(8, new java.math.BigDecimal("1.9231"));
        rows.add(middleRate);
        for (Map<String, String> r : csvResource("/fixtures/report-topics/mart_report_topics.csv")) {
            boolean asked = collected || !optional(r.get("topic"), r.get("category"));
            rows.add(topic(r.get("status_group"), r.get("topic"), r.get("category"), Long.parseLong(r.get("households")),
                    asked ? Long.parseLong(r.get("households_collected")) : 0, asked ? Long.parseLong(r.get("value")) : 0));
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

    /** Every cell of the total row, as "first heading|second heading" → number or text. */
    static Map<String, Object> totalRow(Sheet s) {
        int head = headRow(s);
        int total = totalRow(s, head);
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int c = 2; c < s.getRow(head + 1).getLastCellNum(); c++) {
            Cell h = s.getRow(head + 1).getCell(c);
            Cell v = s.getRow(total).getCell(c);
            String key = groupAt(s, head, c) + "|" + (h == null ? "" : h.getStringCellValue());
            assertTrue(out.put(key, v.getCellType() == CellType.NUMERIC ? (Object) v.getNumericCellValue() : v.getStringCellValue()) == null,
                    "column " + key + " twice");
        }
        return out;
    }

    /**
     * Every cell of the forms the new fields feed (7.6 target groups, 7.7 support needs, 7.8 ethnic groups, 7.9
     * causes, 7.10 children, 7.14 middle living standard and sectors) equals the hand count of the 12 households, in
     * {@code src/test/resources/report-forms/hand-made-cells.csv} (form, first heading, second heading, value): no
     * column missing, none more.
     */
    @Test
    void everyCellOfTheHandMadeCommuneIsTheHandCount() throws Exception {
        SchemaSource source = schemas();
        ReportForms.FormSet set = ReportForms.load(source);
        Dashboard d = dashboard(source);
        ReportForms.Data data = data(true);
        Map<String, Map<String, Object>> expected = new java.util.TreeMap<>();
        for (Map<String, String> r : csvResource("/report-forms/hand-made-cells.csv")) {
            String v = r.get("value");
            expected.computeIfAbsent(r.get("form"), f -> new java.util.LinkedHashMap<>()).put(r.get("group") + "|" + r.get("heading"),
                    v.matches("-?[0-9.]+") ? (Object) Double.parseDouble(v) : v);
        }
        assertEquals(List.of("7.10", "7.14", "7.6", "7.7", "7.8", "7.9"), List.copyOf(expected.keySet()));
        for (Map.Entry<String, Map<String, Object>> form : expected.entrySet()) {
            Path file = ReportForms.write(d, source, set, set.form(form.getKey()), data, tmp.resolve(form.getKey() + ".xlsx"));
            try (XSSFWorkbook wb = open(file)) {
                assertEquals(form.getValue(), totalRow(wb.getSheetAt(0)), "form " + form.getKey());
                if (form.getKey().equals("7.9")) {
                    // one poor household of five did not answer: the notes say so, with the column
                    String notes = sheetText(wb.getSheet("Ghi chú"));
                    assertTrue(notes.contains("1 trong 5 hộ chưa thu thập"), notes);
                    assertTrue(notes.contains("2022_2025-r1") && notes.contains("iv-test"), "versions on the notes sheet");
                }
                if (form.getKey().equals("7.10")) {
                    assertTrue(sheetText(wb.getSheetAt(0)).contains("Ghi chú: Các cột đếm số trẻ em"), "the form says its columns count children");
                }
            }
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
        try (XSSFWorkbook wb = open(ReportForms.write(d, source, set, set.form("7.14"), data, tmp.resolve("7.14.xlsx")))) {
            // the two middle farm households' sector was not asked: not collected, though 0 of them are in each sector
            for (String sector : List.of("Nông nghiệp", "Lâm nghiệp", "Ngư nghiệp", "Diêm nghiệp")) {
                assertEquals(ReportForms.NOT_COLLECTED, total(wb.getSheetAt(0), "Chia theo ngành", sector), sector);
            }
            assertEquals(2.0, total(wb.getSheetAt(0), "Hộ có mức sống trung bình", "Tổng số"));
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
