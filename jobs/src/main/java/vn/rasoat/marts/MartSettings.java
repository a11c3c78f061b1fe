package vn.rasoat.marts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.rasoat.io.SchemaSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/** Settings of the rate marts, from {@code schemas/marts/settings.json} (data, not constants). */
public final class MartSettings {
    private MartSettings() {
    }

    /** The share (0–1) of a unit's snapshot households that must be classified for its rates to be complete. */
    public static BigDecimal completenessThreshold(SchemaSource source) {
        try {
            JsonNode t = new ObjectMapper().readTree(source.readString("marts/settings.json")).path("completeness_threshold");
            if (!t.isNumber() || t.decimalValue().signum() < 0 || t.decimalValue().compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("schemas/marts/settings.json: completeness_threshold must be a share 0-1");
            }
            return t.decimalValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schemas/marts/settings.json", e);
        }
    }
}
