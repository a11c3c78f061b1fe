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
    public static final String EXCEEDS_FIELD = "exceeds_field";
    public static final String NOT_ALLOWED = "not_allowed";
    public static final String BAD_FORMAT = "bad_format";
    public static final String TOO_LONG = "too_long";
    public static final String UNKNOWN_COMMUNE = "unknown_commune";
    public static final String UNKNOWN_CODE = "unknown_code";
    public static final String DUPLICATE_KEY = "duplicate_key";
    public static final String UNKNOWN_HOUSEHOLD = "unknown_household";
    public static final String EMPTY_FILE = "empty_file";
    public static final String UNREADABLE_FILE = "unreadable_file";
    public static final String LINE_TOO_LONG = "line_too_long";

    public static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(MISSING_COLUMN, "the file has no column for a required field (named in `field`)");
        DESCRIPTIONS.put(BAD_ROW_SHAPE, "the line has a different number of cells than the header (truncated or extra separators; counts in `value`)");
        DESCRIPTIONS.put(BAD_ENCODING, "the line holds bytes that are not valid UTF-8 (files in Windows-1258, TCVN3/ABC or VNI are recognised and converted; this is for stray bytes)");
        DESCRIPTIONS.put(MISSING_REQUIRED, "a required field is blank");
        DESCRIPTIONS.put(BAD_TYPE, "the value cannot be read as the field's type (number, yes/no, date)");
        DESCRIPTIONS.put(OUT_OF_RANGE, "a number outside the field's min..max");
        DESCRIPTIONS.put(EXCEEDS_FIELD, "a count larger than the count it is part of (the field's `max_field` in the contract, e.g. children without health insurance > children under 16)");
        DESCRIPTIONS.put(NOT_ALLOWED, "a value outside the field's allowed list");
        DESCRIPTIONS.put(BAD_FORMAT, "a code or id that does not match its pattern (codes are zero-padded digits)");
        DESCRIPTIONS.put(TOO_LONG, "text longer than the field's max_length");
        DESCRIPTIONS.put(UNKNOWN_COMMUNE, "a commune code found in no shipped administrative unit list");
        DESCRIPTIONS.put(UNKNOWN_CODE, "a code not in its reference list (e.g. ethnic group)");
        DESCRIPTIONS.put(DUPLICATE_KEY, "two or more rows share the record's key (e.g. run and household id); all copies are held");
        DESCRIPTIONS.put(EMPTY_FILE, "the file is empty or has only blank lines (one row stands for the file, line 0)");
        DESCRIPTIONS.put(UNREADABLE_FILE, "the file cannot be read at all, e.g. a truncated or corrupt workbook, or a `.csv` that is not text (`not a text file: zip archive`; also workbooks, PDFs, binary data); one row for the file, the error in `value`");
        DESCRIPTIONS.put(LINE_TOO_LONG, "a CSV cell longer than 16 MiB: the line is held and the rest of the file is not read (said in `value`)");
        DESCRIPTIONS.put(UNKNOWN_HOUSEHOLD, "a form row whose run and household id match no accepted roster row");
    }

    private ReasonCodes() {
    }
}
