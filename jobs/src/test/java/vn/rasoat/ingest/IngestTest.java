package vn.rasoat.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.SparkTestBase;
import vn.rasoat.contracts.Contracts;
import vn.rasoat.generate.GenerateJob;
import vn.rasoat.generate.XlsxExport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestTest extends SparkTestBase {
    private static final String ROSTER_HEADER = "run_id,review_year,province_code,district_code,commune_code,hamlet_code,"
            + "household_id,head_name,citizen_id,members,head_ethnicity,urban,no_working_capacity,meritorious_person,"
            + "female_head,farm_household,review_basis,origin,parent_household_id,recorded_status";
    /** A valid Kiên Giang roster row; fixtures change one cell of it. */
    private static final String GOOD = "2023-annual,2023,91,899,30730,T01,HH-%s,Nguyễn Văn An,091085123456,4,01,true,"
            + "false,false,false,false,on_list,continuing,,poor";

    @TempDir
    static Path tmp;
    static IngestJob.Result fixtures;
    static Map<String, Row> quarantineByHousehold = new HashMap<>();

    /** One file of fixture rows, each row breaking exactly one rule; every reason code is covered. */
    @BeforeAll
    static void ingestFixtures() throws IOException {
        Path in = tmp.resolve("fixtures");
        List<String> roster = new ArrayList<>();
        roster.add(ROSTER_HEADER);
        Map<String, String> cases = new LinkedHashMap<>();
        // decomposed (NFD) Vietnamese, as some Mac and web exports write it: staged NFC
        cases.put("ok1", GOOD.formatted("ok1").replace("Nguyễn Văn An",
                java.text.Normalizer.normalize("Nguyễn Văn An", java.text.Normalizer.Form.NFD)));
        cases.put("vnnum", GOOD.formatted("vnnum").replace(",4,01,", ",4,01,"));
        cases.put("missing", GOOD.formatted("missing").replace(",4,01,", ",,01,"));
        cases.put("badtype", GOOD.formatted("badtype").replace(",4,01,", ",4o,01,"));
        cases.put("range", GOOD.formatted("range").replace(",4,01,", ",45,01,"));
        cases.put("notallowed", GOOD.formatted("notallowed").replace(",on_list,", ",walk_in,"));
        cases.put("format", GOOD.formatted("format").replace(",91,899,30730,", ",91,899,3073,"));
        cases.put("long", GOOD.formatted("long").replace("Nguyễn Văn An", "A".repeat(130)));
        cases.put("commune", GOOD.formatted("commune").replace(",30730,", ",99999,"));
        cases.put("ethnic", GOOD.formatted("ethnic").replace(",4,01,", ",4,77,"));
        cases.put("dup", GOOD.formatted("dup"));
        cases.put("dup2", GOOD.formatted("dup"));
        cases.put("shape", GOOD.formatted("shape").substring(0, 60));
        cases.values().forEach(roster::add);
        write(in.resolve("household_roster/roster.csv"), String.join("\n", roster) + "\n");
        // bad UTF-8 bytes on one line
        byte[] bad = (ROSTER_HEADER + "\n" + GOOD.formatted("enc").replace("Nguyễn Văn An", "Nguy?n")
                + "\n").getBytes(StandardCharsets.UTF_8);
        int q = indexOf(bad, (byte) '?');
        bad[q] = (byte) 0xC3;
        bad[q + 1] = (byte) 0x28;
        Files.createDirectories(in.resolve("household_roster"));
        Files.write(in.resolve("household_roster/encoding.csv"), bad);
        // roster 1.1.0's report fields: multi-select codes in any case, separated by ; or |, with spaces; a cause
        // written as words is held with the list of allowed codes (the other files, without these columns, stage them null)
        write(in.resolve("household_roster/report_fields.csv"), ROSTER_HEADER + ",poverty_causes,support_needs,"
                + "social_protection,children_under16,children_no_health_insurance,children_malnourished,"
                + "children_out_of_school,sector\n"
                + GOOD.formatted("rf1") + ",\"Capital; land\",health|credit|health,có,2,1,0,1,\n"
                + GOOD.formatted("rf2") + ",capital;Thiếu vốn,health,,,,,,\n"
                // two malnourished children of one child under 16: a part larger than its whole
                + GOOD.formatted("rf3") + ",,,,1,0,2,0,\n"
                // the children under 16 not collected: a count of malnourished children has no total to exceed
                + GOOD.formatted("rf4") + ",,,,,0,1,0,\n");
        // a file without a required column
        write(in.resolve("household_roster/nocolumn.csv"), ROSTER_HEADER.replace(",members", "") + "\n"
                + GOOD.formatted("nocol").replace(",4,01,", ",01,") + "\n");
        // income with Vietnamese thousands separators, and a form for a household not in the roster
        String viiiHeader = "run_id,review_year,commune_code,household_id,members,inc_crops,inc_livestock,inc_forestry,"
                + "inc_aquaculture,inc_salt,inc_nonfarm,inc_wages,inc_other,production_costs,social_assistance,"
                + "recorded_income_per_capita_month";
        write(in.resolve("income_viii/viii.csv"), viiiHeader + "\n"
                + "2023-annual,2023,30730,HH-ok1,4,\"1.500.000\",0,0,0,0,0,80000000,0,500000,0,1700000\n"
                + "2023-annual,2023,30730,HH-ghost,4,1500000,0,0,0,0,0,80000000,0,500000,0,1700000\n"
                + "2023-annual,2023,30730,HH-vnnum,4,\"1.500.000,5\",0,0,0,0,0,80000000,0,500000,0,1700000\n");
        writeCorpus(in);
        fixtures = IngestJob.run(spark(), schemas(), in.toString(), tmp.resolve("wh-fixtures").toString());
        Staging.read(spark(), tmp.resolve("wh-fixtures").toString(), "quarantine")
                .where(col(IngestJob.INPUT_VERSION).equalTo(fixtures.inputVersion())).collectAsList()
                .forEach(r -> quarantineByHousehold.put(r.getAs("source_file") + "#" + r.getAs("source_row"), r));
    }

    static final String W1258_NAME = "Trần Thị Hồng Nhung";
    static final String TCVN3_NAME = "Nguyễn Văn Đức";
    static final String VNI_NAME = "Nguyễn Văn Đức";

    /** The bad-input corpus: files as they arrive from the field. */
    static void writeCorpus(Path in) throws IOException {
        Path r = in.resolve("household_roster");
        Files.createDirectories(r);
        Files.write(r.resolve("empty.csv"), new byte[0]);
        write(r.resolve("blank_lines.csv"), "\n\n\n");
        // cut off mid-line, inside an open quote
        write(r.resolve("truncated.csv"), ROSTER_HEADER + "\n" + GOOD.formatted("trunc1") + "\n"
                + GOOD.formatted("trunc2").substring(0, 70) + ",\"Nguy");
        // legacy encodings
        Files.write(r.resolve("windows1258.csv"), cp1258(ROSTER_HEADER + "\n"
                + GOOD.formatted("w1258").replace("Nguyễn Văn An", W1258_NAME) + "\n"));
        Files.write(r.resolve("tcvn3.csv"), LegacyEncoding.encodeTcvn3(ROSTER_HEADER + "\n"
                + GOOD.formatted("tcvn3").replace("Nguyễn Văn An", TCVN3_NAME) + "\n"));
        Files.write(r.resolve("vni.csv"), (ROSTER_HEADER + "\n"
                + GOOD.formatted("vni").replace("Nguyễn Văn An", "Nguyeãn Vaên Ñöùc") + "\n")
                .getBytes(java.nio.charset.Charset.forName("windows-1252")));
        // an enormous line (a 17 MiB cell, over the parser's limit) between two good rows; and a 2 MiB name
        StringBuilder big = new StringBuilder(ROSTER_HEADER).append('\n').append(GOOD.formatted("big1")).append('\n');
        big.append(GOOD.formatted("big2").replace("Nguyễn Văn An", "A".repeat(17 << 20))).append('\n');
        big.append(GOOD.formatted("big3")).append('\n');
        write(r.resolve("enormous_line.csv"), big.toString());
        write(r.resolve("long_name.csv"), ROSTER_HEADER + "\n"
                + GOOD.formatted("long2m").replace("Nguyễn Văn An", "B".repeat(2 << 20)) + "\n");
        // the same household id in two communes of one run
        write(r.resolve("dup_across_communes.csv"), ROSTER_HEADER + "\n" + GOOD.formatted("twin") + "\n"
                + GOOD.formatted("twin").replace(",30730,", ",30733,") + "\n");
        // a semicolon-separated export (Excel in a Vietnamese locale)
        write(r.resolve("semicolons.csv"), ROSTER_HEADER.replace(',', ';') + "\n"
                + GOOD.formatted("semi").replace(',', ';') + "\n");
        // Excel: a merged title row above the header, a formula, a hidden sheet of drafts, dates as text
        Path x = in.resolve("workbooks");
        Files.createDirectories(x);
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            var roster = wb.createSheet("Danh sách hộ");
            roster.createRow(0).createCell(0).setCellValue("DANH SÁCH HỘ GIA ĐÌNH RÀ SOÁT NĂM 2023");
            roster.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(0, 0, 0, 19));
            String[] h = ROSTER_HEADER.split(",");
            var hr = roster.createRow(1);
            for (int i = 0; i < h.length; i++) {
                hr.createCell(i).setCellValue(h[i]);
            }
            String[] v = GOOD.formatted("xlsx1").split(",", -1);
            var row = roster.createRow(2);
            for (int i = 0; i < v.length; i++) {
                if (h[i].equals("members")) {
                    row.createCell(i).setCellFormula("2+2");
                } else if (!v[i].isEmpty()) {
                    row.createCell(i).setCellValue(v[i]);
                }
            }
            var runs = wb.createSheet("review_runs");
            String[] rh = {"run_id", "review_year", "province_code", "run_type", "run_date", "standard"};
            var rr = runs.createRow(0);
            for (int i = 0; i < rh.length; i++) {
                rr.createCell(i).setCellValue(rh[i]);
            }
            var r1 = runs.createRow(1);
            String[] rv = {"2023-x-annual", "2023", "91", "annual", "15/11/2023", "2022_2025"};
            for (int i = 0; i < rv.length; i++) {
                r1.createCell(i).setCellValue(rv[i]);
            }
            var r2 = runs.createRow(2);
            String[] rv2 = {"2023-x-regular", "2023", "91", "regular", "31/02/2023", "2022_2025"};
            for (int i = 0; i < rv2.length; i++) {
                r2.createCell(i).setCellValue(rv2[i]);
            }
            var hidden = wb.createSheet("form_b1");
            hidden.createRow(0).createCell(0).setCellValue("nháp — draft, must not be read");
            wb.setSheetHidden(wb.getSheetIndex(hidden), true);
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            try (var out = Files.newOutputStream(x.resolve("commune_30730.xlsx"))) {
                wb.write(out);
            }
        }
        byte[] whole = Files.readAllBytes(x.resolve("commune_30730.xlsx"));
        Files.write(x.resolve("truncated.xlsx"), java.util.Arrays.copyOf(whole, whole.length / 2));
    }

    /** Windows-1258 bytes: letters with circumflex, breve or horn are single bytes, tones are combining marks. */
    static byte[] cp1258(String text) {
        String d = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < d.length()) {
            StringBuilder base = new StringBuilder().append(d.charAt(i++));
            StringBuilder tones = new StringBuilder();
            while (i < d.length() && Character.getType(d.charAt(i)) == Character.NON_SPACING_MARK) {
                char m = d.charAt(i++);
                (m == '\u0302' || m == '\u0306' || m == '\u031B' ? base : tones).append(m);
            }
            b.append(java.text.Normalizer.normalize(base, java.text.Normalizer.Form.NFC)).append(tones);
        }
        return b.toString().getBytes(java.nio.charset.Charset.forName("windows-1258"));
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static Row quarantined(String file, long line) {
        Row r = quarantineByHousehold.get(file + "#" + line);
        assertNotNull(r, "no quarantine row for " + file + " line " + line);
        return r;
    }

    private static void assertReason(String file, long line, String field, String value, String reason) {
        Row r = quarantined(file, line);
        assertEquals(reason, r.getAs("reason"), "reason at " + file + ":" + line);
        assertEquals(field, r.getAs("field"), "field at " + file + ":" + line);
        assertEquals(value, r.getAs("value"), "value at " + file + ":" + line);
    }

    @Test
    void badInputCorpusGivesClearErrorsOrQuarantineAndReconciles() {
        String r = "household_roster/";
        // empty files: one row stands for the file
        assertReason(r + "empty.csv", 0, "_file", "the file is empty (0 bytes): no header, no rows", ReasonCodes.EMPTY_FILE);
        assertReason(r + "blank_lines.csv", 0, "_file", "the file has no header line, only blank lines", ReasonCodes.EMPTY_FILE);
        // truncated: the good row is staged, the cut one held with its cell counts
        assertTrue(staged("HH-trunc1"));
        Row cut = quarantined(r + "truncated.csv", 3);
        assertEquals(ReasonCodes.BAD_ROW_SHAPE, cut.getAs("reason"));
        assertTrue(((String) cut.getAs("value")).contains("the header has 20"), (String) cut.getAs("value"));
        // legacy encodings recognised and converted: the names arrive as Unicode (NFC)
        assertEquals(W1258_NAME, stagedName("HH-w1258"));
        assertEquals(TCVN3_NAME, stagedName("HH-tcvn3"));
        assertEquals(VNI_NAME, stagedName("HH-vni"));
        // an enormous line: the line is held, saying so; the row before it is staged
        assertTrue(staged("HH-big1"));
        Row big = quarantined(r + "enormous_line.csv", 3);
        assertEquals(ReasonCodes.LINE_TOO_LONG, big.getAs("reason"));
        assertTrue(((String) big.getAs("value")).contains("rest of the file"), (String) big.getAs("value"));
        assertEquals(ReasonCodes.TOO_LONG, quarantined(r + "long_name.csv", 2).getAs("reason"));
        // the same id in two communes of one run: both held as duplicates, nothing dropped silently
        assertReason(r + "dup_across_communes.csv", 2, "run_id+household_id", "2023-annual|HH-twin", ReasonCodes.DUPLICATE_KEY);
        assertReason(r + "dup_across_communes.csv", 3, "run_id+household_id", "2023-annual|HH-twin", ReasonCodes.DUPLICATE_KEY);
        // semicolons: the file is not comma-separated, so no required column is found — held, not guessed
        assertEquals(ReasonCodes.MISSING_COLUMN, quarantined(r + "semicolons.csv", 2).getAs("reason"));
        // Excel: title row passed over, formula's value read, hidden sheet ignored, dates as text parsed or held
        assertTrue(staged("HH-xlsx1"));
        assertEquals(4, (int) Staging.read(spark(), tmp.resolve("wh-fixtures").toString(), "stg_household_roster")
                .where(col("household_id").equalTo("HH-xlsx1")).first().getAs("members"));
        assertEquals(java.time.LocalDate.of(2023, 11, 15), Staging.read(spark(), tmp.resolve("wh-fixtures").toString(), "stg_review_runs")
                .where(col("run_id").equalTo("2023-x-annual")).first().<java.sql.Date>getAs("run_date").toLocalDate());
        assertReason("workbooks/commune_30730.xlsx", 3, "run_date", "31/02/2023", ReasonCodes.BAD_TYPE);
        assertFalse(fixtures.counts().stream().anyMatch(c -> c.recordType().equals("form_b1")
                && c.sourceFile().equals("workbooks/commune_30730.xlsx")), "the hidden sheet was not read");
        Row broken = quarantined("workbooks/truncated.xlsx", 0);
        assertEquals(ReasonCodes.UNREADABLE_FILE, broken.getAs("reason"));
        assertTrue(((String) broken.getAs("value")).startsWith("cannot read the workbook"), (String) broken.getAs("value"));
        // and every file still reconciles
        assertTrue(fixtures.balanced(), "rows read = accepted + quarantined for every file");
    }

    private static boolean staged(String household) {
        return Staging.read(spark(), tmp.resolve("wh-fixtures").toString(), "stg_household_roster")
                .where(col("household_id").equalTo(household)).count() == 1;
    }

    private static String stagedName(String household) {
        var rows = Staging.read(spark(), tmp.resolve("wh-fixtures").toString(), "stg_household_roster")
                .where(col("household_id").equalTo(household)).collectAsList();
        assertEquals(1, rows.size(), household + " staged");
        return rows.get(0).getAs("head_name");
    }

    @Test
    void everyReasonCodeHasAFixtureRow() {
        String f = "household_roster/roster.csv";
        assertReason(f, 4, "members", null, ReasonCodes.MISSING_REQUIRED);
        assertReason(f, 5, "members", "4o", ReasonCodes.BAD_TYPE);
        assertReason(f, 6, "members", "45", ReasonCodes.OUT_OF_RANGE);
        assertReason(f, 7, "review_basis", "walk_in", ReasonCodes.NOT_ALLOWED);
        assertReason(f, 8, "commune_code", "3073", ReasonCodes.BAD_FORMAT);
        assertReason(f, 9, "head_name", "A".repeat(130), ReasonCodes.TOO_LONG);
        assertReason(f, 10, "commune_code", "99999", ReasonCodes.UNKNOWN_COMMUNE);
        assertReason(f, 11, "head_ethnicity", "77", ReasonCodes.UNKNOWN_CODE);
        assertReason(f, 12, "run_id+household_id", "2023-annual|HH-dup", ReasonCodes.DUPLICATE_KEY);
        assertReason(f, 13, "run_id+household_id", "2023-annual|HH-dup", ReasonCodes.DUPLICATE_KEY);
        assertEquals(ReasonCodes.BAD_ROW_SHAPE, quarantined(f, 14).getAs("reason"));
        assertEquals(ReasonCodes.BAD_ENCODING, quarantined("household_roster/encoding.csv", 2).getAs("reason"));
        assertReason("household_roster/nocolumn.csv", 2, "members", null, ReasonCodes.MISSING_COLUMN);
        assertReason("income_viii/viii.csv", 3, "run_id+household_id", "2023-annual|HH-ghost",
                ReasonCodes.UNKNOWN_HOUSEHOLD);
        assertReason("income_viii/viii.csv", 4, "inc_crops", "1.500.000,5", ReasonCodes.BAD_TYPE);
        assertEquals(new java.util.TreeSet<>(ReasonCodes.DESCRIPTIONS.keySet()),
                new java.util.TreeSet<>(fixtures.quarantineByReason().keySet()), "every reason code is exercised");
    }

    @Test
    void validRowsAreStagedTypedAndVietnameseThousandsAreRead() {
        Dataset<Row> roster = Staging.read(spark(), tmp.resolve("wh-fixtures").toString(), "stg_household_roster");
        List<Row> ok = roster.where(col("household_id").equalTo("HH-ok1")).collectAsList();
        assertEquals(1, ok.size());
        assertEquals("30730", ok.get(0).getAs("commune_code"));
        assertEquals(4, (int) ok.get(0).getAs("members"));
        assertEquals(java.text.Normalizer.normalize("Nguyễn Văn An", java.text.Normalizer.Form.NFC),
                ok.get(0).getAs("head_name"));
        assertTrue(java.text.Normalizer.isNormalized(ok.get(0).getAs("head_name"), java.text.Normalizer.Form.NFC));
        assertEquals(2023, (int) ok.get(0).getAs("review_year"));
        Row viii = Staging.read(spark(), tmp.resolve("wh-fixtures").toString(), "stg_income_viii")
                .where(col("household_id").equalTo("HH-ok1")).first();
        assertEquals(1_500_000L, (long) viii.getAs("inc_crops"));
    }

    @Test
    void reportFieldsAreStagedAsCodeSetsAndAFileWithoutThemAsNotCollected() {
        Dataset<Row> roster = Staging.read(spark(), tmp.resolve("wh-fixtures").toString(), "stg_household_roster");
        Row rf1 = roster.where(col("household_id").equalTo("HH-rf1")).first();
        assertEquals(List.of("capital", "land"), rf1.getList(rf1.fieldIndex("poverty_causes")));
        assertEquals(List.of("credit", "health"), rf1.getList(rf1.fieldIndex("support_needs")));
        assertEquals(true, rf1.getAs("social_protection"));
        assertEquals(2, (int) rf1.getAs("children_under16"));
        assertEquals(1, (int) rf1.getAs("children_no_health_insurance"));
        assertEquals(0, (int) rf1.getAs("children_malnourished"));
        assertEquals(1, (int) rf1.getAs("children_out_of_school"));
        assertNull(rf1.getAs("sector"));
        // a file of the 1.0.0 contract: not collected (null), never an empty list or zero
        Row ok1 = roster.where(col("household_id").equalTo("HH-ok1")).first();
        for (String f : List.of("poverty_causes", "support_needs", "social_protection", "children_under16", "sector")) {
            assertNull(ok1.get(ok1.fieldIndex(f)), f + " of a file without the column");
        }
        assertReason("household_roster/report_fields.csv", 3, "poverty_causes",
                "capital;Thiếu vốn (not allowed: thiếu vốn; allowed: land, capital, labour, tools, knowledge, skills, illness, other)",
                ReasonCodes.NOT_ALLOWED);
        assertReason("household_roster/report_fields.csv", 4, "children_malnourished", "2", ReasonCodes.EXCEEDS_FIELD);
    }

    @Test
    void fixturesReconcile() {
        assertTrue(fixtures.balanced());
        // 13 roster lines + 1 + 1 in the other roster files, 3 income lines; the corpus: 15 roster rows (empty 1,
        // blank lines 1, truncated 2, three encodings 3, enormous line 2 (the line after it is not read), long name 1,
        // duplicates 2, semicolons 1, workbook 1, truncated workbook 1), review runs 3 (two from the workbook, one
        // for the truncated workbook), and one row per other record type for the truncated workbook (7)
        // and the four rows of the report-fields file
        assertEquals(18 + 15 + 3 + 7 + 4, fixtures.read());
        // ok1, vnnum (roster) and HH-ok1 (income); trunc1, the three encodings, big1, xlsx1 and one review run; rf1, rf4
        assertEquals(3 + 7 + 2, fixtures.accepted());
        assertEquals(46 - 11, fixtures.quarantined());
    }
}
