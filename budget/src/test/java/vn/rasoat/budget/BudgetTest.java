package vn.rasoat.budget;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.ProjectFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kiên Giang's 2021 plan (KH 164/KH-UBND), Phụ lục 1 and 2, reproduced to the đồng from its inputs. */
class BudgetTest extends ProjectFiles {
    private final CostSet costs = CostSet.load(schemas(), "91", 2021);

    private Budget kienGiang() {
        return Budget.price(schemas(), costs, schemasDir().resolve("costs/91_2021_counts.csv"), 70_000L, null, "91", 2021, false, null);
    }

    private List<Map<String, String>> published() {
        return TableChecker.read(schemasDir().resolve("costs/published/91_2021_phu_luc_2.csv"));
    }

    @Test
    void reproducesEveryCellOfPhuLuc2AndTheTotalsOfPhuLuc1() {
        Budget b = kienGiang();
        List<Map<String, String>> table = published();
        Map<String, String> columnOfLine = Map.of("survey_forms", "forms_amount", "hamlet_meetings", "hamlets_amount",
                "commune_analysis", "commune_analysis", "district_analysis", "district_analysis",
                "data_entry", "data_entry_amount", "training", "training", "printing", "printing");
        assertEquals(15, b.units().size());
        int checked = 0;
        for (int i = 0; i < 15; i++) {
            Map<String, String> row = table.get(i);
            Budget.UnitRow u = b.units().get(i);
            assertEquals(row.get("district_name"), u.name());
            for (String c : BudgetCounts.COUNTS) {
                assertEquals(Long.parseLong(row.get(c)), u.counts().get(c), u.name() + " " + c);
                checked++;
            }
            for (Budget.Cell cell : u.cells()) {
                assertEquals(Long.parseLong(row.get(columnOfLine.get(cell.code()))), cell.amount(), u.name() + " " + cell.code());
                checked++;
            }
            assertEquals(Long.parseLong(row.get("total")), u.total(), u.name() + " total");
            checked++;
        }
        Map<String, String> total = table.get(15);
        columnOfLine.forEach((line, column) -> assertEquals(Long.parseLong(total.get(column)), b.columnTotals().get(line), column));
        assertEquals(188_168L, b.columnTotals().get("count:forms"));
        assertEquals(958L, b.columnTotals().get("count:hamlets"));
        assertEquals(3_325_344_000L, b.unitsTotal());
        assertEquals(104_656_000L, b.provinceTotal());
        assertEquals(3_430_000_000L, b.grandTotal());
        assertEquals(15 * 12, checked);
        assertEquals("5.471 phiếu × 8.000 đ", b.units().get(0).cells().get(0).formula());
    }

    @Test
    void checkerPassesThePublishedTableAndNamesAnAlteredCell() {
        assertEquals(List.of(), TableChecker.check(published(), costs));
        List<Map<String, String>> altered = new ArrayList<>();
        for (Map<String, String> r : published()) {
            Map<String, String> copy = new LinkedHashMap<>(r);
            if ("5".equals(r.get("stt"))) {
                copy.put("hamlets_amount", "43600000"); // was 43.500.000 (87 × 500.000)
            }
            altered.add(copy);
        }
        List<vn.rasoat.checks.Finding> f = TableChecker.check(altered, costs);
        assertEquals(3, f.size(), f.toString());
        assertEquals("5 Huyện Hòn Đất", f.get(0).row());
        assertEquals("hamlets_amount", f.get(0).column());
        assertEquals(100_000L, f.get(0).difference().longValueExact());
        assertEquals("total", f.get(1).column()); // the row no longer adds up
        assertEquals("total", f.get(2).row()); // nor the column
        assertEquals("hamlets_amount", f.get(2).column());
    }

    @Test
    void whatIfDataEntryAt14000() {
        Budget base = kienGiang();
        Budget alt = Budget.compute(costs.withNorms(Map.of("data_entry", 14_000L)), 2021,
                BudgetCounts.fromFile(schemasDir().resolve("costs/91_2021_counts.csv"), costs), Map.of("certificates", 70_000L), "test");
        assertEquals(65_000L * 2_000L, alt.grandTotal() - base.grandTotal());
        assertThrows(IllegalArgumentException.class, () -> costs.withNorms(Map.of("training", 1L)));
    }

