package vn.rasoat.dashboards.query;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The types a named query's parameters may have. Every value is checked here before it is bound, whether it
 * comes from the command line, a page of the static site or a request to the server.
 */
public enum ParamType {
    /** A whole number (review years, thresholds). */
    INT,
    /** A level of the unit hierarchy. */
    LEVEL,
    /** A unit code: 2, 3 or 5 digits (province, district, commune), a region key in capitals, or VN. */
    CODE,
    /** A group of the review: poor or near_poor. */
    GROUP,
    /** A decimal number. */
    NUM,
    /** A subgroup of households: {@code all}, or a breakdown and its value ({@code area.rural}, {@code ethnic_minority.yes}, …). */
    SUBGROUP;

    public static final Set<String> LEVELS = Set.of("commune", "district", "province", "region", "national");
    private static final Pattern CODE_PATTERN = Pattern.compile("[0-9]{2}|[0-9]{3}|[0-9]{5}|[A-Z]{2,8}");
    private static final Pattern INT_PATTERN = Pattern.compile("-?[0-9]{1,9}");
    private static final Pattern NUM_PATTERN = Pattern.compile("-?[0-9]{1,12}(\\.[0-9]{1,9})?");

    public static ParamType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown parameter type '" + name + "' (int, level, code, group, num, subgroup)");
        }
    }

    /** The value to bind, or an IllegalArgumentException naming the parameter and what it accepts. */
    public Object check(String param, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("parameter " + param + " is missing");
        }
        String s = value.toString();
        if (s.length() > 24) {
            throw new IllegalArgumentException("parameter " + param + " is too long");
        }
        switch (this) {
            case INT -> {
                if (value instanceof Integer i) {
                    return i;
                }
                require(INT_PATTERN.matcher(s).matches(), param, s, "a whole number");
                return Integer.parseInt(s);
            }
            case LEVEL -> {
                require(LEVELS.contains(s), param, s, "one of " + String.join(", ", LEVELS.stream().sorted().toList()));
                return s;
            }
            case CODE -> {
                require(CODE_PATTERN.matcher(s).matches(), param, s,
                        "a unit code (2, 3 or 5 digits, a region key in capitals, or VN)");
                return s;
            }
            case GROUP -> {
                require(s.equals("poor") || s.equals("near_poor"), param, s, "poor or near_poor");
                return s;
            }
            case SUBGROUP -> {
                require(vn.rasoat.rules.Breakdowns.subgroups().contains(s), param, s,
                        "one of " + String.join(", ", vn.rasoat.rules.Breakdowns.subgroups()));
                return s;
            }
            case NUM -> {
                require(NUM_PATTERN.matcher(s).matches(), param, s, "a decimal number");
                return new BigDecimal(s);
            }
            default -> throw new AssertionError(this);
        }
    }

    private static void require(boolean ok, String param, String value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("parameter " + param + ": '" + printable(value) + "' is not " + expected);
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(24).forEach(c -> b.append(c < 0x20 || c == 0x7f ? "?" : Character.toString(c)));
        return b.toString();
    }
}
