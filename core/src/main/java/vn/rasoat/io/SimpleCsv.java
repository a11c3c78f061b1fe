package vn.rasoat.io;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads small reference and rulebook CSV files (header row, UTF-8, '#' comment lines) into maps. */
public final class SimpleCsv {
    private SimpleCsv() {
    }

    public static List<Map<String, String>> read(InputStream in, String name) {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(true);
        settings.getFormat().setComment('#');
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setMaxCharsPerColumn(100_000);
        CsvParser parser = new CsvParser(settings);
        List<Map<String, String>> rows = new ArrayList<>();
        parser.beginParsing(new InputStreamReader(in, StandardCharsets.UTF_8));
        String[] header = parser.getContext().parsedHeaders();
        String[] cells;
        while ((cells = parser.parseNext()) != null) {
            if (header == null) {
                header = parser.getContext().parsedHeaders();
            }
            for (int i = header.length; i < cells.length; i++) {
                if (cells[i] != null && !cells[i].isBlank()) {
                    // an unquoted comma inside a cell shifts the rest of the row: refused, never read shifted
                    throw new IllegalArgumentException(name + ", line " + parser.getContext().currentLine() + ": "
                            + cells.length + " cells, the header has " + header.length + " (a comma in an unquoted cell?)");
                }
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                String key = header[i].replace("\uFEFF", "").trim();
                String value = i < cells.length && cells[i] != null ? cells[i].trim() : "";
                row.put(key, Normalizer.normalize(value, Normalizer.Form.NFC));
            }
            rows.add(row);
        }
        parser.stopParsing();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no data rows in " + name);
        }
        return rows;
    }
}
