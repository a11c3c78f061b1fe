package vn.rasoat.marts;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.rasoat.SparkTestBase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A hand-made commune (Kiên Giang 30730, district 899) of 12 households at the end of the 2023 review, with known
 * causes, support needs, children, target groups, sectors and ethnic groups; the expected counts were made by hand
 * from the table below ("—" = not collected: the field is null).
 *
 * <pre>
 *  #  status     causes            needs                social  no-work merit female farm sector   ethnic  <16 unins maln out
 *  1  poor       capital;land      livelihood;credit    yes     yes     no    yes    yes  farm     01      2   1     1    0
 *  2  poor       labour            health               no      yes     no    no     yes  fishery  02      1   0     0    1
 *  3  poor       capital           credit               —       no      yes   no     no   —        01      0   0     0    0
 *  4  poor       —                 —                    —       no      no    yes    yes  —        04      —   —     —    —
 *  5  poor       illness;other     health;education     yes     no      no    no     no   —        01      3   2     1    1
 *  6  near_poor  capital           livelihood           no      no      no    yes    yes  forestry 01      1   0     0    0
 *  7  near_poor  land;tools        housing              no      no      no    no     yes  farm     02      2   0     1    0
 *  8  near_poor  knowledge;skills  education;livelihood yes     yes     no    no     no   —        01      0   0     0    0
 *  9  near_poor  capital           credit               no      no      yes   no     yes  salt     01      4   1     0    2
 * 10  middle     —                 —                    no      no      no    no     yes  farm     01      1   0     0    0
 * 11  middle     —                 —                    no      no      no    no     yes  fishery  01      2   0     0    0
 * 12  not_poor   capital           credit               no      no      no    no     no   —        01      1   0     0    0
 * </pre>
 * Ethnic minority: every group but 01 (Kinh). The sector is a question for farm households only: a sector row's
 * households are the status group's farm households, and household 4, a farm household without a recorded sector, is
 * not collected.
 *
 * <p>The table is {@code src/test/resources/fixtures/report-topics/households.csv}; every row the mart must give for
 * the commune, counted by hand from it, is {@code mart_report_topics.csv} beside it (90 rows: 3 status groups × 28
 * categories, and 6 ethnic-group rows). The district, province, region and nation above it hold only this commune, so
 * they must give the same rows. The dashboards module's {@code ReportFormsTest} writes the report forms from the same
 * hand counts.
 */
class ReportTopicsMartTest extends SparkTestBase {
    static final String FOLDER = "report-topics";
    static final List<String[]> UNITS = List.of(new String[]{"commune", "30730"}, new String[]{"district", "899"},
            new String[]{"province", "91"}, new String[]{"region", "DBSCL"}, new String[]{"national", "VN"});
    static List<Row> mart;

    static Boolean bool(String v) {
        return v.isEmpty() ? null : Boolean.valueOf(v);
    }

    static Integer count(String v) {
        return v.isEmpty() ? null : Integer.valueOf(v);
    }

    static Object codes(String v) {
        return v.isEmpty() ? null : scala.jdk.javaapi.CollectionConverters.asScala(List.of(v.split(";"))).toSeq();
    }

    static final StructType SCHEMA = schema();

    static StructType schema() {
        return new StructType().add("review_year", "int").add("snapshot", "string")
                .add("snapshot_rulebook_version", "string").add("status", "string").add("province_code", "string")
                .add("district_code", "string").add("commune_code", "string").add("region_key", "string")
                .add("poverty_causes", "array<string>").add("support_needs", "array<string>")
                .add("social_protection", "boolean").add("no_working_capacity", "boolean")
                .add("meritorious_person", "boolean").add("ethnic_minority", "boolean").add("female_head", "boolean")
                .add("farm_household", "boolean").add("sector", "string").add("head_ethnicity", "string")
                .add("children_under16", "int").add("children_no_health_insurance", "int")
                .add("children_malnourished", "int").add("children_out_of_school", "int");
    }

