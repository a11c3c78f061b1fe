package vn.rasoat.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every reason a row can be quarantined for, with its explanation (also in schemas/README.md). */
public final class ReasonCodes {
    public static final String MISSING_COLUMN = "missing_column";
    public static final String BAD_ROW_SHAPE = "bad_row_shape";
    public static final String BAD_ENCODING = "bad_encoding";
    public static final String MISSING_REQUIRED = "missing_required";
    public static final String BAD_TYPE = "bad_type";
    public static final String OUT_OF_RANGE = "out_of_range";
    public static final String NOT_ALLOWED = "not_allowed";
    public static final String BAD_FORMAT = "bad_format";
    public static final String TOO_LONG = "too_long";
    public static final String UNKNOWN_COMMUNE = "unknown_commune";
    public static final String UNKNOWN_CODE = "unknown_code";
    public static final String DUPLICATE_KEY = "duplicate_key";
    public static final String UNKNOWN_HOUSEHOLD = "unknown_household";

    public static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(MISSING_COLUMN, "the file has no column for a required field (named in `field`)");
        DESCRIPTIONS.put(BAD_ROW_SHAPE, "the line has a different number of cells than the header (truncated or extra separators)");
        DESCRIPTIONS.put(BAD_ENCODING, "the line holds bytes that are not valid UTF-8");
        DESCRIPTIONS.put(MISSING_REQUIRED, "a required field is blank");
        DESCRIPTIONS.put(BAD_TYPE, "the value cannot be read as the field's type (number, yes/no, date)");
        DESCRIPTIONS.put(OUT_OF_RANGE, "a number outside the field's min..max");
        DESCRIPTIONS.put(NOT_ALLOWED, "a value outside the field's allowed list");
        DESCRIPTIONS.put(BAD_FORMAT, "a code or id that does not match its pattern (codes are zero-padded digits)");
        DESCRIPTIONS.put(TOO_LONG, "text longer than the field's max_length");
        DESCRIPTIONS.put(UNKNOWN_COMMUNE, "a commune code found in no shipped administrative unit list");
        DESCRIPTIONS.put(UNKNOWN_CODE, "a code not in its reference list (e.g. ethnic group)");
        DESCRIPTIONS.put(DUPLICATE_KEY, "two or more rows share the record's key (e.g. run and household id); all copies are held");
        DESCRIPTIONS.put(UNKNOWN_HOUSEHOLD, "a form row whose run and household id match no accepted roster row");
    }

    private ReasonCodes() {
    }
}
