package vn.rasoat.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reference CSV files: a row with more cells than the header is refused, naming the file and line. */
class SimpleCsvTest {
    private static List<Map<String, String>> read(String text) {
        return SimpleCsv.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv");
    }

    @Test
    void aShiftedRowIsRefusedAndTrailingEmptyCellsAreNot() {
        assertEquals(List.of(Map.of("a", "1", "note", "x")), read("a,note\n1,x,\n"));
        var e = assertThrows(IllegalArgumentException.class, () -> read("a,note\n1,x\n2,659,389 households\n"));
        assertTrue(e.getMessage().contains("t.csv, line 3: 3 cells, the header has 2"), e.getMessage());
    }
}
