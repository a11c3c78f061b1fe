package vn.rasoat.dashboards.charts;

import vn.rasoat.io.SchemaSource;
import vn.rasoat.rules.Indicator;
import vn.rasoat.rules.Rulebooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The words of the dashboard, the charts and the report workbooks in one language ({@code vi}, the default, or
 * {@code en}), from {@code labels_<lang>.properties}; indicator names come from the rulebooks.
 */
public final class Labels {
    private final String lang;
    private final Properties words = new Properties();
    private final Map<String, String> indicators = new HashMap<>();

    private Labels(String lang) {
        this.lang = lang;
    }

    /** The languages of the labels: Vietnamese (the default) and English. */
    public static final java.util.List<String> LANGUAGES = java.util.List.of("vi", "en");

    public static Labels load(String lang, SchemaSource schemas) {
        if (!LANGUAGES.contains(lang)) {
            throw new IllegalArgumentException("language '" + lang + "': vi or en");
        }
        Labels l = new Labels(lang);
        try (InputStream in = Labels.class.getResourceAsStream("/labels_" + lang + ".properties")) {
            l.words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Rulebooks rulebooks = Rulebooks.load(schemas);
        for (String standard : rulebooks.standards()) {
            for (Indicator i : rulebooks.get(standard).indicators()) {
                l.indicators.putIfAbsent(i.code(), lang.equals("vi") ? i.nameVi() : i.nameEn());
            }
        }
        return l;
    }

    public String lang() {
        return lang;
    }

    /**
     * A number as text: Vietnamese writes 12.272 households and 2,5505 %, English 12,272 and 2.5505. Years and codes
     * are strings or unformatted integers and stay as they are; null is empty.
     */
    public String number(Object v) {
        if (v == null) {
            return "";
        }
        boolean vi = lang.equals("vi");
        if (v instanceof java.math.BigDecimal d) {
            String s = d.toPlainString();
            return vi ? s.replace('.', ',') : s;
        }
        if (v instanceof Long || v instanceof Integer) {
            String s = String.format(java.util.Locale.ROOT, "%,d", ((Number) v).longValue());
            return vi ? s.replace(',', '.') : s;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                return "";
            }
            // a measured share or change: four decimals at most, as the rates are written (0,0345; 0)
            return number(java.math.BigDecimal.valueOf(d).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros());
        }
        return v.toString();
    }

    /** A p-value as a reader takes it: two significant digits (0,28; 0,0041), or "< 0,001" below a thousandth. */
    public String pValue(Object v) {
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            return "";
        }
        double p = n.doubleValue();
        if (p < 0.001) {
            return "< " + number(new java.math.BigDecimal("0.001"));
        }
        return number(new java.math.BigDecimal(p).round(new java.math.MathContext(2, java.math.RoundingMode.HALF_UP))
                .stripTrailingZeros());
    }

    /**
     * The number format of chart axes in this language: Vietnamese groups thousands with a dot and writes decimals
     * with a comma (12.272; 2,5), English the other way round; as the tables write them.
     */
    public java.text.NumberFormat numberFormat() {
        return numberFormat(lang);
    }

    /** {@link #numberFormat()} of a language ({@code vi} or {@code en}), for pages written without labels. */
    public static java.text.NumberFormat numberFormat(String lang) {
        java.text.DecimalFormatSymbols sy = java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT);
        sy.setDecimalSeparator(lang.equals("vi") ? ',' : '.');
        sy.setGroupingSeparator(lang.equals("vi") ? '.' : ',');
        return new java.text.DecimalFormat("#,##0.###", sy);
    }

    /** A label with {0}, {1}… replaced by the arguments as given (no number formatting). */
    public String text(String key, Object... args) {
        String s = words.getProperty(key);
        if (s == null) {
            throw new IllegalArgumentException("no label '" + key + "' in labels_" + lang + ".properties");
        }
        for (int i = 0; i < args.length; i++) {
            s = s.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return s;
    }

    /** The heading of a column: its label when there is one, else the column name. */
    public String column(String name) {
        return words.getProperty("col." + name, name);
    }

    public String indicator(String code) {
        String n = indicators.getOrDefault(code, code);
        return n.isEmpty() ? n : Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** A yes/no cell as words, never a raw true/false: {@code bool.<column>.<true|false>}, else Có/Không (Yes/No). */
    public String bool(String column, Boolean v) {
        if (v == null) {
            return "";
        }
        String own = words.getProperty("bool." + column + "." + v);
        return own != null ? own : words.getProperty(v ? "value.yes" : "value.no", String.valueOf(v));
    }

    /** A subgroup as a reader says it: "Tất cả hộ", or the breakdown and its value ("Khu vực: Nông thôn"). */
    public String subgroup(String subgroup) {
        if (subgroup == null || subgroup.equals("all")) {
            return text("page.subgroup_all");
        }
        int dot = subgroup.indexOf('.');
        return value("breakdown", subgroup.substring(0, dot)) + ": " + value("value", subgroup.substring(dot + 1));
    }

    /** A label for a coded value (breakdowns, yes/no, steps, directions) or the value itself. */
    public String value(String prefix, String code) {
        return code == null ? "" : words.getProperty(prefix + "." + code, code);
    }
}
