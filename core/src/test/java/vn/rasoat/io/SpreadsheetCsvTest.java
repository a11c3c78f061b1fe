package vn.rasoat.io;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpreadsheetCsvTest {
    @Test
    void cellsAreQuotedWhereTheyMustBeAndNeverRunAsFormulas() {
        assertEquals("Xã Hòa Thuận", SpreadsheetCsv.cell("Xã Hòa Thuận"));
        assertEquals("\"Thôn, ấp\"", SpreadsheetCsv.cell("Thôn, ấp"));
        assertEquals("\"a \"\"b\"\"\"", SpreadsheetCsv.cell("a \"b\""));
        assertEquals("'=1+1", SpreadsheetCsv.cell("=1+1"));
        assertEquals("'@SUM(A1)", SpreadsheetCsv.cell("@SUM(A1)"));
        assertEquals("\"'+84, 90\"", SpreadsheetCsv.cell("+84, 90"));
        assertEquals("-12.5", SpreadsheetCsv.cell("-12.5"), "a negative number stays a number");
        assertEquals("", SpreadsheetCsv.cell(null));
        assertEquals("a,,\"b,c\"\r\n", SpreadsheetCsv.line(Arrays.asList("a", null, "b,c")));
    }
}
