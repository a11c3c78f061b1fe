package vn.rasoat.cli;

import java.util.ArrayList;
import java.util.List;

/** Parses "2021-2023" or "2021,2022,2023" into a list of years. */
public final class YearRange {
    private YearRange() {
    }

    public static List<Integer> parse(String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.matches("\\d{4}-\\d{4}")) {
                int a = Integer.parseInt(p.substring(0, 4));
                int b = Integer.parseInt(p.substring(5));
                if (b < a) {
                    throw new IllegalArgumentException("year range runs backwards: " + p);
                }
                for (int y = a; y <= b; y++) {
                    out.add(y);
                }
            } else if (p.matches("\\d{4}")) {
                out.add(Integer.parseInt(p));
            } else {
                throw new IllegalArgumentException("not a year or year range: '" + p + "'");
            }
        }
        return out;
    }
}
