package vn.rasoat.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.rasoat.SparkTestBase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
 * Ethnic minority: every group but 01 (Kinh). Household 4 is a farm household without a recorded sector: its sector
 * is not collected; a household that is not a farm household has none to record (known).
 */
class ReportTopicsMartTest extends SparkTestBase {
    static final Map<String, long[]> rows = new HashMap<>();

    static Object[] hh(String status, String causes, String needs, Boolean social, boolean noWork, boolean merit,
                       boolean female, boolean farm, String sector, String ethnic, Integer... kids) {
        List<Object> v = new ArrayList<>(List.of(2023, "annual_2023-annual", "2022_2025-r1", status, "91", "899", "30730", "DBSCL"));
        v.add(causes == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(List.of(causes.split(";"))).toSeq());
        v.add(needs == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(List.of(needs.split(";"))).toSeq());
        v.add(social);
        v.add(noWork);
        v.add(merit);
        v.add(!ethnic.equals("01"));
        v.add(female);
        v.add(farm);
        v.add(sector);
        v.add(ethnic);
        for (int i = 0; i < 4; i++) {
            v.add(kids.length == 0 ? null : kids[i]);
        }
        return v.toArray();
    }

    @BeforeAll
    static void build() {
        StructType schema = new StructType().add("review_year", "int").add("snapshot", "string")
                .add("snapshot_rulebook_version", "string").add("status", "string").add("province_code", "string")
                .add("district_code", "string").add("commune_code", "string").add("region_key", "string")
                .add("poverty_causes", "array<string>").add("support_needs", "array<string>")
                .add("social_protection", "boolean").add("no_working_capacity", "boolean")
                .add("meritorious_person", "boolean").add("ethnic_minority", "boolean").add("female_head", "boolean")
                .add("farm_household", "boolean").add("sector", "string").add("head_ethnicity", "string")
                .add("children_under16", "int").add("children_no_health_insurance", "int")
                .add("children_malnourished", "int").add("children_out_of_school", "int");
        List<Object[]> hh = List.of(
                hh("poor", "capital;land", "livelihood;credit", true, true, false, true, true, "farm", "01", 2, 1, 1, 0),
                hh("poor", "labour", "health", false, true, false, false, true, "fishery", "02", 1, 0, 0, 1),
                hh("poor", "capital", "credit", null, false, true, false, false, null, "01", 0, 0, 0, 0),
                hh("poor", null, null, null, false, false, true, true, null, "04"),
                hh("poor", "illness;other", "health;education", true, false, false, false, false, null, "01", 3, 2, 1, 1),
                hh("near_poor", "capital", "livelihood", false, false, false, true, true, "forestry", "01", 1, 0, 0, 0),
                hh("near_poor", "land;tools", "housing", false, false, false, false, true, "farm", "02", 2, 0, 1, 0),
                hh("near_poor", "knowledge;skills", "education;livelihood", true, true, false, false, false, null, "01", 0, 0, 0, 0),
                hh("near_poor", "capital", "credit", false, false, true, false, true, "salt", "01", 4, 1, 0, 2),
                hh("middle", null, null, false, false, false, false, true, "farm", "01", 1, 0, 0, 0),
                hh("middle", null, null, false, false, false, false, true, "fishery", "01", 2, 0, 0, 0),
                hh("not_poor", "capital", "credit", false, false, false, false, false, null, "01", 1, 0, 0, 0));
        Dataset<Row> snapshot = spark().createDataFrame(hh.stream().map(RowFactory::create).toList(), schema);
        for (Row r : ReportTopicsMart.build(snapshot).collectAsList()) {
            rows.put(String.join("|", r.getAs("level"), r.getAs("unit_code"), r.getAs("status_group"), r.getAs("topic"),
                    r.getAs("category")), new long[]{r.getAs("households"), r.getAs("households_collected"),
                    r.getAs("value"), r.getAs("households_with")});
        }
    }

    /** households, households_collected, value, households_with of a row. */
    static long[] at(String level, String unit, String status, String topic, String category) {
        long[] v = rows.get(String.join("|", level, unit, status, topic, category));
        assertNotNull(v, "no row " + level + " " + unit + " " + status + " " + topic + " " + category);
        return v;
    }

    static void expect(String status, String topic, String category, long households, long collected, long value, long with) {
        for (String[] unit : List.of(new String[]{"commune", "30730"}, new String[]{"district", "899"},
                new String[]{"province", "91"}, new String[]{"region", "DBSCL"}, new String[]{"national", "VN"})) {
            assertEquals(List.of(households, collected, value, with),
                    java.util.Arrays.stream(at(unit[0], unit[1], status, topic, category)).boxed().toList(),
                    unit[0] + " " + status + " " + topic + " " + category + ": households, collected, value, with");
        }
    }

