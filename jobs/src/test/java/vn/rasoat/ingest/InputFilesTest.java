package vn.rasoat.ingest;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.SparkTestBase;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every entry of an input folder is accounted for: compressed CSV and legacy .xls are read, other files are listed
 * as skipped with their size, a header-only file is listed with 0 rows, a zip named .csv says what it is, and a
 * link to a parent folder is reported as a loop while each physical file is read once. A run that accepted nothing
 * of a record type, or held every row of a file for one reason, warns and exits 4.
 */
class InputFilesTest extends SparkTestBase {
    private static final String ROSTER_HEADER = "run_id,review_year,province_code,district_code,commune_code,hamlet_code,"
            + "household_id,head_name,citizen_id,members,head_ethnicity,urban,no_working_capacity,meritorious_person,"
            + "female_head,farm_household,review_basis,origin,parent_household_id,recorded_status";
    private static final String GOOD = "2023-annual,2023,91,899,30730,T01,HH-%s,Nguyễn Văn An,091085123456,4,01,true,"
            + "false,false,false,false,on_list,continuing,,poor";
    private static final String VIII_HEADER = "run_id,review_year,commune_code,household_id,members,inc_crops,inc_livestock,"
            + "inc_forestry,inc_aquaculture,inc_salt,inc_nonfarm,inc_wages,inc_other,production_costs,social_assistance,"
            + "recorded_income_per_capita_month";

    @TempDir
    static Path tmp;
    static Path in;
    static IngestJob.Result result;
    static Map<String, IngestJob.FileCount> byFile;

