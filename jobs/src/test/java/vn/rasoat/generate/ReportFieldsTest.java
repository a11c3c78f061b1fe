package vn.rasoat.generate;

import org.junit.jupiter.api.Test;
import vn.rasoat.ProjectFiles;
import vn.rasoat.rules.Status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generator's report fields follow the household's own forms, for 2,000 households drawn with every combination
 * of deprivations: nutrition → a malnourished child, child schooling → a child out of school, health insurance → an
 * uninsured child when there are children, no working capacity → lack of labour, a deprivation in health, schooling
 * or housing → that support need; no count of children above the children under 16; causes and needs only for poor
 * and near-poor households; a sector only for farm households; nothing drawn for a household screened out.
 */
class ReportFieldsTest extends ProjectFiles {
    static final List<String> DEPRIVATIONS = List.of("d_nutrition", "d_child_schooling", "d_health_insurance",
            "d_health_care_access", "d_adult_education", "d_housing_quality", "d_housing_area");
    static final Set<String> CAUSES = Set.of("land", "capital", "labour", "tools", "knowledge", "skills", "illness", "other");
    static final Set<String> NEEDS = Set.of("health", "education", "livelihood", "credit", "housing", "other", "none");

    static int n(Map<String, String> row, String field) {
        return Integer.parseInt(row.get(field));
    }

    @Test
    void theFieldsFollowTheHouseholdsForms() {
        GeneratorSettings settings = GeneratorSettings.load(schemas());
        SplittableRandom draw = new SplittableRandom(7);
        int malnourished = 0;
        int labour = 0;
        for (int i = 0; i < 2_000; i++) {
            String status = List.of(Status.POOR, Status.NEAR_POOR, Status.MIDDLE, Status.NOT_POOR).get(i % 4);
            boolean noWork = draw.nextBoolean();
            boolean farm = draw.nextBoolean();
            Map<String, String> b1 = new HashMap<>(Map.of("n_children_under16", String.valueOf(draw.nextInt(4))));
            Map<String, String> b2 = new HashMap<>();
            for (String d : DEPRIVATIONS) {
                b2.put(d, String.valueOf(draw.nextBoolean()));
            }
            b2.put("n_children_malnourished", String.valueOf(draw.nextInt(3)));
            b2.put("n_children_out_of_school", String.valueOf(draw.nextInt(3)));
            Map<String, String> roster = new HashMap<>();
            new ReportFields(settings.reportFields(), 20211, "run-" + i, "h" + i).fill(roster, status, noWork, farm, b1, b2);
            String what = "household " + i + " " + status + " " + b2 + " " + roster;
            int kids = n(roster, "children_under16");
            for (String c : List.of("children_no_health_insurance", "children_malnourished", "children_out_of_school")) {
                assertTrue(n(roster, c) >= 0 && n(roster, c) <= kids, c + " within the children under 16: " + what);
            }
            assertEquals(b2.get("d_nutrition").equals("true"), n(roster, "children_malnourished") > 0, what);
            assertEquals(b2.get("d_child_schooling").equals("true"), n(roster, "children_out_of_school") > 0, what);
            assertEquals(b2.get("d_health_insurance").equals("true") && kids > 0, n(roster, "children_no_health_insurance") > 0, what);
            assertEquals(farm, !roster.get("sector").isEmpty(), what);
            assertTrue(!farm || Set.of("farm", "forestry", "fishery", "salt").contains(roster.get("sector")), what);
            assertTrue(Set.of("true", "false").contains(roster.get("social_protection")), what);
            boolean poorOrNear = status.equals(Status.POOR) || status.equals(Status.NEAR_POOR);
            if (!poorOrNear) {
                assertEquals("", roster.get("poverty_causes"), what);
                assertEquals("", roster.get("support_needs"), what);
                continue;
            }
            List<String> causes = List.of(roster.get("poverty_causes").split(";"));
            List<String> needs = List.of(roster.get("support_needs").split(";"));
            assertTrue(CAUSES.containsAll(causes) && !causes.isEmpty(), what);
            assertTrue(NEEDS.containsAll(needs) && !needs.isEmpty(), what);
            assertEquals(noWork, noWork && causes.contains("labour"), what);
            if (b2.get("d_nutrition").equals("true") || b2.get("d_health_insurance").equals("true")
                    || b2.get("d_health_care_access").equals("true")) {
                assertTrue(needs.contains("health"), what);
            }
            if (b2.get("d_child_schooling").equals("true") || b2.get("d_adult_education").equals("true")) {
                assertTrue(needs.contains("education"), what);
            }
            if (b2.get("d_housing_quality").equals("true") || b2.get("d_housing_area").equals("true")) {
                assertTrue(needs.contains("housing"), what);
            }
            malnourished += n(roster, "children_malnourished") > 0 ? 1 : 0;
            labour += causes.contains("labour") ? 1 : 0;
        }
        assertTrue(malnourished > 100 && labour > 100, "the combinations were drawn: " + malnourished + ", " + labour);
        // a household screened out (no form B1 or B2) has no causes, needs or children recorded
        Map<String, String> screened = new HashMap<>();
        new ReportFields(settings.reportFields(), 20211, "run", "h").fill(screened, Status.POOR, false, false, null, null);
        for (String f : List.of("poverty_causes", "support_needs", "children_under16", "children_malnourished")) {
            assertEquals("", screened.get(f), f);
        }
    }
}
