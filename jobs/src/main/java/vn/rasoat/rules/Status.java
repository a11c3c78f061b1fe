package vn.rasoat.rules;

/** End-of-review statuses (docs/rules.md#statuses), as stored. */
public final class Status {
    public static final String POOR = "poor";
    public static final String NEAR_POOR = "near_poor";
    public static final String MIDDLE = "middle";
    public static final String NOT_POOR = "not_poor";
    public static final String SCREENED_OUT = "screened_out";

    private Status() {
    }
}
