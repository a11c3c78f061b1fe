package vn.rasoat.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The subgroups the rates are broken down by (mart_rates, mart_deprivation: {@code breakdown} and
 * {@code breakdown_value}): every household ({@code all}), its area (urban or rural), and four yes/no attributes of
 * the household. A value is {@code unknown} where the attribute is not known (see the marts' contracts).
 */
public final class Breakdowns {
    /** The breakdowns, in the order reports show them. */
    public static final List<String> NAMES = List.of("all", "area", "ethnic_minority", "no_working_capacity",
            "meritorious_person", "female_head");

    /**
     * The breakdowns whose subgroups have a household and population total to divide by (the commune totals count
     * every household and its area): only these have rates; the others are counts.
     */
    public static final List<String> WITH_TOTALS = List.of("all", "area");

    private Breakdowns() {
    }

    /** Whether a subgroup ({@code all} or {@code breakdown.value}) has a total, hence rates. */
    public static boolean hasTotals(String subgroup) {
        int dot = subgroup.indexOf('.');
        return WITH_TOTALS.contains(dot < 0 ? subgroup : subgroup.substring(0, dot));
    }

    /** The known values of a breakdown ({@code unknown} aside). */
    public static List<String> values(String breakdown) {
        return switch (breakdown) {
            case "all" -> List.of("all");
            case "area" -> List.of("urban", "rural");
            default -> {
                if (!NAMES.contains(breakdown)) {
                    throw new IllegalArgumentException("no breakdown named '" + breakdown + "' (" + NAMES + ")");
                }
                yield List.of("yes", "no");
            }
        };
    }

    /**
     * Every subgroup a reader can choose, as {@code breakdown.value} ({@code all} alone for every household): all,
     * area.urban, area.rural, ethnic_minority.yes, ethnic_minority.no, …
     */
    public static List<String> subgroups() {
        List<String> out = new ArrayList<>();
        for (String b : NAMES) {
            for (String v : values(b)) {
                out.add(b.equals("all") ? "all" : b + "." + v);
            }
        }
        return List.copyOf(out);
    }
}
