package vn.rasoat.dashboards.site;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.rasoat.dashboards.charts.Labels;
import vn.rasoat.dashboards.query.QueryResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import vn.rasoat.io.SpreadsheetCsv;

/** A query result as a CSV file (UTF-8 with BOM, column names) or a one-sheet workbook (labelled headings). */
public final class TableFiles {
    private TableFiles() {
    }

    public static byte[] csv(QueryResult r) {
        StringBuilder b = new StringBuilder(SpreadsheetCsv.BOM).append(SpreadsheetCsv.line(r.columns()));
        for (List<Object> row : r.rows()) {
            b.append(SpreadsheetCsv.line(row.stream().map(v -> v == null ? null : QueryResult.format(v)).toList()));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] xlsx(QueryResult r, Labels l, String title) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet(sheetName(r.query()));
            addTable(wb, s, 0, title, r, l);
            for (int c = 0; c < r.columns().size(); c++) {
                s.setColumnWidth(c, Math.min(60, Math.max(10, l.column(r.columns().get(c)).length() + 2)) * 256);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a title row, a heading row and the rows from {@code firstRow}; returns the next free row. */
    public static int addTable(XSSFWorkbook wb, Sheet s, int firstRow, String title, QueryResult r, Labels l) {
        CellStyle bold = wb.createCellStyle();
        Font f = wb.createFont();
        f.setBold(true);
        bold.setFont(f);
        int rowNo = firstRow;
        if (title != null) {
            Cell t = s.createRow(rowNo++).createCell(0);
            t.setCellValue(title);
            t.setCellStyle(bold);
        }
        Row h = s.createRow(rowNo++);
        for (int c = 0; c < r.columns().size(); c++) {
            Cell cell = h.createCell(c);
            cell.setCellValue(l.column(r.columns().get(c)));
            cell.setCellStyle(bold);
        }
        for (List<Object> row : r.rows()) {
            Row x = s.createRow(rowNo++);
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                if (v == null) {
                    continue;
                }
                Cell cell = x.createCell(c);
                if (v instanceof Long || v instanceof Integer || v instanceof Short) {
                    cell.setCellValue(((Number) v).longValue());
                } else if (v instanceof BigDecimal d) {
                    cell.setCellValue(d.doubleValue()); // a spreadsheet number; the exact value is in the CSV
                } else if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (v instanceof Boolean bo) {
                    cell.setCellValue(l.bool(r.columns().get(c), bo)); // words ("chưa đầy đủ"), not TRUE/FALSE
                } else {
                    cell.setCellValue(v.toString());
                }
            }
        }
        return rowNo;
    }

    static String sheetName(String s) {
        String n = s.replaceAll("[\\\\/?*\\[\\]:]", "_");
        return n.length() > 31 ? n.substring(0, 31) : n;
    }
}
