package vn.rasoat.rules;

import java.io.Serializable;
import java.util.List;

/** Form A screening: count the ticked criteria and compare with a cut-off in the rulebook's direction. */
public record FormARule(List<String> criteria, int cutoff, String direction) implements Serializable {
    public FormARule {
        criteria = List.copyOf(criteria);
        if (!direction.equals("review_if_below") && !direction.equals("review_if_at_or_below")) {
            throw new IllegalArgumentException("form_a direction must be review_if_below or review_if_at_or_below: "
                    + direction);
        }
    }

    /** Whether a household with this many ticked criteria goes on to the B1/B2 review. */
    public boolean reviewed(int ticked) {
        return direction.equals("review_if_below") ? ticked < cutoff : ticked <= cutoff;
    }
}
