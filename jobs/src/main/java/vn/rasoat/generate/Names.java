package vn.rasoat.generate;

import java.util.List;
import java.util.SplittableRandom;

/** Synthetic Vietnamese names and citizen id numbers (never real people). */
final class Names {
    private static final List<String> FAMILY = List.of("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
            "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Thạch", "Danh", "Lò", "Hà");
    private static final List<String> MIDDLE_M = List.of("Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh");
    private static final List<String> MIDDLE_F = List.of("Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ");
    private static final List<String> GIVEN_M = List.of("An", "Bình", "Cường", "Dũng", "Hùng", "Khánh", "Long", "Nam",
            "Phúc", "Quang", "Sơn", "Tâm", "Tuấn", "Việt", "Thắng", "Hiếu");
    private static final List<String> GIVEN_F = List.of("Hà", "Hạnh", "Lan", "Linh", "Mai", "Nga", "Thảo", "Trang",
            "Xuân", "Yến", "Hương", "Phượng", "Ánh", "Diệu");

    private Names() {
    }

    static String name(SplittableRandom r, boolean female) {
        String family = FAMILY.get(r.nextInt(FAMILY.size()));
        String middle = female ? MIDDLE_F.get(r.nextInt(MIDDLE_F.size())) : MIDDLE_M.get(r.nextInt(MIDDLE_M.size()));
        String given = female ? GIVEN_F.get(r.nextInt(GIVEN_F.size())) : GIVEN_M.get(r.nextInt(GIVEN_M.size()));
        return family + " " + middle + " " + given;
    }

    /** 12 digits: 0 + province code, a sex-and-century digit, two birth-year digits, six random digits. */
    static String citizenId(SplittableRandom r, String provinceCode, boolean female) {
        int birthYear = 1940 + r.nextInt(60);
        int sexCentury = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
        return "0" + provinceCode + sexCentury + String.format("%02d", birthYear % 100)
                + String.format("%06d", r.nextInt(1_000_000));
    }
}
