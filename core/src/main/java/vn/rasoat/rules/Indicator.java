package vn.rasoat.rules;

import java.io.Serializable;

/**
 * A deprivation indicator: the B2 column where the reviewer records it, and a Spark SQL expression over the
 * B2 facts that re-derives it (rulebook data, so an official definition can replace ours without code).
 */
public record Indicator(String code, String nameVi, String nameEn, String dimension, String recordedColumn,
                        String derive) implements Serializable {
}
