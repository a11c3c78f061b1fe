package vn.rasoat.ingest;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
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
 * Turns one CSV (plain or compressed), XLSX or XLS file into raw rows: source file, line, a read error if the row could not be read,
 * then every contract field as NFC-normalised text (blank = null). Streams CSV; nothing is typed here.
 */
public final class RawReader {
    public static final String SOURCE_FILE = "source_file";
    public static final String SOURCE_ROW = "source_row";
    public static final String READ_ERROR = "read_error";
    public static final String READ_ERROR_FIELD = "read_error_field";
    public static final String READ_ERROR_DETAIL = "read_error_detail";
    /** How much of a file is looked at to recognise its encoding. */
    static final int ENCODING_SAMPLE = 1 << 20;
    /** The longest cell a CSV line may hold; a longer one is quarantined as line_too_long. */
    static final int MAX_CELL = 16 << 20;

    private RawReader() {
    }

    public static StructType schema(Contract c) {
        List<StructField> cols = new ArrayList<>();
        cols.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
        cols.add(DataTypes.createStructField(SOURCE_ROW, DataTypes.LongType, false));
        cols.add(DataTypes.createStructField(READ_ERROR, DataTypes.StringType, true));
        cols.add(DataTypes.createStructField(READ_ERROR_FIELD, DataTypes.StringType, true));
        cols.add(DataTypes.createStructField(READ_ERROR_DETAIL, DataTypes.StringType, true));
        cols.addAll(List.of(c.rawSchema().fields()));
        return DataTypes.createStructType(cols);
    }

