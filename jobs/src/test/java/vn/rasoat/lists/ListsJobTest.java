package vn.rasoat.lists;

import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.SparkTestBase;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ListsJobTest extends SparkTestBase {
    /** The scored table's columns the lists read. */
    private static final StructType SCORED = new StructType().add("run_id", "string").add("household_id", "string")
            .add("commune_code", "string").add("run_type", "string").add("status", "string").add("score_a", "int")
            .add("score_b", "int").add("review_year", "int").add("standard", "string").add("run_date", "date");

    @Test
    void aCommunesListHasItsRecognisedPoorThenNearPoorHouseholdsWithNamesAndNothingElse(@TempDir Path tmp) throws Exception {
        String wh = tmp.resolve("wh").toString();
        StructType scored = SCORED;
        spark().createDataFrame(List.of(
                RowFactory.create("2023-annual", "H1", "30730", "annual", "near_poor", 150, 10, 2023, "2022_2025", java.sql.Date.valueOf("2023-12-14")),
                RowFactory.create("2023-annual", "H2", "30730", "annual", "poor", 120, 40, 2023, "2022_2025", java.sql.Date.valueOf("2023-12-14")),
                RowFactory.create("2023-annual", "H3", "30730", "annual", "not_poor", 190, 0, 2023, "2022_2025", java.sql.Date.valueOf("2023-12-14")),
                RowFactory.create("2023-regular-03", "H4", "30730", "regular", "poor", 100, 50, 2023, "2022_2025", java.sql.Date.valueOf("2023-03-15")),
                RowFactory.create("2023-annual", "H5", "30733", "annual", "poor", 110, 40, 2023, "2022_2025", java.sql.Date.valueOf("2023-12-14")),
                RowFactory.create("2022-annual", "H6", "30730", "annual", "poor", 110, 40, 2022, "2022_2025", java.sql.Date.valueOf("2022-12-14")),
                // a second annual run of 2023 under another standard: not the official one, not listed
                RowFactory.create("2023-annual-b", "H7", "30730", "annual", "poor", 100, 40, 2023, "2016_2020", java.sql.Date.valueOf("2023-12-20"))), scored)
                .write().partitionBy("review_year").parquet(wh + "/intermediate/int_household_scored");
        StructType roster = new StructType().add("run_id", "string").add("household_id", "string").add("hamlet_code", "string")
                .add("head_name", "string").add("members", "int").add("review_year", "int");
        spark().createDataFrame(List.of(
                RowFactory.create("2023-annual", "H1", "T02", "Trần Thị Bình", 3, 2023),
                RowFactory.create("2023-annual", "H2", "T01", "Nguyễn Văn An", 5, 2023),
                RowFactory.create("2023-annual", "H3", "T01", "Lê Văn Cường", 2, 2023),
                RowFactory.create("2023-regular-03", "H4", "T01", "Phạm Thị Dung", 4, 2023),
                RowFactory.create("2023-annual", "H5", "T01", "Hoàng Văn Em", 6, 2023),
                RowFactory.create("2023-annual-b", "H7", "T01", "Đỗ Văn Giang", 4, 2023)), roster)
                .write().partitionBy("review_year").parquet(wh + "/staging/stg_household_roster");
        spark().createDataFrame(List.of(RowFactory.create("30730", "T01", "Tổ dân phố 1", 2023)),
                        new StructType().add("commune_code", "string").add("hamlet_code", "string").add("hamlet_name", "string")
                                .add("reference_year", "int"))
                .write().partitionBy("reference_year").parquet(wh + "/staging/stg_hamlets");

        List<Path> files = ListsJob.run(spark(), schemas(), wh, List.of("30730"), 2023, null, tmp.resolve("lists"),
                ListsJob.Kind.POOR).files();
        assertEquals(List.of(tmp.resolve("lists/30730/danh_sach_2023.xlsx"), tmp.resolve("lists/30730/danh_sach_2023.csv")), files);
        List<String> csv = Files.readAllLines(files.get(1), StandardCharsets.UTF_8);
        assertEquals(List.of(
                "\uFEFFSTT,\"Thôn, ấp, bản, tổ dân phố\",Họ và tên chủ hộ,Số nhân khẩu,Phân loại,Điểm thu nhập (A),Điểm thiếu hụt (B)",
                "1,Tổ dân phố 1,Nguyễn Văn An,5,Hộ nghèo,120,40",
                "2,T02,Trần Thị Bình,3,Hộ cận nghèo,150,10"), csv);
        assertFalse(Files.exists(Path.of(wh, "marts")), "nothing is written into the warehouse");
        assertThrows(IllegalArgumentException.class,
                () -> ListsJob.run(spark(), schemas(), wh, List.of("30730"), 2023, null, Path.of(wh, "marts", "lists"),
                        ListsJob.Kind.POOR));
    }

    /** The middle-standard list: middle farm households with their sector; a middle household not farming is said, not listed. */
    @Test
    void theMiddleStandardListHasTheFarmHouseholdsOfMiddleLivingStandardWithTheirSector(@TempDir Path tmp) throws Exception {
        String wh = tmp.resolve("wh").toString();
        StructType scored = SCORED;
        java.sql.Date d = java.sql.Date.valueOf("2023-12-14");
        spark().createDataFrame(List.of(
                RowFactory.create("2023-annual", "M1", "30730", "annual", "middle", 160, 10, 2023, "2022_2025", d),
                RowFactory.create("2023-annual", "M2", "30730", "annual", "middle", 170, 0, 2023, "2022_2025", d),
                RowFactory.create("2023-annual", "M3", "30730", "annual", "middle", 165, 10, 2023, "2022_2025", d),
                RowFactory.create("2023-annual", "P1", "30730", "annual", "poor", 110, 40, 2023, "2022_2025", d)), scored)
                .write().partitionBy("review_year").parquet(wh + "/intermediate/int_household_scored");
        StructType roster = new StructType().add("run_id", "string").add("household_id", "string").add("hamlet_code", "string")
                .add("head_name", "string").add("members", "int").add("farm_household", "boolean").add("sector", "string")
                .add("review_year", "int");
        spark().createDataFrame(List.of(
                RowFactory.create("2023-annual", "M1", "T01", "Võ Văn Hải", 4, true, "fishery", 2023),
                RowFactory.create("2023-annual", "M2", "T02", "Lý Thị Lan", 3, true, null, 2023),
                RowFactory.create("2023-annual", "M3", "T01", "Mai Văn Minh", 5, false, null, 2023),
                RowFactory.create("2023-annual", "P1", "T01", "Nguyễn Văn An", 5, true, "farm", 2023)), roster)
                .write().partitionBy("review_year").parquet(wh + "/staging/stg_household_roster");

        ListsJob.Result r = ListsJob.run(spark(), schemas(), wh, List.of("30730"), 2023, null, tmp.resolve("lists"),
                ListsJob.Kind.MIDDLE);
        assertEquals(List.of(tmp.resolve("lists/30730/danh_sach_muc_song_trung_binh_2023.xlsx"),
                tmp.resolve("lists/30730/danh_sach_muc_song_trung_binh_2023.csv")), r.files());
        assertEquals(List.of(
                "\uFEFFSTT,\"Thôn, ấp, bản, tổ dân phố\",Họ và tên chủ hộ,Số nhân khẩu,Ngành nghề chính,Điểm thu nhập (A),Điểm thiếu hụt (B)",
                "1,T01,Võ Văn Hải,4,Ngư nghiệp,160,10",
                "2,T02,Lý Thị Lan,3,Chưa thu thập,170,0"), Files.readAllLines(r.files().get(1), StandardCharsets.UTF_8));
        assertEquals(List.of(
                "commune 30730: 1 household(s) of middle living standard not marked as farm, forestry, fishery or salt households: not on the list",
                "commune 30730: 1 listed household(s) with no main sector recorded (not collected): listed as \"Chưa thu thập\""), r.notes());
    }
}
