package vn.rasoat.contracts;

import org.junit.jupiter.api.Test;
import vn.rasoat.SparkTestBase;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataDictionaryTest {
    @Test
    void readmeIsGeneratedFromTheContracts() throws IOException {
        var source = vn.rasoat.io.SchemaSource.folder(SparkTestBaseAccess.dir());
        String expected = DataDictionary.render(Contracts.load(source), source);
        String actual = Files.readString(SparkTestBaseAccess.dir().resolve("README.md"));
        assertEquals(expected, actual, "schemas/README.md is stale: run ./rasoat schemas-doc");
    }

    @Test
    void contractsGiveTypedSchemasWithCodesAsStrings() {
        Contracts c = Contracts.load(vn.rasoat.io.SchemaSource.folder(SparkTestBaseAccess.dir()));
        var roster = c.get("household_roster").typedSchema();
        assertEquals("string", roster.apply("commune_code").dataType().typeName());
        assertEquals("integer", roster.apply("members").dataType().typeName());
        assertEquals("boolean", roster.apply("urban").dataType().typeName());
        assertEquals("date", c.get("review_runs").typedSchema().apply("run_date").dataType().typeName());
        assertTrue(c.get("household_roster").field("citizen_id").orElseThrow().pii());
        assertEquals(Contracts.RECORD_TYPES.size(), c.all().size());
    }

    /** Gives plain unit tests the schemas folder without a Spark session. */
    static final class SparkTestBaseAccess extends SparkTestBase {
        static java.nio.file.Path dir() {
            return schemasDir();
        }
    }
}
