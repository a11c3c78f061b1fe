package vn.rasoat.analysis.recheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import vn.rasoat.ingest.Staging;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.io.WarehouseLayout;
import vn.rasoat.marts.MartsJob;
import vn.rasoat.marts.Pseudonyms;
import vn.rasoat.marts.Snapshots;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.when;

/**
 * {@code rasoat recheck plan}: a stratified random sample of a unit's reviewed households for field re-verification
 * (phúc tra). Strata: district × recorded status (poor, near-poor, middle, not poor, screened out) × whether the
 * diagnostics flag the commune; allocation proportional to size, flagged communes counted {@code factor} times, at
 * least {@code minimum} per stratum ({@link Allocation}); within a stratum a simple random sample drawn by the order of
 * a hash of the seed and the household id (the same seed gives the same list). Households the review could not
 * classify (forms held) are not drawn: they have no recorded status to verify; their number is printed.
 *
 * <p>Writes the field list (XLSX and CSV, with commune, hamlet and the head's name from staging) and a results
 * template into {@code out}, never into the marts; and the design (strata sizes, allocation, inclusion
 * probabilities, weights) and the sample under keyed pseudonyms into {@code <warehouse>/recheck/<plan id>/}.
 */
public final class RecheckPlan {
    public static final String AREA = "recheck";
    /** The results a re-verifier fills in (the contract of {@code schemas/inputs/recheck_results.json}). */
    public static final List<String> RESULT_COLUMNS = List.of("plan_id", "household_id", "recheck_date",
            "reverified_status", "reverified_score_a", "reverified_score_b", "reviewer");

    public record Options(String unit, int year, int size, long seed, int minimum, double flaggedFactor, Path out) {
    }

    public record Plan(String id, long population, long notScored, Map<String, long[]> strata, List<Path> files,
                       String designDir) {
    }

    private RecheckPlan() {
    }

    public static String planId(Options o) {
        return o.unit() + "_" + o.year() + "_n" + o.size() + "_s" + o.seed();
    }

    public static String designDir(String warehouse, String planId) {
        return WarehouseLayout.area(warehouse, AREA) + "/" + planId;
    }

