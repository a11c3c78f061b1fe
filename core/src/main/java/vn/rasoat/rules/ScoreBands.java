package vn.rasoat.rules;

import java.io.Serializable;

/**
 * Score A cut-offs for one area type. {@code poorMax} is the 2016–2020 "poor by income" band (null when the
 * standard has none); {@code nearPoorMax} is the threshold below which deprivation decides poor vs near-poor.
 */
public record ScoreBands(Integer poorMax, int nearPoorMax) implements Serializable {
}
