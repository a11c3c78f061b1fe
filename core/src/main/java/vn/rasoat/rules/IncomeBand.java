package vn.rasoat.rules;

import java.io.Serializable;

/** An income interval in VND per person per month, with each bound open or closed. */
public record IncomeBand(long lower, boolean lowerInclusive, long upper, boolean upperInclusive)
        implements Serializable {
    public boolean contains(long value) {
        boolean aboveLower = lowerInclusive ? value >= lower : value > lower;
        boolean belowUpper = upperInclusive ? value <= upper : value < upper;
        return aboveLower && belowUpper;
    }
}