    public static Plan run(SparkSession spark, SchemaSource source, String warehouse, Options o) {
        Path marts = Path.of(WarehouseLayout.marts(warehouse)).toAbsolutePath().normalize();
        if (o.out().toAbsolutePath().normalize().startsWith(marts)) {
            throw new IllegalArgumentException("the field list holds names: write it outside the marts (--out)");
        }
        String unitColumn = switch (o.unit().length()) {
            case 2 -> "province_code";
            case 3 -> "district_code";
            case 5 -> "commune_code";
            default -> throw new IllegalArgumentException("--unit: a province (2 digits), district (3) or commune (5) code");
        };
        Dataset<org.apache.spark.sql.Row> all = spark.read().parquet(WarehouseLayout.scored(warehouse));
        var official = Snapshots.officialRuns(all.where(col("review_year").equalTo(o.year())),
                Staging.readOptional(spark, warehouse, "stg_review_runs"), vn.rasoat.rules.Rulebooks.load(source)).get(o.year());
        if (official == null) {
            throw new IllegalArgumentException("the warehouse has no official annual review of " + o.year());
        }
        Dataset<org.apache.spark.sql.Row> reviewed = all.where(col("review_year").equalTo(o.year())
                .and(col("run_id").equalTo(official.runId())).and(col(unitColumn).equalTo(o.unit())));
        long notScored = reviewed.where(col("status").equalTo("not_scored")).count();
        // the communes the diagnostics flag in the year (any flag)
        List<String> flagged = MartsJob.read(spark, warehouse, "mart_diagnostics")
                .where(col("review_year").equalTo(o.year()).and(col("official")).and(col("flags").gt(0)))
                .select("commune_code").distinct().collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
        Column district = coalesce(col("district_code"), col("province_code"));
        Column isFlagged = col("commune_code").isin(flagged.toArray());
        Dataset<org.apache.spark.sql.Row> population = reviewed.where(col("status").isin(RecheckEstimator.STATUSES.toArray()))
                .select(col("run_id"), col("household_id"), col("commune_code"), col("hamlet_code"), col("members"),
                        col("status"), district.as("district"), isFlagged.as("flagged"))
                .withColumn("stratum", concat_ws("|", col("district"), col("status"),
                        when(col("flagged"), lit("flagged")).otherwise(lit("other"))))
                .localCheckpoint();
        Map<String, Allocation.Stratum> sizes = new TreeMap<>();
        for (org.apache.spark.sql.Row r : population.groupBy("stratum", "flagged").count().collectAsList()) {
            sizes.put(r.getString(0), new Allocation.Stratum(r.getLong(2), r.getBoolean(1) ? o.flaggedFactor() : 1.0));
        }
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("no reviewed household with a recorded status in " + o.unit() + ", " + o.year());
        }
        Map<String, Integer> n = Allocation.allocate(sizes, o.size(), o.minimum());
        List<org.apache.spark.sql.Row> rows = new ArrayList<>();
        Map<String, long[]> strata = new LinkedHashMap<>();
        for (Map.Entry<String, Allocation.Stratum> e : sizes.entrySet()) {
            long big = e.getValue().households();
            int small = n.get(e.getKey());
            strata.put(e.getKey(), new long[]{big, small});
            rows.add(RowFactory.create(e.getKey(), big, (long) small, (double) small / big, small == 0 ? null : (double) big / small));
        }
        Dataset<org.apache.spark.sql.Row> design = spark.createDataFrame(rows, new StructType().add("stratum", "string")
                .add("households", "long").add("sample_size", "long").add("inclusion_probability", "double")
                .add("weight", "double"));
        Dataset<org.apache.spark.sql.Row> sample = population
                .withColumn("_order", sha2(concat_ws("|", lit(String.valueOf(o.seed())), col("household_id")), 256))
                .withColumn("_rank", row_number().over(Window.partitionBy("stratum").orderBy(col("_order"), col("household_id"))))
                .join(broadcast(design), "stratum")
                .where(col("_rank").leq(col("sample_size")))
                .drop("_order", "_rank")
                .localCheckpoint();
        String id = planId(o);
        String dir = designDir(warehouse, id);
        refuseOtherPlanOfTheSameId(dir, id, o, official.runId());
        design.withColumn("plan_id", lit(id)).coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir + "/design");
        Pseudonyms pseudonyms = Pseudonyms.fromEnvironment();
        sample.select(lit(id).as("plan_id"), pseudonyms.hmac(col("household_id")).as("household_key"), col("stratum"),
                        col("district"), col("commune_code"), col("status").as("recorded_status"), col("flagged"),
                        col("inclusion_probability"), col("weight"))
                .coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir + "/sample");
        writeParameters(dir, id, o, official.runId(), flagged);
        List<Path> files = fieldList(spark, warehouse, sample, o, id);
        return new Plan(id, sizes.values().stream().mapToLong(Allocation.Stratum::households).sum(), notScored, strata,
                files, dir);
    }

    /** A plan folder of the same id is only ever rewritten by the same draw (same parameters, same run). */
    private static void refuseOtherPlanOfTheSameId(String dir, String id, Options o, String run) {
        Path json = Path.of(dir, "plan.json");
        if (!Files.exists(json)) {
            return;
        }
        try {
            var p = new ObjectMapper().readTree(Files.readString(json));
            boolean same = p.path("unit").asText().equals(o.unit()) && p.path("review_year").asInt() == o.year()
                    && p.path("size").asInt() == o.size() && p.path("seed").asLong() == o.seed()
                    && p.path("minimum_per_stratum").asInt() == o.minimum()
                    && p.path("flagged_factor").asDouble() == o.flaggedFactor() && p.path("run_id").asText().equals(run);
            if (!same) {
                throw new IllegalArgumentException("the warehouse holds another plan " + id + " (" + json + ": other "
                        + "--min-per-stratum, --flagged-factor or review run); its field lists would no longer match: "
                        + "draw with another --seed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json, e);
        }
    }

    /** The review run a plan was drawn from (its plan.json). */
    public static String runOf(String warehouse, String planId) {
        Path json = Path.of(designDir(warehouse, planId), "plan.json");
        try {
            return new ObjectMapper().readTree(Files.readString(json)).path("run_id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json, e);
        }
    }

    private static void writeParameters(String dir, String id, Options o, String run, List<String> flagged) {
        ObjectNode p = new ObjectMapper().createObjectNode();
        p.put("plan_id", id);
        p.put("unit", o.unit());
        p.put("review_year", o.year());
        p.put("run_id", run);
        p.put("size", o.size());
        p.put("seed", o.seed());
        p.put("minimum_per_stratum", o.minimum());
        p.put("flagged_factor", o.flaggedFactor());
        p.putPOJO("flagged_communes", flagged);
        try {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, "plan.json"), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + "/plan.json", e);
        }
    }

    static String label(String status) {
        return switch (status) {
            case "poor" -> "Hộ nghèo";
            case "near_poor" -> "Hộ cận nghèo";
            case "middle" -> "Hộ có mức sống trung bình";
            case "not_poor" -> "Không nghèo";
            case "screened_out" -> "Không vào danh sách rà soát (phiếu A)";
            default -> status;
        };
    }

    /** The field list (names from staging): XLSX and CSV, and the results template, in {@code out}. */
    private static List<Path> fieldList(SparkSession spark, String warehouse, Dataset<org.apache.spark.sql.Row> sample,
                                        Options o, String id) {
        Dataset<org.apache.spark.sql.Row> roster = Staging.read(spark, warehouse, "stg_household_roster")
                .where(col("review_year").equalTo(o.year())).select("run_id", "household_id", "head_name");
        Dataset<org.apache.spark.sql.Row> lines = sample.join(roster,
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("run_id", "household_id")).toSeq(), "left");
        Dataset<org.apache.spark.sql.Row> staged = Staging.readOptional(spark, warehouse, "stg_hamlets");
        if (staged != null) {
            lines = lines.join(staged.where(col("reference_year").equalTo(o.year()))
                            .select(col("commune_code").as("_c"), col("hamlet_code").as("_h"), col("hamlet_name")),
                    col("commune_code").equalTo(col("_c")).and(col("hamlet_code").equalTo(col("_h"))), "left")
                    .withColumn("hamlet", coalesce(col("hamlet_name"), col("hamlet_code")));
        } else {
            lines = lines.withColumn("hamlet", col("hamlet_code"));
        }
        List<String> heads = List.of("STT", "Mã xã", "Thôn", "Mã hộ", "Họ tên chủ hộ", "Số nhân khẩu", "Kết quả rà soát đã ghi",
                "Tầng mẫu", "Xác suất chọn", "Kết quả phúc tra", "Điểm A phúc tra", "Điểm B phúc tra", "Ngày phúc tra",
                "Người phúc tra");
        Path xlsx = o.out().resolve("phuc_tra_" + id + ".xlsx");
        Path csv = o.out().resolve("phuc_tra_" + id + ".csv");
        Path template = o.out().resolve("ket_qua_phuc_tra_" + id + ".csv");
        StringBuilder c = new StringBuilder(vn.rasoat.io.SpreadsheetCsv.BOM).append(String.join(",", heads)).append("\r\n");
        StringBuilder t = new StringBuilder(String.join(",", RESULT_COLUMNS)).append("\r\n");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet s = wb.createSheet("Phúc tra " + o.year());
            s.createRow(0).createCell(0).setCellValue("DANH SÁCH HỘ PHÚC TRA KẾT QUẢ RÀ SOÁT NĂM " + o.year()
                    + " — đơn vị " + o.unit() + " — mẫu " + id);
            s.createRow(1).createCell(0).setCellValue("Mẫu ngẫu nhiên phân tầng (huyện × kết quả đã ghi). Có chứa dữ liệu "
                    + "cá nhân: chỉ dùng cho đoàn phúc tra. Ghi kết quả vào tệp ket_qua_phuc_tra_" + id + ".csv "
                    + "(mã kết quả: poor, near_poor, middle, not_poor, screened_out).");
            Row h = s.createRow(3);
            for (int i = 0; i < heads.size(); i++) {
                h.createCell(i).setCellValue(heads.get(i));
            }
            Iterator<org.apache.spark.sql.Row> it = lines.select("commune_code", "hamlet", "household_id", "head_name",
                            "members", "status", "stratum", "inclusion_probability")
                    .orderBy("commune_code", "hamlet", "household_id").toLocalIterator();
            int k = 0;
            while (it.hasNext()) {
                org.apache.spark.sql.Row r = it.next();
                k++;
                Row x = s.createRow(3 + k);
                x.createCell(0).setCellValue(k);
                x.createCell(1).setCellValue(r.getString(0));
                x.createCell(2).setCellValue(r.getString(1));
                x.createCell(3).setCellValue(r.getString(2));
                x.createCell(4).setCellValue(r.isNullAt(3) ? "" : r.getString(3));
                x.createCell(5).setCellValue(((Number) r.get(4)).intValue());
                x.createCell(6).setCellValue(label(r.getString(5)));
                x.createCell(7).setCellValue(r.getString(6));
                x.createCell(8).setCellValue(String.format(java.util.Locale.forLanguageTag("vi"), "%.4f", r.getDouble(7)));
                c.append(k).append(',').append(q(r.getString(0))).append(',').append(q(r.getString(1))).append(',')
                        .append(q(r.getString(2))).append(',').append(q(r.isNullAt(3) ? "" : r.getString(3))).append(',')
                        .append(r.get(4)).append(',').append(q(label(r.getString(5)))).append(',').append(q(r.getString(6)))
                        .append(',').append(String.format(java.util.Locale.ROOT, "%.6f", r.getDouble(7))).append(",,,,,\r\n");
                // the id as it is (ids are letters, digits, _ and -): a formula guard here would not come back as the id
                t.append(id).append(',').append(r.getString(2)).append(",,,,,\r\n");
            }
            for (int i = 0; i < heads.size(); i++) {
                s.setColumnWidth(i, (i == 4 ? 30 : 15) * 256);
            }
            Files.createDirectories(o.out());
            try (OutputStream out = Files.newOutputStream(xlsx)) {
                wb.write(out);
            }
            Files.writeString(csv, c, StandardCharsets.UTF_8);
            Files.writeString(template, t, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the field list under " + o.out(), e);
        }
        return List.of(xlsx, csv, template);
    }

    private static String q(String s) {
        return vn.rasoat.io.SpreadsheetCsv.cell(s);
    }
}
