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

/** Ingest on generated provinces: 1 % dirt reconciles with a reason per held row; CSV, XLSX and Parquet stage alike
 * (integration tier). */
class IngestGeneratedIT extends SparkTestBase {
    @TempDir
    static Path tmp;

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
        Dataset<Row> q = Staging.read(spark(), tmp.resolve("wh-dirty").toString(), "quarantine")
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
        Path gen = commune30730();
        Path workbook = XlsxExport.write(schemas(), gen.toString(), "30730", 2023);
        Path xlsxIn = tmp.resolve("xl-in");
        Files.createDirectories(xlsxIn);
        Files.copy(workbook, xlsxIn.resolve("30730_2023.xlsx"));
        IngestJob.Result fromXlsx = IngestJob.run(spark(), schemas(), xlsxIn.toString(), tmp.resolve("wh-xlsx").toString());
        assertTrue(fromXlsx.balanced());
        assertEquals(0, fromXlsx.quarantined());
        int compared = 0;
        for (String type : Contracts.RECORD_TYPES) {
            Contracts contracts = Contracts.load(schemas());
            String[] cols = contracts.get(type).fieldNames().toArray(String[]::new);
            String year = contracts.get(type).partitionColumn();
            Dataset<Row> csv = Staging.read(spark(), tmp.resolve("wh-csv").toString(), "stg_" + type)
                    .where(col(year).equalTo(2023)).where(type.equals("review_runs") ? col("province_code").equalTo("91")
                            : col("commune_code").equalTo("30730")).selectExpr(cols);
            Dataset<Row> xlsx = Staging.read(spark(), tmp.resolve("wh-xlsx").toString(), "stg_" + type)
                    .selectExpr(cols);
            // the same rows: count, XOR and modular sum of a hash of every row (one query a side)
            String sum = vn.rasoat.marts.MartChecksums.of(csv);
            assertEquals(sum, vn.rasoat.marts.MartChecksums.of(xlsx), type + ": the XLSX staging differs from the CSV's");
            assertEquals(csv.schema(), xlsx.schema(), type);
            compared += Integer.parseInt(sum.substring(0, sum.indexOf('/')));
        }
        assertTrue(compared > 100, "compared " + compared + " rows");
        assertFalse(fromXlsx.counts().isEmpty());
    }

    /** Parquet input: the same records written as Parquet (all text, as an export would) stage like the CSV. */
    @Test
    void parquetInputStagesLikeCsv() {
        Path gen = commune30730();
        Contracts contracts = Contracts.load(schemas());
        Path pqIn = tmp.resolve("pq-in");
        for (String type : List.of("review_runs", "household_roster", "form_b2")) {
            spark().read().option("header", "true").schema(contracts.get(type).rawSchema())
                    .csv(gen.resolve(type).toString())
                    .write().parquet(pqIn.resolve(type).toString());
        }
        IngestJob.Result fromPq = IngestJob.run(spark(), schemas(), pqIn.toString(), tmp.resolve("wh-pq").toString());
        assertTrue(fromPq.balanced());
        assertEquals(0, fromPq.quarantined());
        for (String type : List.of("review_runs", "household_roster", "form_b2")) {
            String[] cols = contracts.get(type).fieldNames().toArray(String[]::new);
            Dataset<Row> a = Staging.read(spark(), tmp.resolve("wh-csv").toString(), "stg_" + type).selectExpr(cols);
            Dataset<Row> b = Staging.read(spark(), tmp.resolve("wh-pq").toString(), "stg_" + type).selectExpr(cols);
            String sum = vn.rasoat.marts.MartChecksums.of(a);
            assertFalse(sum.startsWith("0/"), type + ": rows staged from the CSV");
            assertEquals(sum, vn.rasoat.marts.MartChecksums.of(b), type + ": the Parquet staging differs from the CSV's");
        }
        assertTrue(fromPq.counts().stream().allMatch(c -> c.sourceFile().endsWith(".parquet")));
        Row first = Staging.read(spark(), tmp.resolve("wh-pq").toString(), "stg_household_roster")
                .orderBy("source_file", "source_row").first();
        assertEquals(1L, (long) first.getAs("source_row"), "Parquet rows are numbered from 1 within their file");
    }

    /** Ward 30730's generated records (2022 and 2023) as CSV, and their warehouse {@code wh-csv}: generated and
     * ingested once, for the XLSX and the Parquet comparisons. */
    private static synchronized Path commune30730() {
        Path gen = tmp.resolve("ward-30730");
        if (!Files.exists(tmp.resolve("wh-csv"))) {
            GenerateJob.run(spark(), schemas(), new GenerateJob.Options(List.of("91"), null, List.of("30730"), 2022,
                    List.of(2022, 2023), 9, 0.3, 0, gen.toString(), 1));
            assertTrue(IngestJob.run(spark(), schemas(), gen.toString(), tmp.resolve("wh-csv").toString()).balanced());
        }
        return gen;
    }
}
