package vn.rasoat.generate;

import vn.rasoat.reference.AdminUnit;

import java.io.Serializable;

/** One commune to generate: its unit, starting households, size distribution and poverty-rate multiplier. */
public record CommuneSpec(AdminUnit unit, long households2019, double[] sizeShares, double rateMultiplier,
                          int hamlets) implements Serializable {
}