    public static Iterator<org.apache.spark.sql.Row> read(InputFile f, Contract c) {
        try {
            Path p = new Path(f.path());
            Configuration conf = new Configuration();
            InputStream in = p.getFileSystem(conf).open(p);
            if (InputListing.isWorkbook(f.format())) {
                return readXlsx(in, f, c); // POI tells .xlsx (OOXML) and .xls (BIFF) apart by their bytes
            }
            // .csv.gz, .csv.bz2, …: decompressed by the codec Hadoop knows for the extension
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
            return readCsv(codec == null ? in : codec.createInputStream(in), f, c);
        } catch (IOException | RuntimeException e) {
            return List.of(fileError(f, c, ReasonCodes.UNREADABLE_FILE, "cannot open the file: "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " "))).iterator();
        }
    }

    /**
     * What a file that should be CSV text really is, from its first bytes, or null when it looks like text: an
     * archive, a workbook, a PDF, UTF-16 text, or binary data (a NUL byte).
     */
    static String notText(byte[] b, int n) {
        if (startsWith(b, n, 0x50, 0x4B, 0x03, 0x04) || startsWith(b, n, 0x50, 0x4B, 0x05, 0x06)) {
            return "zip archive";
        }
        if (startsWith(b, n, 0x1F, 0x8B)) {
            return "gzip data (name it .csv.gz to have it read)";
        }
        if (startsWith(b, n, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return "Excel 97-2003 workbook (name it .xls to have it read)";
        }
        if (startsWith(b, n, 0x25, 0x50, 0x44, 0x46)) {
            return "PDF document";
        }
        if (startsWith(b, n, 0x42, 0x5A, 0x68)) {
            return "bzip2 data (name it .csv.bz2 to have it read)";
        }
        if (startsWith(b, n, 0x37, 0x7A, 0xBC, 0xAF)) {
            return "7-Zip archive";
        }
        if (startsWith(b, n, 0x52, 0x61, 0x72, 0x21)) {
            return "RAR archive";
        }
        if (startsWith(b, n, 0xFF, 0xFE) || startsWith(b, n, 0xFE, 0xFF)) {
            return "UTF-16 text (save it as UTF-8 CSV)";
        }
        for (int i = 0; i < Math.min(n, 8192); i++) {
            if (b[i] == 0) {
                return "binary data (a NUL byte at offset " + i + ")";
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
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

    /** One row standing for a whole file that could not be read (empty, unreadable, truncated workbook). */
    static org.apache.spark.sql.Row fileError(InputFile f, Contract c, String reason, String detail) {
        Object[] values = new Object[5 + c.fields().size()];
        values[0] = f.relativePath();
        values[1] = 0L;
        values[2] = reason;
        values[3] = "_file";
        values[4] = detail;
        return RowFactory.create(values);
    }

    private static org.apache.spark.sql.Row toRow(InputFile f, long line, String error, String errorField,
                                                  List<String> cells, int[] idx) {
        return toRow(f, line, error, errorField, null, cells, idx);
    }

    private static org.apache.spark.sql.Row toRow(InputFile f, long line, String error, String errorField, String detail,
                                                  List<String> cells, int[] idx) {
        Object[] values = new Object[5 + idx.length];
        values[0] = f.relativePath();
        values[1] = line;
        values[2] = error;
        values[3] = errorField;
        values[4] = detail;
        for (int i = 0; i < idx.length; i++) {
            values[5 + i] = idx[i] >= 0 && idx[i] < cells.size() ? clean(cells.get(idx[i])) : null;
        }
        if (error == null) {
            for (int i = 5; i < values.length; i++) {
                if (values[i] != null && ((String) values[i]).indexOf('\uFFFD') >= 0) {
                    values[2] = "bad_encoding";
                    values[3] = "_row";
                    break;
                }
            }
        }
        return RowFactory.create(values);
    }

    private static Iterator<org.apache.spark.sql.Row> readCsv(InputStream raw, InputFile f, Contract c) throws IOException {
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(raw, 1 << 16);
        in.mark(ENCODING_SAMPLE + 1);
        byte[] sample = in.readNBytes(ENCODING_SAMPLE);
        in.reset();
        if (sample.length == 0) {
            in.close();
            return List.of(fileError(f, c, ReasonCodes.EMPTY_FILE, "the file is empty (0 bytes): no header, no rows")).iterator();
        }
        String binary = notText(sample, sample.length);
        if (binary != null) {
            in.close();
            return List.of(fileError(f, c, ReasonCodes.UNREADABLE_FILE, "not a text file: " + binary)).iterator();
        }
        LegacyEncoding enc = LegacyEncoding.detect(sample, sample.length);
        java.io.Reader decoded = switch (enc) {
            case UTF_8, UNKNOWN -> new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
            case WINDOWS_1258 -> new InputStreamReader(in, java.nio.charset.Charset.forName("windows-1258"));
            case TCVN3 -> new LineMappingReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), line -> {
                byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
                return LegacyEncoding.TCVN3.decode(b, 0, b.length);
            });
            case VNI -> new LineMappingReader(new InputStreamReader(in, java.nio.charset.Charset.forName("windows-1252")),
                    LegacyEncoding::vni);
        };
        if (enc != LegacyEncoding.UTF_8 && enc != LegacyEncoding.UNKNOWN) {
            System.err.println("[ingest] " + f.relativePath() + ": " + enc.label() + " detected, converted to Unicode");
        }
        BufferedReader reader = new BufferedReader(decoded, 1 << 16);
        CsvParserSettings s = new CsvParserSettings();
        s.setHeaderExtractionEnabled(false);
        s.setLineSeparatorDetectionEnabled(true);
        s.setMaxCharsPerColumn(MAX_CELL);
        s.setMaxColumns(2048);
        s.setNullValue(null);
        s.setSkipEmptyLines(true);
        CsvParser parser = new CsvParser(s);
        parser.beginParsing(reader);
        String[] header;
        try {
            header = parser.parseNext();
        } catch (com.univocity.parsers.common.TextParsingException e) {
            parser.stopParsing();
            return List.of(fileError(f, c, ReasonCodes.LINE_TOO_LONG, "the header line cannot be read: " + shortMessage(e))).iterator();
        }
        if (header == null) {
            parser.stopParsing();
            return List.of(fileError(f, c, ReasonCodes.EMPTY_FILE, "the file has no header line, only blank lines")).iterator();
        }
        List<String> headerList = java.util.Arrays.asList(header);
        int[] idx = mapHeader(headerList, c);
        String missing = missingRequiredColumn(idx, c);
        int width = header.length;
        return new Iterator<>() {
            String[] next;
            org.apache.spark.sql.Row failure;
            boolean done;

            {
                advance();
            }

            private void advance() {
                try {
                    next = parser.parseNext();
                } catch (com.univocity.parsers.common.TextParsingException e) {
                    // A cell over MAX_CELL characters (an enormous line): quarantine it; the parser cannot go on.
                    failure = toRow(f, e.getLineIndex() + 1, ReasonCodes.LINE_TOO_LONG, "_row",
                            shortMessage(e) + "; the rest of the file after this line was not read", List.of(), idx);
                    next = null;
                }
                if (next == null) {
                    parser.stopParsing();
                }
            }

            @Override
            public boolean hasNext() {
                return next != null || (failure != null && !done);
            }

            @Override
            public org.apache.spark.sql.Row next() {
                if (next == null) {
                    if (failure != null && !done) {
                        done = true;
                        return failure;
                    }
                    throw new NoSuchElementException();
                }
                String[] cells = next;
                long line = parser.getContext().currentLine();
                advance();
                String error = missing != null ? "missing_column" : cells.length != width ? "bad_row_shape" : null;
                String field = missing != null ? missing : error != null ? "_row" : null;
                String detail = error != null && error.equals("bad_row_shape")
                        ? cells.length + " cells, the header has " + width : null;
                return toRow(f, line, error, field, detail, java.util.Arrays.asList(cells), idx);
            }
        };
    }

    private static String shortMessage(Exception e) {
        String m = String.valueOf(e.getMessage());
        int cut = m.indexOf('\n');
        return (cut > 0 ? m.substring(0, cut) : m).replaceAll("\\s+", " ");
    }

    /** A reader that passes each line of another through a conversion (lines end with \n). */
    static final class LineMappingReader extends java.io.Reader {
        private final BufferedReader in;
        private final java.util.function.UnaryOperator<String> map;
        private String buffer = "";
        private int pos;

        LineMappingReader(java.io.Reader in, java.util.function.UnaryOperator<String> map) {
            this.in = new BufferedReader(in, 1 << 16);
            this.map = map;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (pos >= buffer.length()) {
                String line = in.readLine();
                if (line == null) {
                    return -1;
                }
                buffer = map.apply(line) + "\n";
                pos = 0;
            }
            int n = Math.min(len, buffer.length() - pos);
            buffer.getChars(pos, pos + n, cbuf, off);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static Iterator<org.apache.spark.sql.Row> readXlsx(InputStream in, InputFile f, Contract c) {
        List<org.apache.spark.sql.Row> rows = new ArrayList<>();
        try (in; Workbook wb = WorkbookFactory.create(in)) {
            DataFormatter fmt = new DataFormatter();
            int visible = 0;
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                visible += wb.isSheetHidden(i) || wb.isSheetVeryHidden(i) ? 0 : 1;
            }
            for (Sheet sheet : wb) {
                int sheetIndex = wb.getSheetIndex(sheet);
                if (wb.isSheetHidden(sheetIndex) || wb.isSheetVeryHidden(sheetIndex)) {
                    continue; // hidden sheets hold drafts and lookups, never the records
                }
                String name = Contracts.fold(sheet.getSheetName());
                boolean named = name.equals(Contracts.fold(c.recordType())) || name.equals(Contracts.fold(c.sheetVi()));
                // A workbook filed under a record-type folder with a single visible sheet is that record type.
                boolean onlySheet = f.underTypeFolder() && visible == 1;
                if (!named && !onlySheet) {
                    continue;
                }
                Iterator<Row> it = sheet.rowIterator();
                List<String> header = null;
                int[] idx = null;
                String missing = null;
                List<Object[]> pending = new ArrayList<>();
                while (it.hasNext()) {
                    Row r = it.next();
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < Math.max(0, r.getLastCellNum()); i++) {
                        cells.add(cellText(r.getCell(i), fmt, c, idx, i));
                    }
                    if (cells.stream().allMatch(x -> x == null || x.isBlank())) {
                        continue;
                    }
                    if (header == null || (missing != null && r.getRowNum() < 10 && rows.isEmpty()
                            && missingRequiredColumn(mapHeader(cells, c), c) == null)) {
                        // The header is the first row naming the fields; a title row or the upper row of a two-level
                        // (merged) header above it is passed over.
                        header = cells;
                        idx = mapHeader(header, c);
                        missing = missingRequiredColumn(idx, c);
                        pending.clear();
                        continue;
                    }
                    if (missing != null && r.getRowNum() < 10) {
                        pending.add(new Object[]{r.getRowNum(), cells});
                        continue;
                    }
                    flushPending(pending, rows, f, missing, idx);
                    String error = missing != null ? "missing_column" : null;
                    rows.add(toRow(f, r.getRowNum() + 1L, error, missing, cells, idx));
                }
                flushPending(pending, rows, f, missing, idx);
            }
        } catch (IOException | RuntimeException e) {
            // truncated or not a workbook at all: one quarantined row says so, the other files go on
            return List.of(fileError(f, c, ReasonCodes.UNREADABLE_FILE, "cannot read the workbook: "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " "))).iterator();
        }
        return rows.iterator();
    }

    /** Rows held while looking for a header further down: no header came, so they are quarantined after all. */
    @SuppressWarnings("unchecked")
    private static void flushPending(List<Object[]> pending, List<org.apache.spark.sql.Row> rows, InputFile f,
                                     String missing, int[] idx) {
        for (Object[] p : pending) {
            rows.add(toRow(f, (Integer) p[0] + 1L, "missing_column", missing, (List<String>) p[1], idx));
        }
        pending.clear();
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
