package vn.rasoat.dashboards.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PageMargin;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.rasoat.dashboards.charts.Labels;
import vn.rasoat.dashboards.query.QueryResult;
import vn.rasoat.dashboards.site.Dashboard;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.reference.ReferenceData;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The review's report forms (Biểu 7.x), one workbook per form, from {@code schemas/reports/forms.json}: the form's
 * number and title, the reporting unit and period, a row per unit one level below and a total row (the unit's own
 * figures, which the rows add up to), two-level merged headings, column numbers, a signature block, A4 landscape
 * fitted to one page wide, and a notes sheet (rulebook and input versions, what the form is built from, answers not
 * collected). A cell whose answers were not collected reads "chưa thu thập", never 0.
 */
public final class ReportForms {
    public static final String NOT_COLLECTED = "chưa thu thập";
    public static final String NO_DATA = "không có số liệu";

    /** A column: its two heading levels (an empty heading spans both rows), how its value is found, its format. */
    public record Column(String group, String heading, String cell, boolean percent) {
    }

    /** A form of the set: number, titles and either fixed columns or an expansion built from the data. */
    public record Form(String id, String titleVi, String titleEn, List<Column> columns, String expand, String noteVi) {
    }

    /** The forms file: forms, forms not produced (with the reason), labels of categories and statuses. */
    public record FormSet(String version, String noteVi, List<Form> forms, Map<String, String> notProduced,
                          Map<String, Map<String, String>> categoryLabels, Map<String, String> statusLabels,
                          Map<String, Map<String, List<String>>> movements, Map<String, Map<String, String>> groupLabels) {
        public Form form(String id) {
            return forms.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    notProduced.containsKey(id) ? "form " + id + " is not produced: " + notProduced.get(id)
                            : "unknown form " + id + "; the forms are " + String.join(", ", forms.stream().map(Form::id).toList())));
        }
    }

    /** One cell of the data: its value and, for the report topics, the households and those with an answer. */
    record Value(BigDecimal value, Long households, Long collected) {
    }

    /** What a written cell holds: a number, or a text saying why there is none. */
    record Shown(BigDecimal number, String text) {
    }

    private ReportForms() {
    }

    public static FormSet load(SchemaSource source) {
        String path = "reports/forms.json";
        try {
            JsonNode r = new ObjectMapper().readTree(source.readString(path));
            List<Form> forms = new ArrayList<>();
            for (JsonNode f : r.path("forms")) {
                List<Column> cols = new ArrayList<>();
                for (JsonNode c : f.path("columns")) {
                    cols.add(new Column(c.path("group").asText(), c.path("heading").asText(""), c.path("cell").asText(),
                            "pct".equals(c.path("format").asText())));
                }
                forms.add(new Form(f.path("form").asText(), f.path("title_vi").asText(), f.path("title_en").asText(),
                        List.copyOf(cols), f.path("expand").asText(null), f.path("note_vi").asText(null)));
            }
            Map<String, String> notProduced = new LinkedHashMap<>();
            for (JsonNode n : r.path("not_produced")) {
                n.path("forms").forEach(id -> notProduced.put(id.asText(), n.path("reason_vi").asText()));
            }
            Map<String, Map<String, String>> cats = new LinkedHashMap<>();
            r.path("labels").path("category").fields().forEachRemaining(e -> {
                Map<String, String> m = new LinkedHashMap<>();
                e.getValue().fields().forEachRemaining(x -> m.put(x.getKey(), x.getValue().asText()));
                cats.put(e.getKey(), m);
            });
            Map<String, String> status = new LinkedHashMap<>();
            r.path("labels").path("status").fields().forEachRemaining(e -> status.put(e.getKey(), e.getValue().asText()));
            Map<String, Map<String, List<String>>> movements = new LinkedHashMap<>();
            r.path("movements").fields().forEachRemaining(g -> {
                Map<String, List<String>> byDirection = new LinkedHashMap<>();
                g.getValue().fields().forEachRemaining(dir -> {
                    List<String> codes = new ArrayList<>();
                    dir.getValue().forEach(c -> codes.add(c.asText()));
                    byDirection.put(dir.getKey(), List.copyOf(codes));
                });
                movements.put(g.getKey(), byDirection);
            });
            Map<String, Map<String, String>> groups = new LinkedHashMap<>();
            r.path("labels").path("group").fields().forEachRemaining(e -> {
                Map<String, String> m = new LinkedHashMap<>();
                e.getValue().fields().forEachRemaining(x -> m.put(x.getKey(), x.getValue().asText()));
                groups.put(e.getKey(), m);
            });
            return new FormSet(r.path("version").asText(), r.path("note_vi").asText(), List.copyOf(forms), notProduced,
                    cats, status, movements, groups);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad report forms file " + source.describe(path) + ": " + e.getMessage(), e);
        }
    }

    /** The data of a unit's forms in a year: the cells of the unit and of the units one level below. */
    public static final class Data {
        final String unit;
        final int year;
        final String name;
        final String rulebookVersion;
        final String inputVersion;
        /** unit code → name, children in code order, the unit itself last (the total row). */
        final Map<String, String> rows = new LinkedHashMap<>();
        final Map<String, Map<String, Value>> cells = new TreeMap<>();

        Data(QueryResult r, String unit, int year) {
            this.unit = unit;
            this.year = year;
            String n = null;
            String rb = null;
            String in = null;
            Map<String, String> children = new TreeMap<>();
            for (int i = 0; i < r.size(); i++) {
                String code = r.string(i, "unit_code");
                if (((Number) r.get(i, "row_order")).intValue() == 0) {
                    n = r.string(i, "name");
                    if ("rates".equals(r.string(i, "source"))) {
                        rb = r.string(i, "rulebook_version");
                        in = r.string(i, "input_version");
                    }
                } else {
                    children.put(code, r.string(i, "name"));
                }
                StringBuilder key = new StringBuilder(r.string(i, "source"));
                for (String k : List.of("k1", "k2", "k3")) {
                    if (r.get(i, k) != null) {
                        key.append(':').append(r.string(i, k));
                    }
                }
                Object v = r.get(i, "value");
                Object h = r.get(i, "households");
                Object c = r.get(i, "households_collected");
                cells.computeIfAbsent(code, x -> new TreeMap<>()).put(key.toString(), new Value(
                        v == null ? null : new BigDecimal(v.toString()), h == null ? null : ((Number) h).longValue(),
                        c == null ? null : ((Number) c).longValue()));
            }
            if (n == null || rb == null) {
                throw new IllegalArgumentException("no annual review results for " + ReportWorkbook.levelOf(unit) + " "
                        + unit + " in " + year + " (run rasoat marts, or check the unit code and year)");
            }
            this.name = n;
            this.rulebookVersion = rb;
            this.inputVersion = in;
            rows.putAll(children);
            rows.put(unit, n);
        }

        /** The keys of one source present in any row, e.g. every movement of the poor. */
        List<String> keys(String prefix) {
            LinkedHashSet<String> out = new LinkedHashSet<>();
            for (Map<String, Value> m : cells.values()) {
                for (String k : m.keySet()) {
                    if (k.startsWith(prefix)) {
                        out.add(k);
                    }
                }
            }
            return out.stream().sorted().toList();
        }

        Value get(String unitCode, String key) {
            return cells.getOrDefault(unitCode, Map.of()).get(key);
        }
    }

    public static Data data(Dashboard d, String unit, int year) throws SQLException {
        String level = ReportWorkbook.levelOf(unit);
        return new Data(d.queries().run("report_form_cells", Map.of("year", year, "level", level, "unit", unit)), unit, year);
    }

    /** The columns of a form for this data: its fixed columns, or those its expansion finds in the data. */
    static List<Column> columns(Form f, FormSet set, Data data, Dashboard d, Map<String, String> ethnicNames) {
        if (f.expand() == null) {
            return f.columns();
        }
        String[] e = f.expand().split(":");
        Labels l = d.labels();
        List<Column> out = new ArrayList<>();
        switch (e[0]) {
            case "movements" -> {
                String g = e[1];
                out.add(new Column("Số hộ đầu kỳ", "", "movement:" + g + ":balance:start", false));
                for (String dir : List.of("decrease", "increase")) {
                    String group = dir.equals("decrease") ? "Số hộ giảm trong kỳ" : "Số hộ tăng trong kỳ";
                    out.add(new Column(group, "Tổng số", "sum:movement:" + g + ":" + dir + ":", false));
                    // every movement of the forms file, in its order, for every unit; any other the data has after them
                    List<String> codes = new ArrayList<>(set.movements().getOrDefault(g, Map.of()).getOrDefault(dir, List.of()));
                    for (String k : data.keys("movement:" + g + ":" + dir + ":")) {
                        String code = k.substring(k.lastIndexOf(':') + 1);
                        if (!codes.contains(code)) {
                            codes.add(code);
                        }
                    }
                    for (String code : codes) {
                        out.add(new Column(group, l.value("movement", code), "movement:" + g + ":" + dir + ":" + code, false));
                    }
                }
                out.add(new Column("Số hộ cuối kỳ", "", "movement:" + g + ":balance:end", false));
            }
            case "indicators" -> {
                String s = e[1];
                out.add(new Column(set.statusLabels().get(s), "Tổng số hộ", "rates:" + s + "_households", false));
                String standard = data.rulebookVersion.split("-")[0];
                List<String> order = d.rulebooks().standards().contains(standard)
                        ? d.rulebooks().get(standard).indicatorCodes() : List.of();
                List<String> present = data.keys("deprivation:" + s + ":").stream().map(k -> k.substring(k.lastIndexOf(':') + 1)).toList();
                List<String> codes = new ArrayList<>(order.stream().filter(present::contains).toList());
                present.stream().filter(c -> !codes.contains(c)).forEach(codes::add);
                for (String c : codes) {
                    out.add(new Column(l.indicator(c), "Số hộ", "deprivation:" + s + ":" + c, false));
                    out.add(new Column(l.indicator(c), "Tỷ lệ (%)", "share:deprivation:" + s + ":" + c, true));
                }
            }
            case "categories" -> {
                String topic = e[1];
                for (String s : List.of("poor", "near_poor")) {
                    String group = set.groupLabels().getOrDefault(topic, Map.of()).getOrDefault(s, set.statusLabels().get(s));
                    out.add(new Column(group, "Tổng số hộ", "rates:" + s + "_households", false));
                    List<String> cats;
                    Map<String, String> names;
                    if (topic.equals("ethnic_group")) {
                        cats = data.keys("topic:" + s + ":ethnic_group:").stream().map(k -> k.substring(k.lastIndexOf(':') + 1)).toList();
                        names = ethnicNames;
                    } else {
                        names = set.categoryLabels().get(topic);
                        cats = List.copyOf(names.keySet());
                    }
                    for (String c : cats) {
                        out.add(new Column(group, names.getOrDefault(c, c), "topic:" + s + ":" + topic + ":" + c, false));
                    }
                }
            }
            default -> throw new IllegalArgumentException("form " + f.id() + ": unknown expansion " + f.expand());
        }
        return out;
    }

    /**
     * How many lines a heading takes in the columns {@code first}…{@code last} (their widths in characters, about 1.1
     * characters of a bold heading per width unit fewer for the cell's margins).
     */
    static int wrappedLines(org.apache.poi.ss.usermodel.Sheet s, int first, int last, String text) {
        double chars = 0;
        for (int c = first; c <= last; c++) {
            chars += s.getColumnWidth(c) / 256.0;
        }
        int perLine = Math.max(1, (int) Math.floor(chars / 1.1) - 1);
        return Math.max(1, (int) Math.ceil(text.length() / (double) perLine));
    }

    /** The value of a column for a unit, or the reason there is none. */
    static Shown shown(Data data, String unitCode, Column c) {
        String key = c.cell();
        if (key.startsWith("movement:") || key.startsWith("sum:movement:")) {
            String group = key.split(":")[key.startsWith("sum:") ? 2 : 1];
            if (data.keys("movement:" + group + ":").isEmpty()) {
                // no previous review year to move from: no movements, not zero movements
                return new Shown(null, NO_DATA);
            }
        }
        if (key.startsWith("sum:")) {
            String prefix = key.substring(4);
            BigDecimal sum = BigDecimal.ZERO;
            for (Map.Entry<String, Value> e : data.cells.getOrDefault(unitCode, Map.of()).entrySet()) {
                if (e.getKey().startsWith(prefix) && e.getValue().value() != null) {
                    sum = sum.add(e.getValue().value());
                }
            }
            return new Shown(sum, null);
        }
        if (key.startsWith("share:")) {
            Value v = data.get(unitCode, key.substring(6));
            if (v == null || v.households() == null || v.households() == 0 || v.value() == null) {
                // no household of the status group in the unit: no share to give (its count reads 0)
                Value total = data.get(unitCode, "rates:" + key.split(":")[2] + "_households");
                boolean none = total != null && total.value() != null && total.value().signum() == 0;
                return new Shown(null, v == null && !none ? NO_DATA : "—");
            }
            return new Shown(v.value().multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(v.households()), 2, RoundingMode.HALF_UP), null);
        }
        Value v = data.get(unitCode, key);
        if (v == null) {
            if (key.startsWith("movement:")) {
                return new Shown(BigDecimal.ZERO, null); // a movement no household of the unit made (the year has movements)
            }
            if (key.startsWith("topic:")) {
                // an ethnic group without households in the unit, beside the groups it has
                String prefix = key.substring(0, key.lastIndexOf(':') + 1);
                Value sibling = data.cells.getOrDefault(unitCode, Map.of()).entrySet().stream()
                        .filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).findFirst().orElse(null);
                if (sibling != null) {
                    boolean notAsked = sibling.collected() != null && sibling.households() != null
                            && sibling.households() > 0 && sibling.collected() == 0;
                    return notAsked ? new Shown(null, NOT_COLLECTED) : new Shown(BigDecimal.ZERO, null);
                }
            }
            if (key.startsWith("topic:") || key.startsWith("deprivation:")) {
                // a unit without the status group's households has no row for it: a true zero when the rates say so
                Value total = data.get(unitCode, "rates:" + key.split(":")[1] + "_households");
                if (total != null && total.value() != null && total.value().signum() == 0) {
                    return new Shown(BigDecimal.ZERO, null);
                }
            }
            return new Shown(null, NO_DATA);
        }
        if (v.collected() != null && v.households() != null && v.households() > 0 && v.collected() == 0) {
            return new Shown(null, NOT_COLLECTED);
        }
        if (v.value() == null) {
            return new Shown(null, "—");
        }
        return new Shown(c.percent() ? v.value().setScale(2, RoundingMode.HALF_UP) : v.value().setScale(0, RoundingMode.UNNECESSARY), null);
    }

    /** Every form for a unit and year: one workbook each in {@code dir}. */
    public static List<Path> writeAll(Dashboard d, SchemaSource source, String unit, int year, Path dir) throws SQLException {
        FormSet set = load(source);
        Data data = data(d, unit, year);
        List<Path> out = new ArrayList<>();
        for (Form f : set.forms()) {
            out.add(write(d, source, set, f, data, dir.resolve(fileName(f.id(), unit, year))));
        }
        return out;
    }

    public static String fileName(String form, String unit, int year) {
        return "bieu_" + form.replace('.', '_') + "_" + unit + "_" + year + ".xlsx";
    }

    public static Path write(Dashboard d, SchemaSource source, String form, String unit, int year, Path file) throws SQLException {
        FormSet set = load(source);
        return write(d, source, set, set.form(form), data(d, unit, year), file);
    }

    static Path write(Dashboard d, SchemaSource source, FormSet set, Form f, Data data, Path file) {
        Map<String, String> ethnic = ReferenceData.load(source).ethnicNames();
        List<Column> cols = columns(f, set, data, d, ethnic);
        List<String> notes = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Styles st = new Styles(wb);
            XSSFSheet s = wb.createSheet("Biểu " + f.id());
            int width = cols.size() + 2;
            int r = 0;
            text(s, r, 0, "Đơn vị báo cáo: " + data.name + " (" + data.unit + ")", st.bold);
            text(s, r++, width - 1, "Biểu số " + f.id(), st.boldRight);
            r++;
            text(s, r, 0, f.titleVi().toUpperCase(java.util.Locale.forLanguageTag("vi")), st.title);
            s.addMergedRegion(new CellRangeAddress(r, r, 0, width - 1));
            r++;
            text(s, r, 0, "Kỳ báo cáo: rà soát hộ nghèo, hộ cận nghèo năm " + data.year + " · chuẩn nghèo "
                    + data.rulebookVersion.split("-")[0].replace('_', '–'), st.centre);
            s.addMergedRegion(new CellRangeAddress(r, r, 0, width - 1));
            r += 2;
            int head = r;
            Row h1 = s.createRow(head);
            Row h2 = s.createRow(head + 1);
            Row h3 = s.createRow(head + 2);
            headCell(h1, 0, "STT", st.head);
            headCell(h2, 0, "", st.head);
            s.addMergedRegion(new CellRangeAddress(head, head + 1, 0, 0));
            headCell(h1, 1, "Đơn vị", st.head);
            headCell(h2, 1, "", st.head);
            s.addMergedRegion(new CellRangeAddress(head, head + 1, 1, 1));
            headCell(h3, 0, "A", st.head);
            headCell(h3, 1, "B", st.head);
            s.setColumnWidth(0, 6 * 256);
            s.setColumnWidth(1, 30 * 256);
            for (int k = 0; k < cols.size(); k++) {
                s.setColumnWidth(k + 2, (cols.get(k).heading().length() > 14 || cols.get(k).group().length() > 24 ? 15 : 12) * 256);
            }
            // a first heading wraps in the width of the columns under it: its row is as tall as the most lines one needs
            int lines = 1;
            int c = 0;
            while (c < cols.size()) {
                int end = c;
                while (end + 1 < cols.size() && cols.get(end + 1).group().equals(cols.get(c).group())
                        && !cols.get(c).heading().isEmpty() && !cols.get(end + 1).heading().isEmpty()) {
                    end++;
                }
                headCell(h1, c + 2, cols.get(c).group(), st.head);
                for (int k = c; k <= end; k++) {
                    headCell(h2, k + 2, cols.get(k).heading(), st.head);
                    headCell(h3, k + 2, "(" + (k + 1) + ")", st.head);
                    if (k > c) {
                        headCell(h1, k + 2, "", st.head);
                    }
                }
                if (cols.get(c).heading().isEmpty()) {
                    s.addMergedRegion(new CellRangeAddress(head, head + 1, c + 2, c + 2));
                } else {
                    lines = Math.max(lines, wrappedLines(s, c + 2, end + 2, cols.get(c).group()));
                    if (end > c) {
                        s.addMergedRegion(new CellRangeAddress(head, head, c + 2, end + 2));
                    }
                }
                c = end + 1;
            }
            r = head + 3;
            int stt = 1;
            for (Map.Entry<String, String> u : data.rows.entrySet()) {
                boolean total = u.getKey().equals(data.unit);
                Row row = s.createRow(r++);
                Cell n = row.createCell(0);
                n.setCellStyle(total ? st.totalText : st.text);
                if (!total) {
                    n.setCellValue(stt++);
                }
                Cell name = row.createCell(1);
                name.setCellValue(total ? "Tổng cộng" : u.getValue());
                name.setCellStyle(total ? st.totalText : st.text);
                for (int k = 0; k < cols.size(); k++) {
                    Column col = cols.get(k);
                    Shown v = shown(data, u.getKey(), col);
                    Cell cell = row.createCell(k + 2);
                    if (v.number() != null) {
                        cell.setCellValue(v.number().doubleValue());
                        cell.setCellStyle(col.percent() ? (total ? st.totalPct : st.pct) : (total ? st.totalCount : st.count));
                    } else {
                        cell.setCellValue(v.text());
                        cell.setCellStyle(total ? st.totalText : st.note);
                    }
                    Value raw = col.cell().startsWith("topic:") ? data.get(u.getKey(), col.cell()) : null;
                    if (raw != null && raw.collected() != null && raw.households() != null
                            && raw.collected() > 0 && raw.collected() < raw.households()) {
                        notes.add("Cột (" + (k + 1) + ") " + col.group() + " – " + col.heading() + ", " + (total ? "tổng cộng"
                                : u.getValue()) + ": " + (raw.households() - raw.collected()) + " trong " + raw.households()
                                + " hộ chưa thu thập thông tin; số trong ô chỉ đếm các hộ đã thu thập.");
                    }
                }
            }
            if (f.noteVi() != null) {
                text(s, r, 0, "Ghi chú: " + f.noteVi(), st.italicLeft);
                r++;
            }
            signature(s, r + 1, width, data, st);
            h2.setHeightInPoints(48);
            h1.setHeightInPoints(15f * lines);
            printSetup(s, head);
            notesSheet(wb, st, set, f, data, cols, notes);
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static void signature(XSSFSheet s, int r, int width, Data data, Styles st) {
        LocalDate today = LocalDate.now();
        int right = Math.max(2, width - 4);
        text(s, r, right, place(data.name) + ", ngày " + today.getDayOfMonth() + " tháng " + today.getMonthValue() + " năm "
                + today.getYear(), st.italicCentre);
        s.addMergedRegion(new CellRangeAddress(r, r, right, width - 1));
        text(s, r + 1, 1, "Người lập biểu", st.boldCentre);
        text(s, r + 1, right, "Thủ trưởng đơn vị", st.boldCentre);
        s.addMergedRegion(new CellRangeAddress(r + 1, r + 1, right, width - 1));
        text(s, r + 2, 1, "(Ký, ghi rõ họ tên)", st.italicCentre);
        text(s, r + 2, right, "(Ký tên, đóng dấu)", st.italicCentre);
        s.addMergedRegion(new CellRangeAddress(r + 2, r + 2, right, width - 1));
    }

    /** A unit's name as a place on a signature line: "Tỉnh Kiên Giang" → "Kiên Giang". */
    static String place(String name) {
        return name.replaceFirst("^(Tỉnh|Thành phố|Huyện|Thị xã|Quận|Xã|Phường|Thị trấn|Đặc khu) ", "");
    }

    private static void printSetup(XSSFSheet s, int head) {
        PrintSetup p = s.getPrintSetup();
        p.setPaperSize(PrintSetup.A4_PAPERSIZE);
        p.setLandscape(true);
        p.setFitWidth((short) 1);
        p.setFitHeight((short) 0);
        s.setFitToPage(true);
        s.setAutobreaks(true);
        s.setHorizontallyCenter(true);
        s.setMargin(PageMargin.LEFT, 0.4);
        s.setMargin(PageMargin.RIGHT, 0.4);
        s.setMargin(PageMargin.TOP, 0.5);
        s.setMargin(PageMargin.BOTTOM, 0.5);
        s.setRepeatingRows(new CellRangeAddress(head, head + 2, -1, -1));
    }

    private static void notesSheet(XSSFWorkbook wb, Styles st, FormSet set, Form f, Data data, List<Column> cols,
                                   List<String> notes) {
        XSSFSheet n = wb.createSheet("Ghi chú");
        int r = 0;
        text(n, r++, 0, "Ghi chú của biểu " + f.id() + ": " + f.titleVi(), st.bold);
        r++;
        String[][] facts = {
                {"Đơn vị báo cáo", data.name + " (" + data.unit + ")"},
                {"Năm rà soát", String.valueOf(data.year)},
                {"Phiên bản bộ quy tắc chấm điểm", data.rulebookVersion},
                {"Phiên bản dữ liệu đầu vào", data.inputVersion},
                {"Bộ biểu", set.version() + " (schemas/reports/forms.json)"},
                {"Nguồn số liệu", "Kết quả chính thức của đợt rà soát hằng năm trong kho dữ liệu rasoat (các bảng "
                        + "mart_rates, mart_transitions, mart_deprivation, mart_report_topics)"},
                {"Cột của biểu chính thức", set.noteVi()},
                {"Dòng tổng cộng", "Số của chính đơn vị báo cáo; các dòng đơn vị cộng lại bằng dòng tổng cộng, trừ "
                        + "các cột tỷ lệ (tính lại từ tổng số, không lấy trung bình) và các cột có đơn vị ghi \""
                        + NOT_COLLECTED + "\" (dòng tổng cộng chỉ đếm các hộ đã thu thập)."},
                {"\"" + NOT_COLLECTED + "\"", "Dữ liệu đầu vào không có trường này (hoặc để trống cho mọi hộ): "
                        + "không phải số 0."},
                {"\"" + NO_DATA + "\"", "Không có số liệu của đơn vị cho cột này."}};
        for (String[] fact : facts) {
            text(n, r, 0, fact[0], st.bold);
            wrapped(n, r++, fact[1], st.wrap);
        }
        if (f.noteVi() != null) {
            text(n, r, 0, "Cách đọc biểu", st.bold);
            wrapped(n, r++, f.noteVi(), st.wrap);
        }
        r++;
        text(n, r++, 0, "Thông tin chưa thu thập đủ", st.bold);
        if (notes.isEmpty()) {
            wrapped(n, r++, "Không có: mọi hộ của các cột trên đều đã được thu thập thông tin (hoặc cột ghi \""
                    + NOT_COLLECTED + "\").", st.wrap);
        }
        for (String s : notes) {
            wrapped(n, r++, s, st.wrap);
        }
        r++;
        text(n, r++, 0, "Các biểu không lập", st.bold);
        for (Map.Entry<String, String> e : set.notProduced().entrySet()) {
            text(n, r, 0, "Biểu " + e.getKey(), st.plain);
            wrapped(n, r++, e.getValue(), st.wrap);
        }
        n.setColumnWidth(0, 34 * 256);
        n.setColumnWidth(1, 110 * 256);
        n.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
        n.getPrintSetup().setLandscape(true);
        n.setFitToPage(true);
        n.getPrintSetup().setFitWidth((short) 1);
        n.getPrintSetup().setFitHeight((short) 0);
    }

    /** Text in the notes column, its row as tall as its lines (a spreadsheet does not size rows POI writes). */
    private static void wrapped(XSSFSheet s, int r, String v, CellStyle style) {
        text(s, r, 1, v, style);
        s.getRow(r).setHeightInPoints(15f * Math.max(1, (v.length() + 119) / 120));
    }

    private static void text(XSSFSheet s, int r, int c, String v, CellStyle style) {
        Row row = s.getRow(r) == null ? s.createRow(r) : s.getRow(r);
        Cell cell = row.createCell(c);
        cell.setCellValue(v);
        cell.setCellStyle(style);
    }

    private static void headCell(Row row, int c, String v, CellStyle style) {
        Cell cell = row.createCell(c);
        cell.setCellValue(v);
        cell.setCellStyle(style);
    }

    /** The workbook's cell styles: Times New Roman as the paper forms, thin borders, vi-VN grouping in the format. */
    private static final class Styles {
        final CellStyle bold;
        final CellStyle boldRight;
        final CellStyle boldCentre;
        final CellStyle italicCentre;
        final CellStyle italicLeft;
        final CellStyle title;
        final CellStyle centre;
        final CellStyle head;
        final CellStyle text;
        final CellStyle note;
        final CellStyle count;
        final CellStyle pct;
        final CellStyle totalText;
        final CellStyle totalCount;
        final CellStyle totalPct;
        final CellStyle wrap;
        final CellStyle plain;

        Styles(XSSFWorkbook wb) {
            Font plain = font(wb, false, false, 11);
            Font b = font(wb, true, false, 11);
            Font i = font(wb, false, true, 11);
            bold = style(wb, b, HorizontalAlignment.LEFT, false, false);
            boldRight = style(wb, b, HorizontalAlignment.RIGHT, false, false);
            boldCentre = style(wb, b, HorizontalAlignment.CENTER, false, false);
            italicCentre = style(wb, i, HorizontalAlignment.CENTER, false, false);
            italicLeft = style(wb, i, HorizontalAlignment.LEFT, false, false);
            title = style(wb, font(wb, true, false, 13), HorizontalAlignment.CENTER, false, false);
            centre = style(wb, i, HorizontalAlignment.CENTER, false, false);
            head = style(wb, b, HorizontalAlignment.CENTER, true, true);
            text = style(wb, plain, HorizontalAlignment.LEFT, true, true);
            note = style(wb, i, HorizontalAlignment.CENTER, true, true);
            count = style(wb, plain, HorizontalAlignment.RIGHT, true, false);
            count.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            pct = style(wb, plain, HorizontalAlignment.RIGHT, true, false);
            pct.setDataFormat(wb.createDataFormat().getFormat("0.00"));
            totalText = style(wb, b, HorizontalAlignment.LEFT, true, true);
            totalCount = style(wb, b, HorizontalAlignment.RIGHT, true, false);
            totalCount.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            totalPct = style(wb, b, HorizontalAlignment.RIGHT, true, false);
            totalPct.setDataFormat(wb.createDataFormat().getFormat("0.00"));
            wrap = style(wb, plain, HorizontalAlignment.LEFT, false, true);
            wrap.setVerticalAlignment(VerticalAlignment.TOP);
            this.plain = style(wb, plain, HorizontalAlignment.LEFT, false, false);
            this.plain.setVerticalAlignment(VerticalAlignment.TOP);
        }

        private static Font font(XSSFWorkbook wb, boolean bold, boolean italic, int size) {
            Font f = wb.createFont();
            f.setFontName("Times New Roman");
            f.setBold(bold);
            f.setItalic(italic);
            f.setFontHeightInPoints((short) size);
            return f;
        }

        private static CellStyle style(XSSFWorkbook wb, Font f, HorizontalAlignment align, boolean border, boolean wrap) {
            CellStyle s = wb.createCellStyle();
            s.setFont(f);
            s.setAlignment(align);
            s.setVerticalAlignment(VerticalAlignment.CENTER);
            s.setWrapText(wrap);
            if (border) {
                s.setBorderTop(BorderStyle.THIN);
                s.setBorderBottom(BorderStyle.THIN);
                s.setBorderLeft(BorderStyle.THIN);
                s.setBorderRight(BorderStyle.THIN);
            }
            return s;
        }
    }
}
