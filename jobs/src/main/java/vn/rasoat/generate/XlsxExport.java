package vn.rasoat.generate;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.rasoat.contracts.Contract;
import vn.rasoat.contracts.Contracts;
import vn.rasoat.contracts.FieldSpec;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.io.SimpleCsv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes one commune's records of one review year as the workbook a commune sends: one sheet per record type,
 * Vietnamese sheet names and headings, codes as text, numbers as numbers, yes/no as "có"/"không", dates as dates.
 */
public final class XlsxExport {
    private XlsxExport() {
    }

    public static Path write(SchemaSource source, String generatedDir, String commune, int year) {
        Contracts contracts = Contracts.load(source);
        Path out = Paths.get(generatedDir, "_workbooks", commune + "_" + year + ".xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            String province = null;
            for (String type : Contracts.RECORD_TYPES) {
                Contract c = contracts.get(type);
                List<Map<String, String>> rows = new ArrayList<>();
                for (Map<String, String> r : readAll(Paths.get(generatedDir, type))) {
                    boolean communeMatch = !r.containsKey("commune_code") || commune.equals(r.get("commune_code"));
                    String y = r.getOrDefault("review_year", r.get("reference_year"));
                    if (communeMatch && String.valueOf(year).equals(y)) {
                        rows.add(r);
                    }
                }
                if (type.equals("household_roster") && !rows.isEmpty()) {
                    province = rows.get(0).get("province_code");
                }
                if (type.equals("review_runs")) {
                    continue; // written last, once the province is known
                }
                sheet(wb, c, rows, bold, date);
            }
            final String p = province;
            List<Map<String, String>> runs = readAll(Paths.get(generatedDir, "review_runs")).stream()
                    .filter(r -> String.valueOf(year).equals(r.get("review_year")) && r.get("province_code").equals(p))
                    .toList();
            sheet(wb, contracts.get("review_runs"), runs, bold, date);
            wb.setSheetOrder(contracts.get("review_runs").sheetVi(), 0);
            Files.createDirectories(out.getParent());
            try (OutputStream os = Files.newOutputStream(out)) {
                wb.write(os);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write workbook " + out, e);
        }
        return out;
    }

    private static void sheet(XSSFWorkbook wb, Contract c, List<Map<String, String>> rows, CellStyle bold,
                              CellStyle date) {
        XSSFSheet sheet = wb.createSheet(c.sheetVi());
        XSSFRow head = sheet.createRow(0);
        for (int i = 0; i < c.fields().size(); i++) {
            XSSFCell cell = head.createCell(i);
            cell.setCellValue(c.fields().get(i).headingVi());
            cell.setCellStyle(bold);
        }
        int r = 1;
        for (Map<String, String> row : rows) {
            XSSFRow xr = sheet.createRow(r++);
            for (int i = 0; i < c.fields().size(); i++) {
                FieldSpec f = c.fields().get(i);
                String v = row.get(f.name());
                if (v == null || v.isEmpty()) {
                    continue;
                }
                XSSFCell cell = xr.createCell(i);
                switch (f.type()) {
                    case INT, LONG -> {
                        if (v.matches("-?\\d+")) {
                            cell.setCellValue(Double.parseDouble(v));
                        } else {
                            cell.setCellValue(v);
                        }
                    }
                    case BOOL -> cell.setCellValue(v.equals("true") ? "có" : v.equals("false") ? "không" : v);
                    case DATE -> {
                        cell.setCellValue(LocalDate.parse(v));
                        cell.setCellStyle(date);
                    }
                    default -> cell.setCellValue(v);
                }
            }
        }
    }

    private static List<Map<String, String>> readAll(Path dir) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return rows;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                if (Files.size(f) == 0) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(f)) {
                    rows.addAll(SimpleCsv.read(in, f.toString()));
                } catch (IllegalArgumentException empty) {
                    // header only: no rows
                }
            }
        }
        return rows;
    }
}
