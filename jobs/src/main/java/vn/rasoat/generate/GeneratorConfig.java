package vn.rasoat.generate;

import vn.rasoat.rules.Rulebook;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to generate: the review years (consecutive), their rulebooks, the seed, size scale and dirt rate, and
 * communes whose reviewers manipulate scores (commune → share of its poor and near-poor households pushed to a
 * score A just above the threshold, within {@code manipulationWindow} points) — the case the bunching diagnostic
 * must catch.
 */
public record GeneratorConfig(List<Integer> years, Map<Integer, Rulebook> rulebooks, long seed, double scale,
                              double dirtRate, Map<String, Double> manipulated, int manipulationWindow) implements Serializable {
    public GeneratorConfig(List<Integer> years, Map<Integer, Rulebook> rulebooks, long seed, double scale, double dirtRate) {
        this(years, rulebooks, seed, scale, dirtRate, Map.of(), 10);
    }

    public GeneratorConfig {
        manipulated = Map.copyOf(manipulated);
        years = List.copyOf(years);
        rulebooks = Map.copyOf(rulebooks);
        for (int i = 1; i < years.size(); i++) {
            if (years.get(i) != years.get(i - 1) + 1) {
                throw new IllegalArgumentException("review years must be consecutive: " + years);
            }
        }
        for (int y : years) {
            Objects.requireNonNull(rulebooks.get(y), "no rulebook for " + y);
        }
        if (scale <= 0) {
            throw new IllegalArgumentException("scale must be > 0: " + scale);
        }
        if (dirtRate < 0 || dirtRate > 0.5) {
            throw new IllegalArgumentException("dirt rate must be within [0, 0.5]: " + dirtRate);
        }
    }

    public Rulebook rulebook(int year) {
        Rulebook r = rulebooks.get(year);
        if (r == null) {
            // The burn-in year before the first review year uses the first year's rulebook.
            r = rulebooks.get(years.get(0));
        }
        return r;
    }
}