    @BeforeAll
    static void ingest() throws IOException {
        in = tmp.resolve("in");
        Path r = in.resolve("household_roster");
        Files.createDirectories(r);
        Files.writeString(r.resolve("plain.csv"), ROSTER_HEADER + "\n" + GOOD.formatted("p1") + "\n" + GOOD.formatted("p2") + "\n");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(r.resolve("packed.csv.gz")))) {
            gz.write((ROSTER_HEADER + "\n" + GOOD.formatted("g1") + "\n" + GOOD.formatted("g2") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        try (HSSFWorkbook wb = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(r.resolve("legacy.xls"))) {
            var sheet = wb.createSheet("Danh sách hộ");
            String[] header = ROSTER_HEADER.split(",", -1);
            String[] row = GOOD.formatted("x1").split(",", -1);
            var h = sheet.createRow(0);
            var d = sheet.createRow(1);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
                if (!row[i].isEmpty()) {
                    d.createCell(i).setCellValue(row[i]);
                }
            }
            wb.write(out);
        }
        Files.writeString(r.resolve("notes.txt"), "received from the commune on 12/11/2023\n");
        Files.writeString(r.resolve("header_only.csv"), ROSTER_HEADER + "\n");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("roster.csv"));
            z.write((ROSTER_HEADER + "\n" + GOOD.formatted("z1") + "\n").getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        Files.write(r.resolve("zipped.csv"), zip.toByteArray());
        Files.createSymbolicLink(r.resolve("loop_up"), Path.of(".."));
        // a form for a household no roster has: nothing of income_viii is accepted
        Path v = in.resolve("income_viii");
        Files.createDirectories(v);
        Files.writeString(v.resolve("viii.csv"), VIII_HEADER + "\n"
                + "2023-annual,2023,30730,HH-ghost,4,1500000,0,0,0,0,0,80000000,0,500000,0,1700000\n");
        result = IngestJob.run(spark(), schemas(), in.toString(), tmp.resolve("wh").toString());
        byFile = result.counts().stream().collect(Collectors.toMap(IngestJob.FileCount::sourceFile, c -> c, (a, b) -> a));
    }

    @Test
    void everyEntryOfTheInputFolderIsInTheReconciliation() throws IOException {
        Set<String> entries = new TreeSet<>();
        try (Stream<Path> s = Files.walk(in)) { // does not follow links: the link itself is an entry
            s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(p -> entries.add(in.relativize(p).toString().replace('\\', '/')));
        }
        assertEquals(8, entries.size(), entries.toString());
        assertEquals(entries, new TreeSet<>(byFile.keySet()), "every file and link is listed, nothing else");
        List<Row> table = Staging.read(spark(), tmp.resolve("wh").toString(), IngestJob.RECONCILIATION)
                .where(col(IngestJob.INPUT_VERSION).equalTo(result.inputVersion())).collectAsList();
        assertEquals(entries, table.stream().map(x -> (String) x.getAs("source_file")).collect(Collectors.toCollection(TreeSet::new)),
                "the written reconciliation table lists them too");
        assertTrue(result.balanced());
        for (Row x : table) {
            assertEquals((long) x.getAs("rows_read"), (long) x.getAs("rows_accepted") + (long) x.getAs("rows_quarantined"),
                    "rows read = accepted + quarantined: " + x);
        }
    }

    @Test
    void compressedCsvAndLegacyXlsAreRead() {
        assertEquals(2, byFile.get("household_roster/packed.csv.gz").accepted());
        assertEquals(1, byFile.get("household_roster/legacy.xls").accepted());
        assertEquals(Set.of("HH-p1", "HH-p2", "HH-g1", "HH-g2", "HH-x1"),
                Staging.read(spark(), tmp.resolve("wh").toString(), "stg_household_roster").select("household_id")
                        .collectAsList().stream().map(x -> x.getString(0)).collect(Collectors.toSet()));
    }

    @Test
    void otherFilesAreListedAsSkippedWithTheirSize() throws IOException {
        IngestJob.FileCount txt = byFile.get("household_roster/notes.txt");
        assertEquals("skipped: not a data file", txt.note());
        assertEquals(Files.size(in.resolve("household_roster/notes.txt")), txt.sizeBytes());
        assertEquals(0, txt.read());
    }

    @Test
    void headerOnlyFileIsListedWithZeroRows() {
        IngestJob.FileCount h = byFile.get("household_roster/header_only.csv");
        assertEquals(0, h.read());
        assertEquals("household_roster", h.recordType());
    }

    @Test
    void aZipNamedCsvSaysSo() {
        List<Row> q = Staging.read(spark(), tmp.resolve("wh").toString(), IngestJob.QUARANTINE)
                .where(col("source_file").equalTo("household_roster/zipped.csv")).collectAsList();
        assertEquals(1, q.size(), "one row stands for the file, not one per missing column");
        assertEquals(ReasonCodes.UNREADABLE_FILE, q.get(0).getAs("reason"));
        assertEquals("not a text file: zip archive", q.get(0).getAs("value"));
    }

    @Test
    void aLinkToTheParentFolderIsReportedAndNothingIsReadTwice() {
        IngestJob.FileCount loop = byFile.get("household_roster/loop_up");
        assertTrue(loop.note().contains("loop"), loop.note());
        assertEquals(0, loop.read());
        assertFalse(result.quarantineByReason().containsKey(ReasonCodes.DUPLICATE_KEY), result.quarantineByReason().toString());
        long roster = result.counts().stream().filter(c -> c.recordType().equals("household_roster"))
                .mapToLong(IngestJob.FileCount::read).sum();
        assertEquals(2 + 2 + 1 + 1, roster, "plain, packed, legacy and the zip's one row: each file read once");
        assertTrue(byFile.keySet().stream().noneMatch(f -> f.contains("loop_up/")), byFile.keySet().toString());
    }

    @Test
    void nothingAcceptedOrAFileHeldForOneReasonWarnsWithStatus4() {
        assertTrue(result.warnings().stream().anyMatch(w -> w.startsWith("nothing accepted from income_viii")), result.warnings().toString());
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("household_roster/zipped.csv")
                && w.endsWith("unreadable_file")), result.warnings().toString());
        assertEquals(4, result.exitStatus());
        var ok = new IngestJob.FileCount("household_roster", "a.csv", 2, 1, 1);
        assertEquals(0, new IngestJob.Result("v", List.of(ok), Map.of(), List.of()).exitStatus());
        assertEquals(3, new IngestJob.Result("v", List.of(new IngestJob.FileCount("household_roster",
                "a.csv", 2, 1, 0)), Map.of(), List.of("w")).exitStatus(), "not balancing outranks a warning");
    }
}
