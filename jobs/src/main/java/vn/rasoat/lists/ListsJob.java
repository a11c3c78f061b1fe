package vn.rasoat.lists;

import vn.rasoat.io.SpreadsheetCsv;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import vn.rasoat.ingest.Staging;
import vn.rasoat.io.WarehouseLayout;
import vn.rasoat.scoring.ScoringJob;

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

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The lists a commune must post (niêm yết): its poor and near-poor households recognised at the end of a year's
 * annual review, or ({@link Kind#MIDDLE}) its farm, forestry, fishery and salt households of middle living standard
 * (form 7.12; form 7.14 counts them: {@code rasoat report --form 7.14}), with the head's name, hamlet and members. Names live only in staging,
 * so the lists are made on request, per commune, into an output folder of their own — never into the marts.
 */
public final class ListsJob {
    public static final List<String> COLUMNS = List.of("STT", "Thôn, ấp, bản, tổ dân phố", "Họ và tên chủ hộ",
            "Số nhân khẩu", "Phân loại", "Điểm thu nhập (A)", "Điểm thiếu hụt (B)");
    /** The middle-standard list's columns: the household's main sector where the class would be. */
    public static final List<String> MIDDLE_COLUMNS = List.of("STT", "Thôn, ấp, bản, tổ dân phố", "Họ và tên chủ hộ",
            "Số nhân khẩu", "Ngành nghề chính", "Điểm thu nhập (A)", "Điểm thiếu hụt (B)");

    /** Which list. */
    public enum Kind {
        /** Poor, then near-poor households (danh_sach_YEAR). */
        POOR,
        /** Farm, forestry, fishery and salt households of middle living standard (danh_sach_muc_song_trung_binh_YEAR). */
        MIDDLE
    }

    private ListsJob() {
    }

    /** One posted line; {@code sector} is null when the roster did not collect it. */
    public record Line(String commune, String hamlet, String headName, int members, String status, Integer scoreA,
                       Integer scoreB, String sector) {
    }

    /** The files written, and what was left off a list with its reason (said beside the files, never dropped silently). */
    public record Result(List<Path> files, List<String> notes) {
    }

    /**
     * Writes {@code <out>/<commune>/danh_sach_<year>.{xlsx,csv}} (or {@code danh_sach_muc_song_trung_binh_<year>}) for
     * each commune asked. The households are those of the year's official annual run ({@code run} null), or of the
     * annual run named.
     */
    public static Result run(SparkSession spark, vn.rasoat.io.SchemaSource source, String warehouse, List<String> communes,
                             int year, String run, Path out, Kind kind) {
        if (out.toAbsolutePath().normalize().startsWith(Path.of(WarehouseLayout.marts(warehouse)).toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the lists hold names: write them outside the marts (--out)");
        }
        Dataset<org.apache.spark.sql.Row> all = spark.read().parquet(WarehouseLayout.scored(warehouse));
        String listed = run;
        if (listed == null) {
            var official = vn.rasoat.marts.Snapshots.officialRuns(all.where(col("review_year").equalTo(year)),
                    vn.rasoat.ingest.Staging.readOptional(spark, warehouse, "stg_review_runs"),
                    vn.rasoat.rules.Rulebooks.load(source)).get(year);
            if (official == null) {
                throw new IllegalArgumentException("the warehouse has no official annual review of " + year);
            }
            listed = official.runId();
        }
        List<String> statuses = kind == Kind.POOR ? List.of("poor", "near_poor") : List.of("middle");
        Dataset<org.apache.spark.sql.Row> scored = all
                .where(col("review_year").equalTo(year).and(col("run_type").equalTo("annual")).and(col("run_id").equalTo(listed))
                        .and(col("status").isin(statuses.toArray())).and(col("commune_code").isin(communes.toArray())))
                .select("run_id", "household_id", "commune_code", "status", "score_a", "score_b");
        // every field of the roster's contract: a sector not collected (older files) is null, never missing
        Dataset<org.apache.spark.sql.Row> roster = Staging.readContract(spark, warehouse,
                        vn.rasoat.contracts.Contracts.loadOne(source, "household_roster"))
                .where(col("review_year").equalTo(year))
                .select(col("run_id"), col("household_id"), col("hamlet_code"), col("head_name"), col("members"),
                        col("sector"), coalesce(col("farm_household"), lit(false)).as("_farm"));
        Dataset<org.apache.spark.sql.Row> lines = scored.join(roster,
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("run_id", "household_id")).toSeq());
        Dataset<org.apache.spark.sql.Row> staged = Staging.readOptional(spark, warehouse, "stg_hamlets");
        if (staged != null) {
            Dataset<org.apache.spark.sql.Row> hamlets = staged
                    .where(col("reference_year").equalTo(year))
                    .select(col("commune_code").as("_c"), col("hamlet_code").as("_h"), col("hamlet_name"));
            lines = lines.join(hamlets, col("commune_code").equalTo(col("_c")).and(col("hamlet_code").equalTo(col("_h"))), "left")
                    .withColumn("hamlet", coalesce(col("hamlet_name"), col("hamlet_code")));
        } else {
            lines = lines.withColumn("hamlet", col("hamlet_code"));
        }
        Map<String, List<Line>> byCommune = new LinkedHashMap<>();
        communes.forEach(c -> byCommune.put(c, new ArrayList<>()));
        Map<String, Integer> notFarm = new java.util.TreeMap<>();
        Iterator<org.apache.spark.sql.Row> it = lines.select(col("commune_code"), col("hamlet"), col("head_name"),
                        col("members"), col("status"), col("score_a"), col("score_b"), col("sector"), col("_farm"))
                .orderBy(col("commune_code"), col("status").desc(), col("hamlet"), col("head_name")).toLocalIterator();
        while (it.hasNext()) {
            org.apache.spark.sql.Row r = it.next();
            if (kind == Kind.MIDDLE && !r.getBoolean(8)) {
                // middle living standard is a class of farm, forestry, fishery and salt households only
                notFarm.merge(r.getString(0), 1, Integer::sum);
                continue;
            }
            byCommune.get(r.getString(0)).add(new Line(r.getString(0), r.getString(1), r.getString(2),
                    ((Number) r.get(3)).intValue(), r.getString(4), r.isNullAt(5) ? null : ((Number) r.get(5)).intValue(),
                    r.isNullAt(6) ? null : ((Number) r.get(6)).intValue(), r.getString(7)));
        }
        List<Path> written = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        byCommune.forEach((commune, l) -> written.addAll(write(commune, year, l, out.resolve(commune), kind)));
        notFarm.forEach((commune, n) -> notes.add(String.format(
                "commune %s: %d household(s) of middle living standard not marked as farm, forestry, fishery or salt households: not on the list", commune, n)));
        if (kind == Kind.MIDDLE) {
            byCommune.forEach((commune, l) -> {
                long unknown = l.stream().filter(x -> x.sector() == null).count();
                if (unknown > 0) {
                    notes.add(String.format("commune %s: %d listed household(s) with no main sector recorded (not collected): listed as \"%s\"",
                            commune, unknown, sectorLabel(null)));
                }
            });
        }
        return new Result(written, notes);
    }

    static String sectorLabel(String sector) {
        if (sector == null) {
            return "Chưa thu thập";
        }
        return switch (sector) {
            case "farm" -> "Nông nghiệp";
            case "forestry" -> "Lâm nghiệp";
            case "fishery" -> "Ngư nghiệp";
            case "salt" -> "Diêm nghiệp";
            default -> sector;
        };
    }

    static String label(String status) {
        return status.equals("poor") ? "Hộ nghèo" : "Hộ cận nghèo";
    }

    private static List<Path> write(String commune, int year, List<Line> lines, Path dir, Kind kind) {
        boolean middle = kind == Kind.MIDDLE;
        List<String> columns = middle ? MIDDLE_COLUMNS : COLUMNS;
        String name = (middle ? "danh_sach_muc_song_trung_binh_" : "danh_sach_") + year;
        String title = middle
                ? "DANH SÁCH HỘ LÀM NÔNG NGHIỆP, LÂM NGHIỆP, NGƯ NGHIỆP VÀ DIÊM NGHIỆP CÓ MỨC SỐNG TRUNG BÌNH NĂM " + year
                : "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM " + year;
        try {
            Files.createDirectories(dir);
            Path xlsx = dir.resolve(name + ".xlsx");
            Path csv = dir.resolve(name + ".csv");
            StringBuilder b = new StringBuilder(SpreadsheetCsv.BOM).append(SpreadsheetCsv.line(columns));
            try (XSSFWorkbook wb = new XSSFWorkbook()) {
                Sheet s = wb.createSheet("Danh sách " + year);
                // printed to be posted: landscape, every column on one page's width, the header row on every page
                s.getPrintSetup().setLandscape(true);
                s.getPrintSetup().setPaperSize(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
                s.setFitToPage(true);
                s.getPrintSetup().setFitWidth((short) 1);
                s.getPrintSetup().setFitHeight((short) 0);
                s.setRepeatingRows(new org.apache.poi.ss.util.CellRangeAddress(3, 3, 0, columns.size() - 1));
                s.createRow(0).createCell(0).setCellValue(title + " — xã " + commune);
                s.createRow(1).createCell(0).setCellValue("Niêm yết công khai tại trụ sở xã và nhà văn hoá thôn. "
                        + "Có chứa dữ liệu cá nhân: chỉ dùng cho việc niêm yết.");
                Row h = s.createRow(3);
                for (int i = 0; i < columns.size(); i++) {
                    h.createCell(i).setCellValue(columns.get(i));
                }
                int n = 0;
                for (Line l : lines) {
                    n++;
                    Row r = s.createRow(3 + n);
                    r.createCell(0).setCellValue(n);
                    r.createCell(1).setCellValue(l.hamlet());
                    r.createCell(2).setCellValue(l.headName());
                    r.createCell(3).setCellValue(l.members());
                    String kindCell = middle ? sectorLabel(l.sector()) : label(l.status());
                    r.createCell(4).setCellValue(kindCell);
                    if (l.scoreA() != null) {
                        r.createCell(5).setCellValue(l.scoreA());
                    }
                    if (l.scoreB() != null) {
                        r.createCell(6).setCellValue(l.scoreB());
                    }
                    b.append(n).append(',').append(SpreadsheetCsv.cell(l.hamlet())).append(',').append(SpreadsheetCsv.cell(l.headName())).append(',')
                            .append(l.members()).append(',').append(SpreadsheetCsv.cell(kindCell)).append(',')
                            .append(l.scoreA() == null ? "" : l.scoreA()).append(',')
                            .append(l.scoreB() == null ? "" : l.scoreB()).append(SpreadsheetCsv.EOL);
                }
                for (int i = 0; i < columns.size(); i++) {
                    s.setColumnWidth(i, (i == 2 ? 32 : i == 1 ? 26 : 16) * 256);
                }
                try (OutputStream o = Files.newOutputStream(xlsx)) {
                    wb.write(o);
                }
            }
            Files.writeString(csv, b, StandardCharsets.UTF_8);
            return List.of(xlsx, csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lists of commune " + commune + " under " + dir, e);
        }
    }
}
