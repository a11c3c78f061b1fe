package vn.rasoat.analysis.recheck;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.SparkSession;
import vn.rasoat.contracts.Contracts;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.marts.MartsJob;
import vn.rasoat.marts.Pseudonyms;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;

/**
 * {@code rasoat recheck report}: the re-verification results of a plan ({@link RecheckPlan}) against what the review
 * recorded, estimated for the unit and for each district with the plan's design ({@link RecheckEstimator}): the
 * share of households whose status changes, the confusion matrix, the corrected counts and rates of poor and
 * near-poor households with their intervals, and the strata that drive the error. Prints them and writes a CSV (one
 * figure per row) and an XLSX workbook, plus the held rows of the results file, into {@code out}.
 */
public final class RecheckReport {
    public record Unit(String level, String code, RecheckEstimator.Result result, Long householdsTotal) {
    }

    /** What the official rates say of a unit: its households and the versions of the review re-checked. */
    record Official(Long householdsTotal, String rulebookVersion, String inputVersion) {
    }

    public record Report(String planId, RecheckResults.Read read, List<Unit> units, List<Path> files) {
    }

    private RecheckReport() {
    }

    public static Report run(SparkSession spark, SchemaSource source, String warehouse, String planId, Path results,
                             double confidence, Path out) {
        String dir = RecheckPlan.designDir(warehouse, planId);
        if (!Files.isDirectory(Path.of(dir, "sample"))) {
            throw new IllegalArgumentException("no re-check plan " + planId + " in " + warehouse
                    + " (rasoat recheck plan writes it under " + dir + ")");
        }
        Map<String, long[]> design = new TreeMap<>();
        for (org.apache.spark.sql.Row r : spark.read().parquet(dir + "/design").collectAsList()) {
            design.put(r.getAs("stratum"), new long[]{r.<Long>getAs("households"), r.<Long>getAs("sample_size")});
        }
        // the sample under pseudonyms: the results' household ids are keyed the same way to find their stratum
        Map<String, String[]> sample = new HashMap<>();
        for (org.apache.spark.sql.Row r : spark.read().parquet(dir + "/sample").collectAsList()) {
            sample.put(r.getAs("household_key"), new String[]{r.getAs("stratum"), r.getAs("recorded_status"), r.getAs("district")});
        }
        Pseudonyms pseudonyms = Pseudonyms.fromEnvironment();
        Map<String, String> keyOf = new HashMap<>();
        RecheckResults.Read read;
        {
            // read once to learn the ids, then check them against the sample by their pseudonyms
            var contract = Contracts.loadOne(source, "recheck_results");
            List<Map<String, String>> raw;
            try (var in = Files.newInputStream(results)) {
                raw = vn.rasoat.io.SimpleCsv.read(in, results.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the re-check results " + results + ": " + e.getMessage(), e);
            }
            java.util.Set<String> known = new java.util.HashSet<>();
            for (Map<String, String> r : raw) {
                String id = r.get("household_id");
                if (id != null && !id.isBlank()) {
                    String k = pseudonyms.hmac(id.strip());
                    keyOf.put(id.strip(), k);
                    if (sample.containsKey(k)) {
                        known.add(id.strip());
                    }
                }
            }
            read = RecheckResults.read(results, contract, planId, Integer.parseInt(planId.split("_")[1]), known);
        }
        if (read.accepted().isEmpty()) {
            throw new IllegalArgumentException("no row of " + results + " is a household of plan " + planId + " ("
                    + read.held().size() + " held, see the reasons with --out): nothing to estimate. If every row is held "
                    + "as unknown_household, the plan was drawn with another pseudonym key (RASOAT_PSEUDONYM_KEY)");
        }
        String unit = planId.substring(0, planId.indexOf('_'));
        int year = Integer.parseInt(planId.split("_")[1]);
        String run = RecheckPlan.runOf(warehouse, planId);
        List<String> officialNow = MartsJob.read(spark, warehouse, "mart_rates").where(col("review_year").equalTo(year)
                        .and(col("official")).and(col("snapshot").startsWith("annual_")))
                .select("snapshot").distinct().collectAsList().stream().map(r -> r.getString(0).substring("annual_".length())).toList();
        if (!officialNow.equals(List.of(run))) {
            throw new IllegalArgumentException("plan " + planId + " was drawn from review run " + run + ", and the year's "
                    + "official review is now " + officialNow + ": its estimates would mix two reviews (draw a new plan)");
        }
        Map<String, List<String>> reverified = new HashMap<>();
        for (RecheckResults.Result r : read.accepted()) {
            reverified.computeIfAbsent(sample.get(keyOf.get(r.householdId()))[0], k -> new ArrayList<>()).add(r.status());
        }
        List<RecheckEstimator.StratumData> all = new ArrayList<>();
        for (Map.Entry<String, long[]> e : design.entrySet()) {
            String[] parts = e.getKey().split("\\|");
            all.add(new RecheckEstimator.StratumData(e.getKey(), parts[0], parts[1], e.getValue()[0],
                    reverified.getOrDefault(e.getKey(), List.of())));
        }
        Map<String, Official> totals = official(spark, warehouse, year);
        List<Unit> units = new ArrayList<>();
        String level = unit.length() == 2 ? "province" : unit.length() == 3 ? "district" : "commune";
        units.add(new Unit(level, unit, RecheckEstimator.estimate(all, confidence), households(totals, unit)));
        if (level.equals("province")) {
            TreeSet<String> districts = new TreeSet<>();
            all.forEach(s -> districts.add(s.district()));
            for (String d : districts) {
                if (d.equals(unit)) {
                    continue; // a year without districts: the province is its own only stratum group
                }
                units.add(new Unit("district", d, RecheckEstimator.estimate(
                        all.stream().filter(s -> s.district().equals(d)).toList(), confidence), households(totals, d)));
            }
        }
        List<Path> files = write(out, planId, confidence, read, units);
        Map<String, Long> sampled = new HashMap<>();
        for (String[] v : sample.values()) {
            sampled.merge(v[2], 1L, Long::sum);
        }
        publish(spark, source, warehouse, planId, year, unit, confidence, units, totals, sampled);
        return new Report(planId, read, units, files);
    }

    /** The households of each unit in the year's official results (the denominator of a rate) and their versions. */
    private static Map<String, Official> official(SparkSession spark, String warehouse, int year) {
        Map<String, Official> out = new HashMap<>();
        MartsJob.read(spark, warehouse, "mart_rates").where(col("review_year").equalTo(year).and(col("official"))
                        .and(col("breakdown").equalTo("all")).and(col("snapshot").startsWith("annual_"))
                        .and(col("level").isin("province", "district", "commune")))
                .select("unit_code", "households_total", "rulebook_version", "input_version").collectAsList()
                .forEach(r -> out.put(r.getString(0), new Official(r.isNullAt(1) ? null : r.getLong(1), r.getString(2),
                        r.getString(3))));
        return out;
    }

    private static Long households(Map<String, Official> official, String unit) {
        Official o = official.get(unit);
        return o == null ? null : o.householdsTotal();
    }

    /** {@code mart_recheck}: one row per unit, published like the marts (partitions review year and plan). */
    private static void publish(SparkSession spark, SchemaSource source, String warehouse, String planId, int year,
                                String unit, double confidence, List<Unit> units, Map<String, Official> official,
                                Map<String, Long> sampled) {
        vn.rasoat.contracts.MartContract contract = vn.rasoat.contracts.MartContract.load(source, "mart_recheck");
        String ddl = String.join(", ", contract.columns().stream().map(c -> "`" + c.name() + "` " + c.type()).toList());
        org.apache.spark.sql.types.StructType schema = org.apache.spark.sql.types.StructType.fromDDL(ddl);
        List<org.apache.spark.sql.Row> rows = new ArrayList<>();
        for (Unit u : units) {
            RecheckEstimator.Result r = u.result();
            Official o = official.getOrDefault(u.code(), new Official(null, null, null));
            Long n = u.householdsTotal();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("plan_id", planId);
            v.put("official", true);
            v.put("level", u.level());
            v.put("unit_code", u.code());
            v.put("parent_code", u.code().equals(unit) ? null : unit);
            v.put("households_in_strata", r.households());
            v.put("sampled_households", u.code().equals(unit) ? sampled.values().stream().mapToLong(Long::longValue).sum()
                    : sampled.getOrDefault(u.code(), 0L));
            v.put("rechecked_households", r.checked());
            v.put("changed_households", r.changed());
            boolean measured = r.checked() > 0; // a unit with no re-checked household has no estimate, not a 0 % one
            v.put("changed_share_pct", measured ? dec(100 * r.changedShare().value(), 4) : null);
            v.put("changed_share_low", measured ? dec(100 * r.changedShare().lower(), 4) : null);
            v.put("changed_share_high", measured ? dec(100 * r.changedShare().upper(), 4) : null);
            v.put("recorded_poor", r.recordedPoor());
            v.put("corrected_poor", measured ? Math.round(r.correctedPoor().value()) : null);
            v.put("corrected_poor_low", measured ? Math.round(r.correctedPoor().lower()) : null);
            v.put("corrected_poor_high", measured ? Math.round(r.correctedPoor().upper()) : null);
            v.put("recorded_near_poor", r.recordedNearPoor());
            v.put("corrected_near_poor", measured ? Math.round(r.correctedNearPoor().value()) : null);
            v.put("corrected_near_poor_low", measured ? Math.round(r.correctedNearPoor().lower()) : null);
            v.put("corrected_near_poor_high", measured ? Math.round(r.correctedNearPoor().upper()) : null);
            v.put("households_total", n);
            boolean rates = measured && n != null && n > 0;
            v.put("recorded_poor_rate_pct", n != null && n > 0 ? dec(100.0 * r.recordedPoor() / n, 4) : null);
            v.put("corrected_poor_rate_pct", rates ? dec(100 * r.correctedPoor().value() / n, 4) : null);
            v.put("corrected_poor_rate_low", rates ? dec(100 * r.correctedPoor().lower() / n, 4) : null);
            v.put("corrected_poor_rate_high", rates ? dec(100 * r.correctedPoor().upper() / n, 4) : null);
            v.put("recorded_near_poor_rate_pct", n != null && n > 0 ? dec(100.0 * r.recordedNearPoor() / n, 4) : null);
            v.put("corrected_near_poor_rate_pct", rates ? dec(100 * r.correctedNearPoor().value() / n, 4) : null);
            v.put("corrected_near_poor_rate_low", rates ? dec(100 * r.correctedNearPoor().lower() / n, 4) : null);
            v.put("corrected_near_poor_rate_high", rates ? dec(100 * r.correctedNearPoor().upper() / n, 4) : null);
            v.put("strata_not_rechecked", r.unmeasured().size());
            v.put("confidence", dec(confidence, 4));
            v.put("rulebook_version", o.rulebookVersion());
            v.put("input_version", o.inputVersion());
            v.put("review_year", year);
            rows.add(org.apache.spark.sql.RowFactory.create(contract.columns().stream().map(c -> v.get(c.name())).toArray()));
        }
        vn.rasoat.marts.Publication pub = vn.rasoat.marts.Publication.begin(spark, warehouse);
        MartsJob.write(pub, source, spark.createDataFrame(rows, schema), "mart_recheck", "review_year", "plan_id");
        pub.commit();
    }

    private static java.math.BigDecimal dec(double v, int scale) {
        return java.math.BigDecimal.valueOf(v).setScale(scale, java.math.RoundingMode.HALF_UP);
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.2f", 100 * share);
    }

    /** The figures, one per row: unit, measure, value, lower, upper. */
    static List<String[]> figures(Unit u, double confidence) {
        RecheckEstimator.Result r = u.result();
        List<String[]> rows = new ArrayList<>();
        String c = String.valueOf(Math.round(confidence * 100));
        rows.add(new String[]{u.level(), u.code(), "households_in_strata", String.valueOf(r.households()), "", ""});
        rows.add(new String[]{u.level(), u.code(), "rechecked_households", String.valueOf(r.checked()), "", ""});
        rows.add(new String[]{u.level(), u.code(), "changed_in_sample", String.valueOf(r.changed()), "", ""});
        rows.add(new String[]{u.level(), u.code(), "changed_share_pct_ci" + c, pct(r.changedShare().value()),
                pct(r.changedShare().lower()), pct(r.changedShare().upper())});
        rows.add(new String[]{u.level(), u.code(), "recorded_poor", String.valueOf(r.recordedPoor()), "", ""});
        rows.add(new String[]{u.level(), u.code(), "corrected_poor_ci" + c, round(r.correctedPoor().value()),
                round(r.correctedPoor().lower()), round(r.correctedPoor().upper())});
        rows.add(new String[]{u.level(), u.code(), "recorded_near_poor", String.valueOf(r.recordedNearPoor()), "", ""});
        rows.add(new String[]{u.level(), u.code(), "corrected_near_poor_ci" + c, round(r.correctedNearPoor().value()),
                round(r.correctedNearPoor().lower()), round(r.correctedNearPoor().upper())});
        if (u.householdsTotal() != null && u.householdsTotal() > 0) {
            double n = u.householdsTotal();
            rows.add(new String[]{u.level(), u.code(), "households_total", String.valueOf(u.householdsTotal()), "", ""});
            rows.add(new String[]{u.level(), u.code(), "recorded_poor_rate_pct", rate(r.recordedPoor(), n), "", ""});
            rows.add(new String[]{u.level(), u.code(), "corrected_poor_rate_pct_ci" + c, rate(r.correctedPoor().value(), n),
                    rate(r.correctedPoor().lower(), n), rate(r.correctedPoor().upper(), n)});
            rows.add(new String[]{u.level(), u.code(), "recorded_near_poor_rate_pct", rate(r.recordedNearPoor(), n), "", ""});
            rows.add(new String[]{u.level(), u.code(), "corrected_near_poor_rate_pct_ci" + c, rate(r.correctedNearPoor().value(), n),
                    rate(r.correctedNearPoor().lower(), n), rate(r.correctedNearPoor().upper(), n)});
        } else {
            rows.add(new String[]{u.level(), u.code(), "households_total", "not known (no commune totals)", "", ""});
        }
        for (Map.Entry<String, Map<String, Double>> e : r.confusion().entrySet()) {
            for (Map.Entry<String, Double> v : e.getValue().entrySet()) {
                rows.add(new String[]{u.level(), u.code(), "estimated_households:" + e.getKey() + "->" + v.getKey(),
                        round(v.getValue()), "", ""});
            }
        }
        for (RecheckEstimator.StratumResult s : r.strata()) {
            rows.add(new String[]{u.level(), u.code(), "stratum:" + s.stratum() + ":changed_of_rechecked",
                    s.changed() + "/" + s.checked(), s.changedShare() == null ? "" : pct(s.changedShare().lower()),
                    s.changedShare() == null ? "" : pct(s.changedShare().upper())});
            rows.add(new String[]{u.level(), u.code(), "stratum:" + s.stratum() + ":share_of_estimated_errors_pct",
                    String.format(Locale.ROOT, "%.1f", s.contributionPct()), "", ""});
        }
        for (String s : r.unmeasured()) {
            rows.add(new String[]{u.level(), u.code(), "stratum:" + s + ":not_rechecked", "counted as recorded", "", ""});
        }
        return rows;
    }

    private static String round(double v) {
        return String.valueOf(Math.round(v));
    }

    private static String rate(double count, double households) {
        return String.format(Locale.ROOT, "%.4f", 100 * count / households);
    }

    private static List<Path> write(Path out, String planId, double confidence, RecheckResults.Read read, List<Unit> units) {
        try {
            Files.createDirectories(out);
            Path csv = out.resolve("phuc_tra_ket_qua_" + planId + ".csv");
            Path xlsx = out.resolve("phuc_tra_ket_qua_" + planId + ".xlsx");
            Path held = out.resolve("phuc_tra_bi_giu_" + planId + ".csv");
            StringBuilder b = new StringBuilder("plan_id,level,unit_code,measure,value,lower,upper\r\n");
            try (XSSFWorkbook wb = new XSSFWorkbook()) {
                Sheet s = wb.createSheet("Ước lượng");
                s.createRow(0).createCell(0).setCellValue("KẾT QUẢ PHÚC TRA — mẫu " + planId + " — khoảng tin cậy "
                        + Math.round(confidence * 100) + " % (ước lượng theo thiết kế mẫu phân tầng)");
                Row h = s.createRow(2);
                List<String> heads = List.of("Cấp", "Mã đơn vị", "Chỉ tiêu", "Giá trị", "Cận dưới", "Cận trên");
                for (int i = 0; i < heads.size(); i++) {
                    h.createCell(i).setCellValue(heads.get(i));
                }
                int at = 3;
                for (Unit u : units) {
                    for (String[] f : figures(u, confidence)) {
                        b.append(planId);
                        for (String x : f) {
                            b.append(',').append(x.contains(",") ? "\"" + x + "\"" : x);
                        }
                        b.append("\r\n");
                        Row r = s.createRow(at++);
                        for (int i = 0; i < f.length; i++) {
                            r.createCell(i).setCellValue(f[i]);
                        }
                    }
                }
                s.setColumnWidth(2, 60 * 256);
                try (OutputStream o = Files.newOutputStream(xlsx)) {
                    wb.write(o);
                }
            }
            Files.writeString(csv, b, StandardCharsets.UTF_8);
            StringBuilder q = new StringBuilder("file,row,field,value,reason\r\n");
            for (RecheckResults.Held x : read.held()) {
                q.append(x.file()).append(',').append(x.row()).append(',').append(x.field()).append(',')
                        .append(x.value() == null ? "" : "\"" + x.value().replace("\"", "\"\"") + "\"").append(',')
                        .append(x.reason()).append("\r\n");
            }
            Files.writeString(held, q, StandardCharsets.UTF_8);
            return List.of(csv, xlsx, held);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the re-check report under " + out, e);
        }
    }

    /** Plain-text summary lines for the terminal. */
    public static List<String> summary(Report r, double confidence) {
        List<String> lines = new ArrayList<>();
        lines.add("results " + r.read().rows() + " rows = " + r.read().accepted().size() + " accepted + "
                + r.read().held().size() + " held" + (r.read().balanced() ? "" : " (NOT BALANCED)"));
        String c = Math.round(confidence * 100) + " %";
        for (Unit u : r.units()) {
            RecheckEstimator.Result x = u.result();
            lines.add(String.format(Locale.ROOT, "%-8s %-5s rechecked %d of %d; status changed %s %% (%s CI %s–%s); "
                            + "poor %d recorded, corrected %s (%s–%s); near-poor %d recorded, corrected %s (%s–%s)%s",
                    u.level(), u.code(), x.checked(), x.households(), pct(x.changedShare().value()), c,
                    pct(x.changedShare().lower()), pct(x.changedShare().upper()), x.recordedPoor(),
                    round(x.correctedPoor().value()), round(x.correctedPoor().lower()), round(x.correctedPoor().upper()),
                    x.recordedNearPoor(), round(x.correctedNearPoor().value()), round(x.correctedNearPoor().lower()),
                    round(x.correctedNearPoor().upper()),
                    x.unmeasured().isEmpty() ? "" : "; strata not rechecked (counted as recorded): " + x.unmeasured()));
        }
        return lines;
    }
}
