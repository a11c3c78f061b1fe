package vn.rasoat.dashboards.charts;

import org.junit.jupiter.api.Test;
import vn.rasoat.ProjectFiles;
import vn.rasoat.dashboards.query.QueryResult;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How charts label what they show, on hand-made values (no warehouse): years, measured shares, p-values. */
class ChartLabelsTest extends ProjectFiles {
    /** A hand-made series: the year whose rates are incomplete is said so in its label, the others are bare years. */
    @Test
    void anIncompleteYearOfTheSeriesIsMarked() {
        QueryResult r = new QueryResult("rates_series", List.of("year", "standard", "poor_rate_pct", "incomplete"),
                List.of("INTEGER", "VARCHAR", "DECIMAL", "BOOLEAN"), List.of(
                java.util.Arrays.asList(2022, "2022_2025", new java.math.BigDecimal("4.0000"), false),
                java.util.Arrays.asList(2023, "2022_2025", new java.math.BigDecimal("3.5000"), true),
                java.util.Arrays.asList(2024, "2022_2025", new java.math.BigDecimal("3.0000"), null)));
        var labels = Labels.load("vi", schemas());
        assertEquals(List.of("2022", "2023 (chưa đầy đủ)", "2024"), Charts.yearKeys(r, labels));
    }

    @Test
    void measuredSharesAndPValuesAreWrittenForAReader() {
        var vi = Labels.load("vi", schemas());
        var en = Labels.load("en", schemas());
        assertEquals("0,276", vi.number(0.2759995632086387));
        assertEquals("0", vi.number(0.0));
        assertEquals("-0,497", vi.number(-0.497));
        assertEquals("0,28", vi.pValue(0.2759995632086387));
        assertEquals("0.42", en.pValue(0.4180233549507717));
        assertEquals("0,0041", vi.pValue(0.00412));
        assertEquals("< 0,001", vi.pValue(0.00002));
        assertEquals("1", vi.pValue(1.0));
        assertEquals("", vi.pValue(null));
        assertEquals("", vi.number(Double.NaN));
    }

    /** Every label has both languages: an English page never falls back to a raw column name the Vietnamese one names. */
    @Test
    void bothLanguagesLabelTheSameThings() throws java.io.IOException {
        java.util.Map<String, java.util.Set<String>> keys = new java.util.TreeMap<>();
        for (String lang : List.of("vi", "en")) {
            java.util.Properties p = new java.util.Properties();
            try (var in = Labels.class.getClassLoader().getResourceAsStream("labels_" + lang + ".properties")) {
                p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            keys.put(lang, new java.util.TreeSet<>(p.stringPropertyNames()));
        }
        java.util.Set<String> onlyVi = new java.util.TreeSet<>(keys.get("vi"));
        onlyVi.removeAll(keys.get("en"));
        java.util.Set<String> onlyEn = new java.util.TreeSet<>(keys.get("en"));
        onlyEn.removeAll(keys.get("vi"));
        assertEquals(java.util.Set.of(), onlyVi, "labelled in Vietnamese only");
        assertEquals(java.util.Set.of(), onlyEn, "labelled in English only");
        assertTrue(keys.get("vi").contains("col.poor_rate_pct"));
    }
}
