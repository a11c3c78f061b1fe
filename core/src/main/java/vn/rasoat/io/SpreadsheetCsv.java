package vn.rasoat.io;

import java.util.List;

/**
 * CSV files written for spreadsheets (tables, lists, budgets, re-check plans): UTF-8 with a byte-order mark, so Excel
 * reads the Vietnamese text as UTF-8, CRLF line ends, and cells that a spreadsheet cannot run as formulas.
 */
public final class SpreadsheetCsv {
    /** The byte-order mark a file starts with. */
    public static final String BOM = "\uFEFF";
    /** The line end. */
    public static final String EOL = "\r\n";

    private SpreadsheetCsv() {
    }

    /**
     * A cell: quoted where it must be; a text starting with = + - or @ (not a number) gets a leading apostrophe, so a
     * spreadsheet shows it instead of running it. Null is an empty cell.
     */
    public static String cell(String s) {
        if (s == null) {
            return "";
        }
        boolean formula = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?[0-9.]+");
        String v = formula ? "'" + s : s;
        return v.matches("[^\",\r\n]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
    }

    /** A line of cells, with its line end. */
    public static String line(List<String> cells) {
        return String.join(",", cells.stream().map(SpreadsheetCsv::cell).toList()) + EOL;
    }
}
