package vn.rasoat.spark;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.rasoat.SparkTestBase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stage's small-input settings last as long as the stage; the mode is auto, always or never. */
class SmallInputTest extends SparkTestBase {
    private final java.util.Map<String, String> session = new java.util.HashMap<>();

    /** The test session's own settings, put back after each test (the JVM's other tests run with them). */
    @org.junit.jupiter.api.BeforeEach
    void remember() {
        SmallInput.SETTINGS.keySet().forEach(k -> session.put(k, spark().conf().get(k)));
    }

    @AfterEach
    void clear() {
        System.clearProperty(SmallInput.PROPERTY);
        session.forEach((k, v) -> spark().conf().set(k, v));
    }

    @Test
    void aSmallStageSetsItsSettingsAndPutsTheSessionsOwnBack() {
        spark().conf().set("spark.sql.adaptive.enabled", "true");
        spark().conf().set("spark.sql.codegen.wholeStage", "true");
        try (SmallInput.Scope s = SmallInput.enter(spark(), 10, 10)) {
            assertTrue(s.small(), "at the limit is small");
            assertEquals("false", spark().conf().get("spark.sql.adaptive.enabled"));
            assertEquals("false", spark().conf().get("spark.sql.codegen.wholeStage"));
            assertEquals("NO_CODEGEN", spark().conf().get("spark.sql.codegen.factoryMode"));
            // a value changed during the stage is the stage's own: the scope restores what was there before it
            spark().conf().set("spark.sql.adaptive.enabled", "false");
        }
        assertEquals("true", spark().conf().get("spark.sql.adaptive.enabled"));
        assertEquals("true", spark().conf().get("spark.sql.codegen.wholeStage"));
        try (SmallInput.Scope s = SmallInput.enter(spark(), 11, 10)) {
            assertFalse(s.small(), "over the limit");
            assertEquals("true", spark().conf().get("spark.sql.adaptive.enabled"), "a large stage keeps the session's own");
        }
    }

    @Test
    void theModeForcesOneWayAndAWrongValueIsRefused() {
        System.setProperty(SmallInput.PROPERTY, "Never");
        assertFalse(SmallInput.isSmall(0, 10));
        System.setProperty(SmallInput.PROPERTY, "always");
        assertTrue(SmallInput.isSmall(1_000, 10));
        System.setProperty(SmallInput.PROPERTY, " auto ");
        assertTrue(SmallInput.isSmall(10, 10));
        assertFalse(SmallInput.isSmall(11, 10));
        System.setProperty(SmallInput.PROPERTY, "sometimes");
        var e = assertThrows(IllegalArgumentException.class, () -> SmallInput.isSmall(1, 10));
        assertTrue(e.getMessage().contains("auto, always or never"), e.getMessage());
    }
}