    /** The fixture's households as the snapshot's rows; without {@code sectors}, as a roster of contract 1.0.0 gives them. */
    static List<Row> households(boolean sectors) {
        List<Row> households = new ArrayList<>();
        for (Map<String, String> h : MartsFixtureTest.fixture(FOLDER, "households.csv")) {
            String ethnic = h.get("head_ethnicity");
            households.add(RowFactory.create(2023, "annual_2023-annual", "2022_2025-r1", h.get("status"), "91", "899", "30730",
                    "DBSCL", codes(h.get("poverty_causes")), codes(h.get("support_needs")), bool(h.get("social_protection")),
                    bool(h.get("no_working_capacity")), bool(h.get("meritorious_person")), !ethnic.equals("01"),
                    bool(h.get("female_head")), bool(h.get("farm_household")), !sectors || h.get("sector").isEmpty() ? null : h.get("sector"),
                    ethnic, count(h.get("children_under16")), count(h.get("children_no_health_insurance")),
                    count(h.get("children_malnourished")), count(h.get("children_out_of_school"))));
        }
        assertEquals(12, households.size(), "the twelve households of the fixture");
        return households;
    }

    @BeforeAll
    static void build() {
        mart = ReportTopicsMart.build(spark().createDataFrame(households(true), SCHEMA)).collectAsList();
    }

    /** A row as text: status group, topic, category, counts, households, collected, value, households with. */
    static String line(String status, String topic, String category, String counts, Object households, Object collected,
                       Object value, Object with) {
        return String.join(",", status, topic, category, counts, String.valueOf(households), String.valueOf(collected),
                String.valueOf(value), String.valueOf(with));
    }

    /** Every row of every level equals the hand count, and there is no other row. */
    @Test
    void everyRowOfEveryLevelIsTheHandCount() {
        TreeSet<String> expected = new TreeSet<>();
        for (Map<String, String> r : MartsFixtureTest.fixture(FOLDER, "mart_report_topics.csv")) {
            expected.add(line(r.get("status_group"), r.get("topic"), r.get("category"), r.get("counts"), r.get("households"),
                    r.get("households_collected"), r.get("value"), r.get("households_with")));
        }
        assertEquals(90, expected.size(), "3 status groups × 28 categories + 6 ethnic-group rows, counted by hand");
        for (String[] unit : UNITS) {
            TreeSet<String> got = new TreeSet<>();
            for (Row r : mart) {
                if (r.getAs("level").equals(unit[0]) && r.getAs("unit_code").equals(unit[1])) {
                    got.add(line(r.getAs("status_group"), r.getAs("topic"), r.getAs("category"), r.getAs("counts"),
                            r.getAs("households"), r.getAs("households_collected"), r.getAs("value"), r.getAs("households_with")));
                    assertEquals(2023, (int) r.<Integer>getAs("review_year"));
                    assertEquals("2022_2025-r1", r.getAs("rulebook_version"));
                }
            }
            assertEquals(expected, got, unit[0] + " " + unit[1]);
        }
        assertEquals(5 * 90, mart.size(), "no row at any other unit");
    }

    @Test
    void notPoorHouseholdsAreNotCountedAndMiddleHouseholdsWereNotAskedTheirCauses() {
        assertFalse(mart.stream().anyMatch(r -> r.getAs("status_group").equals("not_poor")), "not-poor households are not in the mart");
        Row capital = mart.stream().filter(r -> r.getAs("level").equals("commune") && r.getAs("status_group").equals("middle")
                && r.getAs("topic").equals("cause") && r.getAs("category").equals("capital")).findFirst().orElseThrow();
        assertEquals(List.of(2L, 0L), List.of(capital.<Long>getAs("households"), capital.<Long>getAs("households_collected")),
                "middle households were not asked: not collected, not zero causes");
    }

    /**
     * A roster without the sector (contract 1.0.0): the sector rows count the status group's farm households (poor 3,
     * near-poor 3, middle 2) and none of them answered: not collected, though the non-farm households have no sector.
     */
    @Test
    void withoutTheSectorFieldTheFarmHouseholdsSectorIsNotCollected() {
        List<Row> sectors = ReportTopicsMart.build(spark().createDataFrame(households(false), SCHEMA))
                .where("topic = 'sector' and level = 'commune'").collectAsList();
        assertEquals(12, sectors.size(), "3 status groups × 4 sectors");
        for (Row r : sectors) {
            long farm = r.getAs("status_group").equals("middle") ? 2 : 3;
            assertEquals(List.of(farm, 0L, 0L), List.of(r.<Long>getAs("households"), r.<Long>getAs("households_collected"),
                    r.<Long>getAs("value")), r.getAs("status_group") + " " + r.getAs("category"));
        }
    }
}
