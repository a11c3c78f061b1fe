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
    @AfterEach
    void clear() {
        System.clearProperty(SmallInput.PROPERTY);
        spark().conf().unset("spark.sql.adaptive.enabled");
    }

    @Test
    void aSmallStageSetsItsSettingsAndPutsTheSessionsOwnBack() {
        spark().conf().set("spark.sql.adaptive.enabled", "true");
        String wholeStage = spark().conf().get("spark.sql.codegen.wholeStage");
        try (SmallInput.Scope s = SmallInput.enter(spark(), 10, 10)) {
            assertTrue(s.small(), "at the limit is small");
            assertEquals("false", spark().conf().get("spark.sql.adaptive.enabled"));
            assertEquals("false", spark().conf().get("spark.sql.codegen.wholeStage"));
            assertEquals("NO_CODEGEN", spark().conf().get("spark.sql.codegen.factoryMode"));
            // a value changed during the stage is the stage's own: the scope restores what was there before it
            spark().conf().set("spark.sql.adaptive.enabled", "false");
        }
        assertEquals("true", spark().conf().get("spark.sql.adaptive.enabled"));
        assertEquals(wholeStage, spark().conf().get("spark.sql.codegen.wholeStage"));
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
