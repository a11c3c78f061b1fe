package vn.rasoat.ingest;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.rasoat.contracts.Contract;
import vn.rasoat.contracts.Contracts;
import vn.rasoat.contracts.FieldSpec;
import vn.rasoat.contracts.FieldType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Turns one CSV or XLSX file into raw rows: source file, line, a read error if the row could not be read,
 * then every contract field as NFC-normalised text (blank = null). Streams CSV; nothing is typed here.
 */
public final class RawReader {
    public static final String SOURCE_FILE = "source_file";
    public static final String SOURCE_ROW = "source_row";
    public static final String READ_ERROR = "read_error";
    public static final String READ_ERROR_FIELD = "read_error_field";

    private RawReader() {
    }

    public static StructType schema(Contract c) {
        List<StructField> cols = new ArrayList<>();
        cols.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
        cols.add(DataTypes.createStructField(SOURCE_ROW, DataTypes.LongType, false));
        cols.add(DataTypes.createStructField(READ_ERROR, DataTypes.StringType, true));
        cols.add(DataTypes.createStructField(READ_ERROR_FIELD, DataTypes.StringType, true));
        cols.addAll(List.of(c.rawSchema().fields()));
        return DataTypes.createStructType(cols);
    }

    public static Iterator<org.apache.spark.sql.Row> read(InputFile f, Contract c) {
        try {
            Path p = new Path(f.path());
            InputStream in = p.getFileSystem(new Configuration()).open(p);
            return f.format().equals("xlsx") ? readXlsx(in, f, c) : readCsv(in, f, c);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + f.path(), e);
        }
    }

    static String clean(String v) {
        if (v == null) {
            return null;
        }
        String t = Normalizer.normalize(v.replace("\uFEFF", ""), Normalizer.Form.NFC).strip();
        return t.isEmpty() ? null : t;
    }

    /** Maps header cells to contract fields by name or Vietnamese heading; -1 where a field has no column. */
    static int[] mapHeader(List<String> header, Contract c) {
        int[] idx = new int[c.fields().size()];
        for (int i = 0; i < idx.length; i++) {
            FieldSpec f = c.fields().get(i);
            idx[i] = -1;
            for (int h = 0; h < header.size(); h++) {
                String cell = Contracts.fold(header.get(h) == null ? "" : header.get(h).replace("\uFEFF", ""));
                if (cell.equals(Contracts.fold(f.name())) || cell.equals(Contracts.fold(f.headingVi()))) {
                    idx[i] = h;
                    break;
                }
            }
        }
        return idx;
    }

    static String missingRequiredColumn(int[] idx, Contract c) {
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 && c.fields().get(i).required()) {
                return c.fields().get(i).name();
            }
        }
        return null;
    }

    private static org.apache.spark.sql.Row toRow(InputFile f, long line, String error, String errorField,
                                                  List<String> cells, int[] idx) {
        Object[] values = new Object[4 + idx.length];
        values[0] = f.relativePath();
        values[1] = line;
        values[2] = error;
        values[3] = errorField;
        for (int i = 0; i < idx.length; i++) {
            values[4 + i] = idx[i] >= 0 && idx[i] < cells.size() ? clean(cells.get(idx[i])) : null;
        }
        if (error == null) {
            for (int i = 4; i < values.length; i++) {
                if (values[i] != null && ((String) values[i]).indexOf('\uFFFD') >= 0) {
                    values[2] = "bad_encoding";
                    values[3] = "_row";
                    break;
                }
            }
        }
        return RowFactory.create(values);
    }

    private static Iterator<org.apache.spark.sql.Row> readCsv(InputStream in, InputFile f, Contract c) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        CsvParserSettings s = new CsvParserSettings();
        s.setHeaderExtractionEnabled(false);
        s.setLineSeparatorDetectionEnabled(true);
        s.setMaxCharsPerColumn(1 << 20);
        s.setMaxColumns(2048);
        s.setNullValue(null);
        s.setSkipEmptyLines(true);
        CsvParser parser = new CsvParser(s);
        parser.beginParsing(reader);
        String[] header = parser.parseNext();
        if (header == null) {
            parser.stopParsing();
            return java.util.Collections.emptyIterator();
        }
        List<String> headerList = java.util.Arrays.asList(header);
        int[] idx = mapHeader(headerList, c);
        String missing = missingRequiredColumn(idx, c);
        int width = header.length;
        return new Iterator<>() {
            String[] next = advance();

            private String[] advance() {
                String[] r = parser.parseNext();
                if (r == null) {
                    parser.stopParsing();
                }
                return r;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public org.apache.spark.sql.Row next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                String[] cells = next;
                long line = parser.getContext().currentLine();
                next = advance();
                String error = missing != null ? "missing_column" : cells.length != width ? "bad_row_shape" : null;
                String field = missing != null ? missing : error != null ? "_row" : null;
                return toRow(f, line, error, field, java.util.Arrays.asList(cells), idx);
            }
        };
    }

    private static Iterator<org.apache.spark.sql.Row> readXlsx(InputStream in, InputFile f, Contract c) {
        List<org.apache.spark.sql.Row> rows = new ArrayList<>();
        try (in; Workbook wb = WorkbookFactory.create(in)) {
            DataFormatter fmt = new DataFormatter();
            for (Sheet sheet : wb) {
                String name = Contracts.fold(sheet.getSheetName());
                boolean named = name.equals(Contracts.fold(c.recordType())) || name.equals(Contracts.fold(c.sheetVi()));
                // A workbook filed under a record-type folder with a single visible sheet is that record type.
                boolean onlySheet = f.underTypeFolder() && wb.getNumberOfSheets() == 1;
                if (!named && !onlySheet) {
                    continue;
                }
                Iterator<Row> it = sheet.rowIterator();
                List<String> header = null;
                int[] idx = null;
                String missing = null;
                while (it.hasNext()) {
                    Row r = it.next();
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < Math.max(0, r.getLastCellNum()); i++) {
                        cells.add(cellText(r.getCell(i), fmt, c, idx, i));
                    }
                    if (cells.stream().allMatch(x -> x == null || x.isBlank())) {
                        continue;
                    }
                    if (header == null) {
                        header = cells;
                        idx = mapHeader(header, c);
                        missing = missingRequiredColumn(idx, c);
                        continue;
                    }
                    String error = missing != null ? "missing_column" : null;
                    rows.add(toRow(f, r.getRowNum() + 1L, error, missing, cells, idx));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read workbook " + f.relativePath() + ": " + e.getMessage(), e);
        }
        return rows.iterator();
    }

    /** Cell text; numeric cells under a code column get their leading zeros back (Excel drops them). */
    private static String cellText(Cell cell, DataFormatter fmt, Contract c, int[] idx, int column) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        switch (type) {
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    LocalDateTime d = cell.getLocalDateTimeCellValue();
                    return d.toLocalDate().toString();
                }
                double v = cell.getNumericCellValue();
                String text = v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                        : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
                FieldSpec f = fieldAt(c, idx, column);
                if (f != null && f.type() == FieldType.CODE && text.matches("\\d+") && text.length() < f.length()) {
                    text = "0".repeat(f.length() - text.length()) + text;
                }
                return text;
            }
            case BOOLEAN -> {
                return String.valueOf(cell.getBooleanCellValue());
            }
            case STRING -> {
                return cell.getStringCellValue();
            }
            case BLANK -> {
                return null;
            }
            default -> {
                return fmt.formatCellValue(cell);
            }
        }
    }

    private static FieldSpec fieldAt(Contract c, int[] idx, int column) {
        if (idx == null) {
            return null;
        }
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] == column) {
                return c.fields().get(i);
            }
        }
        return null;
    }
}
