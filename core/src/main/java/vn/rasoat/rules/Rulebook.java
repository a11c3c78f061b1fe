package vn.rasoat.rules;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One poverty standard as data (schemas/rules/&lt;standard&gt;/rulebook.json and its B1 tables). Scoring code asks
 * it questions and never names a year or a threshold itself.
 */
public record Rulebook(
        String standard,
        String version,
        String titleVi,
        String legalBasis,
        List<Integer> reviewYears,
        Map<String, Long> povertyLine,
        Map<String, Long> nearPovertyLine,
        Map<String, ScoreBands> scoreBands,
        boolean thresholdsProvisional,
        int pointsPerIndicator,
        int deprivationCutoff,
        List<Indicator> indicators,
        B1Table urbanTable,
        Map<String, B1Table> ruralTables,
        FormARule formA,
        Map<String, IncomeBand> middleBand) implements Serializable {

    public static final String URBAN = "urban";
    public static final String RURAL = "rural";

    public Rulebook {
        Objects.requireNonNull(standard, "standard is null");
        reviewYears = List.copyOf(reviewYears);
        indicators = List.copyOf(indicators);
    }

    public static String area(boolean urban) {
        return urban ? URBAN : RURAL;
    }

    public ScoreBands bands(boolean urban) {
        return scoreBands.get(area(urban));
    }

    /** The B1 table for a household: the urban table, or the rural table of the commune's region. */
    public B1Table table(boolean urban, String regionKey) {
        if (urban) {
            return urbanTable;
        }
        B1Table t = ruralTables.get(regionKey);
        if (t == null) {
            throw new IllegalArgumentException(version + ": no rural B1 table for region '" + regionKey + "'");
        }
        return t;
    }

    /** Score B of a number of deprived indicators (each indicator the same points). */
    public int scoreB(int deprivedCount) {
        return deprivedCount * pointsPerIndicator;
    }

    public boolean hasMiddleBand() {
        return middleBand != null && !middleBand.isEmpty();
    }

    public List<String> indicatorCodes() {
        return indicators.stream().map(Indicator::code).toList();
    }
}
