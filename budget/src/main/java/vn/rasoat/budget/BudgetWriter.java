package vn.rasoat.budget;

import vn.rasoat.io.SpreadsheetCsv;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a budget as CSV, XLSX (Vietnamese headings) and an HTML page with the cost by district as a chart. */
public final class BudgetWriter {
    private BudgetWriter() {
    }

    /** The district table's headings as the workbook and the page show them. */
    static List<String> headingsVi(Budget b) {
        List<String> heads = new ArrayList<>(List.of("Mã", "Huyện, thành phố", "Số xã", "Số phiếu", "Số ấp, khu phố",
                "Số phiếu nhập"));
        b.costs().districtLines().forEach(l -> heads.add(l.nameVi()));
        heads.add("Tổng cộng");
        return heads;
    }

    static List<List<String>> rows(Budget b) {
        List<List<String>> rows = new ArrayList<>();
        for (Budget.UnitRow u : b.units()) {
            List<String> r = new ArrayList<>(List.of(u.code(), u.name()));
            BudgetCounts.COUNTS.forEach(c -> r.add(String.valueOf(u.counts().get(c))));
            u.cells().forEach(c -> r.add(String.valueOf(c.amount())));
            r.add(String.valueOf(u.total()));
            rows.add(r);
        }
        List<String> t = new ArrayList<>(List.of("total", "Tổng cộng cấp huyện"));
        BudgetCounts.COUNTS.forEach(c -> t.add(String.valueOf(b.columnTotals().getOrDefault("count:" + c, 0L))));
        b.costs().districtLines().forEach(l -> t.add(String.valueOf(b.columnTotals().get(l.code()))));
        t.add(String.valueOf(b.unitsTotal()));
        rows.add(t);
        return rows;
    }

    /** The CSV's columns: one amount per row, every amount under a header that names it. */
    static final List<String> LONG_HEADER = List.of("level", "unit_code", "unit_name", "item", "item_name", "count",
            "norm_vnd", "amount_vnd", "formula", "review_year", "cost_set");

    /**
     * The budget in long format, rectangular: one row per district and cost line (the count, the norm and the amount,
     * with the arithmetic), each district's total, the district-level totals per line, the province-level lines and
     * their total, and the grand total. Amounts are integer đồng; a lump sum has no count or norm (empty cells).
     */
    static List<List<String>> longRows(Budget b) {
        String year = String.valueOf(b.year());
        String set = b.costs().setId();
        String province = b.costs().provinceCode();
        List<List<String>> rows = new ArrayList<>();
        rows.add(LONG_HEADER);
        List<CostSet.Line> district = b.costs().districtLines();
        for (Budget.UnitRow u : b.units()) {
            for (int i = 0; i < district.size(); i++) {
                rows.add(line("district", u.code(), u.name(), district.get(i), u.cells().get(i), year, set));
            }
            rows.add(List.of("district", u.code(), u.name(), "total", "Cộng", "", "", String.valueOf(u.total()), "",
                    year, set));
        }
        for (CostSet.Line l : district) {
            rows.add(List.of("districts_total", province, "Tổng cộng cấp huyện", l.code(), l.nameVi(), "", "",
                    String.valueOf(b.columnTotals().get(l.code())), "", year, set));
        }
        rows.add(List.of("districts_total", province, "Tổng cộng cấp huyện", "total", "Cộng", "", "",
                String.valueOf(b.unitsTotal()), "", year, set));
        for (int i = 0; i < b.provinceLines().size(); i++) {
            rows.add(line("province", province, b.costs().provinceName(), b.costs().provinceLines().get(i),
                    b.provinceLines().get(i), year, set));
        }
        rows.add(List.of("province", province, b.costs().provinceName(), "total", "Cộng", "", "",
                String.valueOf(b.provinceTotal()), "", year, set));
        rows.add(List.of("grand_total", province, b.costs().provinceName(), "total", "Tổng cộng (cấp huyện + cấp tỉnh)",
                "", "", String.valueOf(b.grandTotal()), "", year, set));
        return rows;
    }

    private static List<String> line(String level, String code, String name, CostSet.Line l, Budget.Cell c, String year,
                                     String set) {
        boolean lump = c.norm() == null;
        return List.of(level, code, name, l.code(), l.nameVi(), lump ? "" : String.valueOf(c.count()),
                lump ? "" : String.valueOf(c.norm()), String.valueOf(c.amount()), c.formula(), year, set);
    }

    public static List<Path> write(Budget b, Path dir) {
        try {
            Files.createDirectories(dir);
            String stem = "budget_" + b.costs().provinceCode() + "_" + b.year();
            Path csv = dir.resolve(stem + ".csv");
            StringBuilder sb = new StringBuilder(SpreadsheetCsv.BOM);
            for (List<String> r : longRows(b)) {
                sb.append(SpreadsheetCsv.line(r));
            }
            Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
            Path xlsx = dir.resolve(stem + ".xlsx");
            writeXlsx(b, xlsx);
            Path png = dir.resolve(stem + ".png");
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            b.units().forEach(u -> data.addValue(u.total() / 1_000_000.0, "triệu đồng", u.name()));
            JFreeChart chart = ChartFactory.createBarChart("Kinh phí rà soát theo huyện, " + b.year(), null, "triệu đồng",
                    data, PlotOrientation.HORIZONTAL, false, false, false);
            ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 120 + 28 * b.units().size());
            Path html = dir.resolve(stem + ".html");
            Files.writeString(html, html(b, png.getFileName().toString()), StandardCharsets.UTF_8);
            return List.of(csv, xlsx, html, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the budget under " + dir, e);
        }
    }

