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
        fixtures = IngestJob.run(spark(), schemas(), in.toString(), tmp.resolve("wh-fixtures").toString());
        spark().read().parquet(tmp.resolve("wh-fixtures/staging/quarantine").toString())
                .where(col(IngestJob.INPUT_VERSION).equalTo(fixtures.inputVersion())).collectAsList()
                .forEach(r -> quarantineByHousehold.put(r.getAs("source_file") + "#" + r.getAs("source_row"), r));
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
        Dataset<Row> roster = spark().read().parquet(tmp.resolve("wh-fixtures/staging/stg_household_roster").toString());
        List<Row> ok = roster.where(col("household_id").equalTo("HH-ok1")).collectAsList();
        assertEquals(1, ok.size());
        assertEquals("30730", ok.get(0).getAs("commune_code"));
        assertEquals(4, (int) ok.get(0).getAs("members"));
        assertEquals(java.text.Normalizer.normalize("Nguyễn Văn An", java.text.Normalizer.Form.NFC),
                ok.get(0).getAs("head_name"));
        assertTrue(java.text.Normalizer.isNormalized(ok.get(0).getAs("head_name"), java.text.Normalizer.Form.NFC));
        assertEquals(2023, (int) ok.get(0).getAs("review_year"));
        Row viii = spark().read().parquet(tmp.resolve("wh-fixtures/staging/stg_income_viii").toString())
                .where(col("household_id").equalTo("HH-ok1")).first();
        assertEquals(1_500_000L, (long) viii.getAs("inc_crops"));
    }

    @Test
    void fixturesReconcile() {
        assertTrue(fixtures.balanced());
        // 13 roster lines + 1 + 1 in the other roster files, 3 income lines
        assertEquals(18, fixtures.read());
        assertEquals(3, fixtures.accepted()); // ok1, vnnum (roster) and HH-ok1 (income)
        assertEquals(15, fixtures.quarantined());
    }

    @Test
    void dirtyGeneratedDataReconcilesAndEveryQuarantinedRowHasAReason() {
        String in = tmp.resolve("dirty").toString();
        GenerateJob.Result g = GenerateJob.run(spark(), schemas(), new GenerateJob.Options(List.of("91"),
                List.of("906"), null, 2022, List.of(2022, 2023), 3, 0.3, 0.01, in, 2));
        IngestJob.Result r = IngestJob.run(spark(), schemas(), in, tmp.resolve("wh-dirty").toString());
        assertTrue(r.balanced(), "rows read = accepted + quarantined per file");
        // the generator counts what it wrote, duplicated rows included
        long generated = g.rows().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(generated, r.read());
        assertTrue(r.quarantined() > 0);
        Dataset<Row> q = spark().read().parquet(tmp.resolve("wh-dirty/staging/quarantine").toString())
                .where(col(IngestJob.INPUT_VERSION).equalTo(r.inputVersion()));
        assertEquals(r.quarantined(), q.count());
        assertEquals(0, q.where(col("reason").isNull().or(col("source_file").isNull())
                .or(col("source_row").isNull())).count());
        for (String reason : List.of(ReasonCodes.MISSING_REQUIRED, ReasonCodes.OUT_OF_RANGE, ReasonCodes.BAD_TYPE,
                ReasonCodes.UNKNOWN_COMMUNE, ReasonCodes.DUPLICATE_KEY, ReasonCodes.UNKNOWN_HOUSEHOLD)) {
            assertTrue(r.quarantineByReason().getOrDefault(reason, 0L) > 0, "no " + reason + " in " + r.quarantineByReason());
        }
    }

    @Test
    void sameRecordsFromCsvAndXlsxStageIdentically() throws IOException {
        Path gen = tmp.resolve("xl");
        GenerateJob.run(spark(), schemas(), new GenerateJob.Options(List.of("91"), null, List.of("30730"), 2022,
                List.of(2022, 2023), 9, 0.3, 0, gen.toString(), 1));
        Path workbook = XlsxExport.write(schemas(), gen.toString(), "30730", 2023);
        Path xlsxIn = tmp.resolve("xl-in");
        Files.createDirectories(xlsxIn);
        Files.copy(workbook, xlsxIn.resolve("30730_2023.xlsx"));
        IngestJob.Result fromCsv = IngestJob.run(spark(), schemas(), gen.toString(), tmp.resolve("wh-csv").toString());
        IngestJob.Result fromXlsx = IngestJob.run(spark(), schemas(), xlsxIn.toString(), tmp.resolve("wh-xlsx").toString());
        assertTrue(fromCsv.balanced() && fromXlsx.balanced());
        assertEquals(0, fromXlsx.quarantined());
        int compared = 0;
        for (String type : Contracts.RECORD_TYPES) {
            Contracts contracts = Contracts.load(schemas());
            String[] cols = contracts.get(type).fieldNames().toArray(String[]::new);
            String year = contracts.get(type).partitionColumn();
            Dataset<Row> csv = spark().read().parquet(tmp.resolve("wh-csv/staging/stg_" + type).toString())
                    .where(col(year).equalTo(2023)).where(type.equals("review_runs") ? col("province_code").equalTo("91")
                            : col("commune_code").equalTo("30730")).selectExpr(cols);
            Dataset<Row> xlsx = spark().read().parquet(tmp.resolve("wh-xlsx/staging/stg_" + type).toString())
                    .selectExpr(cols);
            assertEquals(csv.count(), xlsx.count(), type);
            assertEquals(0, csv.exceptAll(xlsx).count(), type + ": CSV rows missing from XLSX staging");
            assertEquals(0, xlsx.exceptAll(csv).count(), type + ": XLSX rows missing from CSV staging");
            assertEquals(csv.schema(), xlsx.schema(), type);
            compared += (int) csv.count();
        }
        assertTrue(compared > 100, "compared " + compared + " rows");
        assertFalse(fromXlsx.counts().isEmpty());
    }

    /** Parquet input: the same records written as Parquet (all text, as an export would) stage like the CSV. */
    @Test
    void parquetInputStagesLikeCsv() {
        Path gen = tmp.resolve("pq");
        GenerateJob.run(spark(), schemas(), new GenerateJob.Options(List.of("91"), null, List.of("30733"), 2022,
                List.of(2023), 9, 0.3, 0, gen.toString(), 1));
        Contracts contracts = Contracts.load(schemas());
        Path pqIn = tmp.resolve("pq-in");
        for (String type : List.of("review_runs", "household_roster", "form_b2")) {
            spark().read().option("header", "true").schema(contracts.get(type).rawSchema())
                    .csv(gen.resolve(type).toString())
                    .write().parquet(pqIn.resolve(type).toString());
        }
        IngestJob.Result fromCsv = IngestJob.run(spark(), schemas(), gen.toString(), tmp.resolve("wh-pq-csv").toString());
        IngestJob.Result fromPq = IngestJob.run(spark(), schemas(), pqIn.toString(), tmp.resolve("wh-pq").toString());
        assertTrue(fromPq.balanced());
        assertEquals(0, fromPq.quarantined());
        for (String type : List.of("review_runs", "household_roster", "form_b2")) {
            String[] cols = contracts.get(type).fieldNames().toArray(String[]::new);
            Dataset<Row> a = spark().read().parquet(tmp.resolve("wh-pq-csv/staging/stg_" + type).toString()).selectExpr(cols);
            Dataset<Row> b = spark().read().parquet(tmp.resolve("wh-pq/staging/stg_" + type).toString()).selectExpr(cols);
            assertTrue(a.count() > 0, type);
            assertEquals(0, a.exceptAll(b).count(), type);
            assertEquals(0, b.exceptAll(a).count(), type);
        }
        assertTrue(fromPq.counts().stream().allMatch(c -> c.sourceFile().endsWith(".parquet")));
        Row first = spark().read().parquet(tmp.resolve("wh-pq/staging/stg_household_roster").toString())
                .orderBy("source_file", "source_row").first();
        assertEquals(1L, (long) first.getAs("source_row"), "Parquet rows are numbered from 1 within their file");
    }
}
