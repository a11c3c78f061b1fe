package vn.rasoat.rules;

import org.junit.jupiter.api.Test;
import vn.rasoat.ProjectFiles;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RulebookTest extends ProjectFiles {
    private final Rulebooks rulebooks = Rulebooks.load(schemas());

    @Test
    void calendarPicksTheStandardByReviewYear() {
        assertEquals("2016_2020", rulebooks.standardForYear(2021));
        assertEquals("2022_2025", rulebooks.standardForYear(2022));
        assertEquals("2022_2025", rulebooks.standardForYear(2026));
        assertEquals("2027_2030", rulebooks.standardForYear(2027));
        assertThrows(IllegalArgumentException.class, () -> rulebooks.standardForYear(2015));
    }

    @Test
    void thresholdsAndIndicatorsOfEachStandard() {
        Rulebook r2022 = rulebooks.get("2022_2025");
        assertEquals(new ScoreBands(null, 140), r2022.bands(false));
        assertEquals(new ScoreBands(null, 175), r2022.bands(true));
        assertEquals(12, r2022.indicators().size());
        assertEquals(30, r2022.scoreB(3));
        Rulebook r2016 = rulebooks.get("2016_2020");
        assertEquals(new ScoreBands(120, 150), r2016.bands(false));
        assertEquals(new ScoreBands(140, 175), r2016.bands(true));
        assertEquals(10, r2016.indicators().size());
        assertTrue(rulebooks.get("2027_2030").thresholdsProvisional());
        assertFalse(rulebooks.get("2027_2030").indicatorCodes().contains("information_means"));
        assertTrue(rulebooks.get("2027_2030").indicatorCodes().contains("waste_treatment"));
    }

    @Test
    void formAScreening() {
        assertTrue(rulebooks.get("2022_2025").formA().reviewed(3));
        assertFalse(rulebooks.get("2022_2025").formA().reviewed(4));
        assertTrue(rulebooks.get("2016_2020").formA().reviewed(2));
        assertFalse(rulebooks.get("2016_2020").formA().reviewed(3));
    }

    @Test
    void middleBandBoundsAreOpenBelowClosedAbove() {
        IncomeBand rural = rulebooks.get("2022_2025").middleBand().get(Rulebook.RURAL);
        assertFalse(rural.contains(1_500_000));
        assertTrue(rural.contains(1_500_001));
        assertTrue(rural.contains(2_250_000));
        assertFalse(rural.contains(2_250_001));
        IncomeBand urban = rulebooks.get("2022_2025").middleBand().get(Rulebook.URBAN);
        assertFalse(urban.contains(2_000_000));
        assertTrue(urban.contains(3_000_000));
        assertFalse(urban.contains(3_000_001));
    }

    @Test
    void sampleB1TablesSayTheyAreSamplesAndScoreByTheTable() {
        Rulebook r = rulebooks.get("2022_2025");
        B1Table t = r.table(false, "DBSCL");
        assertTrue(t.sample());
        assertEquals("2022_2025/rural_DBSCL", t.tableId());
        Map<String, String> answers = new HashMap<>();
        answers.put("hh_size", "4");              // 16
        answers.put("n_children_under16", "2");   // 2
        answers.put("n_elderly_60plus", "0");     // 4
        answers.put("head_education", "primary"); // 4
        answers.put("n_wage_workers", "1");       // 8
        answers.put("house_type", "semi_permanent"); // 8
        answers.put("floor_area_m2", "45");       // 5
        answers.put("cooking_fuel", "wood");      // 0
        answers.put("has_tv", "true");            // 6
        answers.put("has_motorbike", "true");     // 12
        answers.put("land_area_m2", "6000");      // 24 (DBSCL land points doubled)
        answers.put("n_cattle", "2");             // 5
        assertEquals(50 + 16 + 2 + 4 + 4 + 8 + 8 + 5 + 0 + 6 + 12 + 24 + 5, t.score(answers));
        assertThrows(IllegalArgumentException.class, () -> r.table(false, "NOWHERE"));
    }

    @Test
    void b1TableRejectsATableWithoutConstant() {
        assertThrows(IllegalArgumentException.class, () -> B1Table.parse("x", false,
                List.of(Map.of("variable", "hh_size", "answer", "1", "points", "3")), "test"));
    }
}