    private static void writeXlsx(Budget b, Path file) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream os = Files.newOutputStream(file)) {
            CellStyle money = wb.createCellStyle();
            money.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("#,##0"));
            XSSFSheet s = wb.createSheet("Kinh phí cấp huyện");
            XSSFRow h = s.createRow(0);
            List<String> heads = headingsVi(b);
            for (int i = 0; i < heads.size(); i++) {
                h.createCell(i).setCellValue(heads.get(i));
            }
            int r = 1;
            for (List<String> row : rows(b)) {
                XSSFRow x = s.createRow(r++);
                for (int i = 0; i < row.size(); i++) {
                    if (i >= 2) {
                        var cell = x.createCell(i);
                        cell.setCellValue(Long.parseLong(row.get(i)));
                        cell.setCellStyle(money);
                    } else {
                        x.createCell(i).setCellValue(row.get(i));
                    }
                }
            }
            XSSFSheet p = wb.createSheet("Kinh phí cấp tỉnh");
            p.createRow(0).createCell(0).setCellValue("Nội dung");
            p.getRow(0).createCell(1).setCellValue("Cách tính");
            p.getRow(0).createCell(2).setCellValue("Thành tiền");
            int i = 1;
            for (int k = 0; k < b.provinceLines().size(); k++) {
                Budget.Cell c = b.provinceLines().get(k);
                XSSFRow x = p.createRow(i++);
                x.createCell(0).setCellValue(b.costs().provinceLines().get(k).nameVi());
                x.createCell(1).setCellValue(c.formula());
                x.createCell(2).setCellValue(c.amount());
                x.getCell(2).setCellStyle(money);
            }
            XSSFRow t = p.createRow(i++);
            t.createCell(0).setCellValue("Cấp tỉnh");
            t.createCell(2).setCellValue(b.provinceTotal());
            XSSFRow d = p.createRow(i++);
            d.createCell(0).setCellValue("Cấp huyện");
            d.createCell(2).setCellValue(b.unitsTotal());
            XSSFRow g = p.createRow(i);
            g.createCell(0).setCellValue("Tổng cộng (I) + (II)");
            g.createCell(2).setCellValue(b.grandTotal());
            wb.write(os);
        }
    }

    private static String html(Budget b, String png) {
        StringBuilder sb = new StringBuilder("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Kinh phí rà soát ")
                .append(esc(b.costs().provinceName())).append(' ').append(b.year()).append("</title><style>body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;"
                        + "font-size:13px}th,td{border:1px solid #bbb;padding:4px 6px;vertical-align:top}th{background:#eef2f6}"
                        + "td{text-align:right;white-space:nowrap}td.name{text-align:left;white-space:normal;min-width:9em}"
                        + "small{color:#666}tr.total td{font-weight:bold;background:#f6f6f6}</style></head><body>")
                .append("<h1>Kinh phí rà soát hộ nghèo, hộ cận nghèo — ").append(esc(b.costs().provinceName())).append(", ")
                .append(b.year()).append("</h1><p>Định mức: ").append(esc(b.costs().source())).append("<br>Số liệu: ")
                .append(esc(b.countsSource())).append("</p><img src=\"").append(png).append("\" alt=\"Kinh phí theo huyện\">")
                .append("<table><tr>");
        for (String h : headingsVi(b)) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        sb.append("</tr>");
        for (Budget.UnitRow u : b.units()) {
            sb.append("<tr><td>").append(esc(u.code())).append("</td><td class=\"name\">").append(esc(u.name())).append("</td>");
            BudgetCounts.COUNTS.forEach(c -> sb.append("<td>").append(Budget.vnd(u.counts().get(c))).append("</td>"));
            u.cells().forEach(c -> sb.append("<td title=\"").append(esc(c.formula())).append("\">")
                    .append(Budget.vnd(c.amount())).append("<br><small>").append(esc(c.formula())).append("</small></td>"));
            sb.append("<td><b>").append(Budget.vnd(u.total())).append("</b></td></tr>");
        }
        sb.append("<tr class=\"total\"><td></td><td class=\"name\">Tổng cộng cấp huyện</td>");
        BudgetCounts.COUNTS.forEach(c -> sb.append("<td>").append(Budget.vnd(b.columnTotals().getOrDefault("count:" + c, 0L))).append("</td>"));
        b.costs().districtLines().forEach(l -> sb.append("<td>").append(Budget.vnd(b.columnTotals().get(l.code()))).append("</td>"));
        sb.append("<td>").append(Budget.vnd(b.unitsTotal())).append("</td></tr>");
        sb.append("</table><h2>Cấp tỉnh</h2><ul>");
        for (int k = 0; k < b.provinceLines().size(); k++) {
            Budget.Cell c = b.provinceLines().get(k);
            sb.append("<li>").append(esc(b.costs().provinceLines().get(k).nameVi())).append(": ")
                    .append(Budget.vnd(c.amount())).append(" đ (").append(esc(c.formula())).append(")</li>");
        }
        sb.append("</ul><p><b>Cấp tỉnh: ").append(Budget.vnd(b.provinceTotal())).append(" đ; cấp huyện: ")
                .append(Budget.vnd(b.unitsTotal())).append(" đ; tổng cộng: ")
                .append(Budget.vnd(b.grandTotal())).append(" đ</b></p></body></html>\n");
        return sb.toString();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