    @Test
    void causesOfPovertyCountTheHouseholdsThatNameThem() {
        expect("poor", "cause", "capital", 5, 4, 2, 2);
        expect("poor", "cause", "land", 5, 4, 1, 1);
        expect("poor", "cause", "labour", 5, 4, 1, 1);
        expect("poor", "cause", "illness", 5, 4, 1, 1);
        expect("poor", "cause", "other", 5, 4, 1, 1);
        expect("poor", "cause", "tools", 5, 4, 0, 0);
        expect("poor", "cause", "knowledge", 5, 4, 0, 0);
        expect("poor", "cause", "skills", 5, 4, 0, 0);
        expect("near_poor", "cause", "capital", 4, 4, 2, 2);
        expect("near_poor", "cause", "land", 4, 4, 1, 1);
        expect("near_poor", "cause", "tools", 4, 4, 1, 1);
        expect("near_poor", "cause", "knowledge", 4, 4, 1, 1);
        expect("near_poor", "cause", "skills", 4, 4, 1, 1);
        expect("near_poor", "cause", "labour", 4, 4, 0, 0);
        // middle-standard households were not asked: not collected, not zero causes
        expect("middle", "cause", "capital", 2, 0, 0, 0);
    }

    @Test
    void supportNeeds() {
        expect("poor", "support_need", "livelihood", 5, 4, 1, 1);
        expect("poor", "support_need", "credit", 5, 4, 2, 2);
        expect("poor", "support_need", "health", 5, 4, 2, 2);
        expect("poor", "support_need", "education", 5, 4, 1, 1);
        expect("poor", "support_need", "housing", 5, 4, 0, 0);
        expect("poor", "support_need", "other", 5, 4, 0, 0);
        expect("poor", "support_need", "none", 5, 4, 0, 0);
        expect("near_poor", "support_need", "livelihood", 4, 4, 2, 2);
        expect("near_poor", "support_need", "housing", 4, 4, 1, 1);
        expect("near_poor", "support_need", "education", 4, 4, 1, 1);
        expect("near_poor", "support_need", "credit", 4, 4, 1, 1);
        expect("near_poor", "support_need", "health", 4, 4, 0, 0);
    }

    @Test
    void targetGroupsWithSocialProtectionNotCollectedForTwoPoorHouseholds() {
        expect("poor", "target_group", "no_working_capacity", 5, 5, 2, 2);
        expect("poor", "target_group", "meritorious_person", 5, 5, 1, 1);
        expect("poor", "target_group", "social_protection", 5, 3, 2, 2);
        expect("poor", "target_group", "ethnic_minority", 5, 5, 2, 2);
        expect("poor", "target_group", "female_head", 5, 5, 2, 2);
        expect("near_poor", "target_group", "no_working_capacity", 4, 4, 1, 1);
        expect("near_poor", "target_group", "meritorious_person", 4, 4, 1, 1);
        expect("near_poor", "target_group", "social_protection", 4, 4, 1, 1);
        expect("near_poor", "target_group", "ethnic_minority", 4, 4, 1, 1);
        expect("near_poor", "target_group", "female_head", 4, 4, 1, 1);
    }

    @Test
    void eachEthnicGroupWithItsStatusGroupAsDenominator() {
        expect("poor", "ethnic_group", "01", 5, 5, 3, 3);
        expect("poor", "ethnic_group", "02", 5, 5, 1, 1);
        expect("poor", "ethnic_group", "04", 5, 5, 1, 1);
        expect("near_poor", "ethnic_group", "01", 4, 4, 3, 3);
        expect("near_poor", "ethnic_group", "02", 4, 4, 1, 1);
        expect("middle", "ethnic_group", "01", 2, 2, 2, 2);
        assertFalse(rows.containsKey("commune|30730|near_poor|ethnic_group|04"), "a group without households has no row");
    }

    @Test
    void sectorsOfFarmHouseholds() {
        expect("middle", "sector", "farm", 2, 2, 1, 1);
        expect("middle", "sector", "fishery", 2, 2, 1, 1);
        expect("middle", "sector", "forestry", 2, 2, 0, 0);
        expect("middle", "sector", "salt", 2, 2, 0, 0);
        // household 4 is a farm household without a sector: not collected
        expect("poor", "sector", "farm", 5, 4, 1, 1);
        expect("poor", "sector", "fishery", 5, 4, 1, 1);
        expect("near_poor", "sector", "forestry", 4, 4, 1, 1);
        expect("near_poor", "sector", "salt", 4, 4, 1, 1);
        expect("near_poor", "sector", "farm", 4, 4, 1, 1);
    }

    @Test
    void childrenCountChildrenAndTheHouseholdsWithThem() {
        expect("poor", "children", "under16", 5, 4, 6, 3);
        expect("poor", "children", "no_health_insurance", 5, 4, 3, 2);
        expect("poor", "children", "malnourished", 5, 4, 2, 2);
        expect("poor", "children", "out_of_school", 5, 4, 2, 2);
        expect("near_poor", "children", "under16", 4, 4, 7, 3);
        expect("near_poor", "children", "no_health_insurance", 4, 4, 1, 1);
        expect("near_poor", "children", "malnourished", 4, 4, 1, 1);
        expect("near_poor", "children", "out_of_school", 4, 4, 2, 1);
    }

    @Test
    void onlyPoorNearPoorAndMiddleHouseholdsAreCounted() {
        assertFalse(rows.keySet().stream().anyMatch(k -> k.contains("|not_poor|")), "not-poor households are not in the mart");
        // 3 statuses × (8 causes + 7 needs + 5 groups + 4 sectors + 4 children) + ethnic rows (3 + 2 + 1) per unit level
        assertEquals(5 * (3 * 28 + 6), rows.size());
    }
}