    @Test
    void writesCsvXlsxAndHtml(@TempDir Path dir) throws Exception {
        List<Path> files = BudgetWriter.write(kienGiang(), dir);
        assertEquals(4, files.size());
        // the CSV is rectangular, in long format: every row has every column, one amount per row under amount_vnd
        String text = Files.readString(files.get(0));
        assertTrue(text.startsWith("\uFEFF" + String.join(",", BudgetWriter.LONG_HEADER) + "\r\n"),
                "a byte-order mark (Excel reads UTF-8), then the header");
        com.univocity.parsers.csv.CsvParserSettings settings = new com.univocity.parsers.csv.CsvParserSettings();
        settings.setHeaderExtractionEnabled(false);
        List<String[]> raw = new com.univocity.parsers.csv.CsvParser(settings).parseAll(new java.io.StringReader(text.substring(1)));
        assertTrue(raw.size() > 100);
        for (String[] r : raw) {
            assertEquals(BudgetWriter.LONG_HEADER.size(), r.length, "every line has every column: " + String.join(",", r));
        }
        List<Map<String, String>> rows = TableChecker.read(files.get(0));
        assertEquals(raw.size() - 1, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.keySet().containsAll(BudgetWriter.LONG_HEADER) && !r.get("amount_vnd").isEmpty()));
        // 15 districts x (7 lines + total), 7 + 1 district-level totals, 4 province lines + total, the grand total
        assertEquals(15 * 8 + 8 + 5 + 1, rows.size());
        Map<String, String> forms = rows.stream().filter(r -> r.get("level").equals("district") && r.get("item").equals("survey_forms"))
                .findFirst().orElseThrow();
        Map<String, String> phuLuc2 = published().get(0);
        assertEquals(phuLuc2.get("district_name"), forms.get("unit_name"));
        assertEquals(phuLuc2.get("forms"), forms.get("count"));
        assertEquals(Long.parseLong(phuLuc2.get("forms_amount")), Long.parseLong(forms.get("count")) * Long.parseLong(forms.get("norm_vnd")));
        assertEquals(phuLuc2.get("forms_amount"), forms.get("amount_vnd"));
        assertEquals("2021", forms.get("review_year"));
        // the rows add up: district lines to each district's total and to the district-level totals, everything to the grand total
        Map<String, Long> byItem = new LinkedHashMap<>();
        long districtTotals = 0;
        for (Map<String, String> r : rows) {
            if (r.get("level").equals("district")) {
                long amount = Long.parseLong(r.get("amount_vnd"));
                if (r.get("item").equals("total")) {
                    districtTotals += amount;
                } else {
                    byItem.merge(r.get("item"), amount, Long::sum);
                }
            }
        }
        for (Map<String, String> r : rows) {
            if (r.get("level").equals("districts_total")) {
                long expected = r.get("item").equals("total") ? districtTotals : byItem.get(r.get("item"));
                assertEquals(expected, Long.parseLong(r.get("amount_vnd")), "district-level total of " + r.get("item"));
            }
        }
        long provinceLines = rows.stream().filter(r -> r.get("level").equals("province") && !r.get("item").equals("total"))
                .mapToLong(r -> Long.parseLong(r.get("amount_vnd"))).sum();
        assertEquals(104_656_000L, provinceLines);
        assertEquals(3_325_344_000L, districtTotals);
        Map<String, String> grand = rows.get(rows.size() - 1);
        assertEquals("grand_total", grand.get("level"));
        assertEquals(String.valueOf(districtTotals + provinceLines), grand.get("amount_vnd"));
        assertEquals("3430000000", grand.get("amount_vnd"));
        assertTrue(Files.readString(files.get(2)).contains("3.430.000.000"), "vi-VN grouping on the page");
        try (var wb = org.apache.poi.ss.usermodel.WorkbookFactory.create(files.get(1).toFile())) {
            var sheet = wb.getSheet("Kinh phí cấp huyện");
            assertEquals(140_878_000d, sheet.getRow(1).getCell(sheet.getRow(0).getLastCellNum() - 1).getNumericCellValue());
        }
    }

    /** Counts through DuckDB from a small hand-made warehouse: 2 communes of district 899, 2022–2025 standard. */
    @Test
    void countsFromTheWarehouseAndTheForecast(@TempDir Path wh) throws Exception {
        // the marts as Spark writes them (Hive partitions of Parquet), written here by DuckDB: no Spark for a fixture
        String fct = wh.resolve("marts/fct_household_status").toString();
        writeParquet("""
                SELECT * FROM (VALUES
                  ('a', '2023-annual', 'annual', '91', '899', '30730', '2022_2025', 'poor', 'on_list', NULL::BIGINT, true, 2023),
                  ('b', '2023-annual', 'annual', '91', '899', '30730', '2022_2025', 'not_poor', 'on_list', NULL, true, 2023),
                  ('c', '2023-annual', 'annual', '91', '899', '30733', '2022_2025', 'near_poor', 'applicant', NULL, true, 2023),
                  ('d', '2023-annual', 'annual', '91', '899', '30733', '2022_2025', 'middle', 'applicant', 30000000, true, 2023),
                  ('e', '2023-annual', 'annual', '91', '899', '30733', '2022_2025', 'screened_out', 'applicant', NULL, true, 2023),
                  ('f', '2023-regular-03', 'regular', '91', '899', '30733', '2022_2025', 'poor', 'applicant', NULL, false, 2023))
                """ + FCT_COLUMNS, fct, "review_year");
        // the published hamlet list (the budget reads marts, never staging): 2 + 1 hamlets in 2023, one of 2022 not counted
        writeParquet("""
                SELECT * FROM (VALUES ('91', '30730', 'T01', 'Ấp Một', 'v1', 2023), ('91', '30730', 'T02', 'Ấp Hai', 'v1', 2023),
                  ('91', '30733', 'T01', 'Ấp Một', 'v1', 2023), ('91', '30733', 'T01', 'Ấp Một', 'v1', 2022))
                  AS t(province_code, commune_code, hamlet_code, hamlet_name, input_version, reference_year)
                """, wh.resolve("marts/dim_hamlet").toString(), "reference_year");
        Map<String, Long> province = new LinkedHashMap<>();
        List<Budget.UnitCounts> now = BudgetCounts.fromWarehouse(schemas(), wh.toString(), "91", 2023, costs, province, Map.of("899", "TP Rạch Giá"), false, null);
        assertEquals(1, now.size());
        assertEquals("TP Rạch Giá", now.get(0).name());
        // reviewed, not screened out: a, b, c, d → 4 × 2 forms, plus d's Appendix VIII form
        assertEquals(Map.of("communes", 2L, "forms", 9L, "hamlets", 3L, "forms_entered", 2L), now.get(0).counts());
        assertEquals(2L, province.get("certificates"));
        // forecast: next year's list (a, c) plus this year's applicants scored (c, d) → a, c, d × 2 + 1
        List<Budget.UnitCounts> next = BudgetCounts.fromWarehouse(schemas(), wh.toString(), "91", 2023, costs, new LinkedHashMap<>(), Map.of(), true, null);
        assertEquals(7L, next.get(0).counts().get("forms"));
        Budget b = Budget.compute(costs, 2024, next, Map.of("certificates", 2L), "test");
        // 7×8,000 + 3×500,000 + 2×1,500,000 + 3,000,000 (default) + 2×12,000 + 10,000,000 (default) + 0; province 48,656,000 + 1,600
        assertEquals(56_000 + 1_500_000 + 3_000_000 + 3_000_000 + 24_000 + 10_000_000, b.unitsTotal());
        assertEquals(15_000_000 + 30_000_000 + 1_600 + 3_656_000, b.provinceTotal());
        // 2022's list has 30733 only: 30730 would be priced with no hamlet meeting, so the count is refused
        writeParquet("""
                SELECT * FROM (VALUES
                  ('e', '2022-annual', 'annual', '91', '899', '30730', '2022_2025', 'poor', 'on_list', NULL::BIGINT, true, 2022),
                  ('g', '2022-annual', 'annual', '91', '899', '30733', '2022_2025', 'poor', 'on_list', NULL, true, 2022))
                """ + FCT_COLUMNS, fct, "review_year");
        var refused = assertThrows(IllegalArgumentException.class, () -> BudgetCounts.fromWarehouse(schemas(), wh.toString(),
                "91", 2022, costs, new LinkedHashMap<>(), Map.of(), false, null));
        assertTrue(refused.getMessage().startsWith("no hamlet list for 1 commune(s) of province 91 reviewed in 2022 (30730)"),
                refused.getMessage());
    }

    private static final String FCT_COLUMNS = """
            AS t(household_key, run_id, run_type, province_code, district_code, commune_code, standard, status,
                 review_basis, net_income_12m, official, review_year)""";

    /** Writes a query's rows as Hive-partitioned Parquet under {@code dir} (added beside what is there). */
    private static void writeParquet(String query, String dir, String partition) throws Exception {
        Files.createDirectories(Path.of(dir).getParent());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = c.createStatement()) {
            st.execute("COPY (" + query + ") TO '" + dir.replace("'", "''") + "' (FORMAT PARQUET, PARTITION_BY (" + partition
                    + "), APPEND)");
        }
    }
}
