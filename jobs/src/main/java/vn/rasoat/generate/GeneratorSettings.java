package vn.rasoat.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.rasoat.io.SchemaSource;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The generator's shaping settings, from {@code schemas/generator/settings.json} (none are official figures). */
public record GeneratorSettings(
        String version,
        double growthPerYear,
        double diedOut,
        double movedAway,
        double merged,
        double split,
        double splitDissolvesParent,
        double movedIn,
        double newFormed,
        double communeMultiplierSd,
        double declinePerYear,
        double notPoorApplicants,
        double screenedOutShare,
        double middleShare,
        double farmShareRural,
        double farmShareUrban,
        double femaleHeadShare,
        double meritoriousShare,
        double noWorkingCapacityShareOfPoor,
        Map<String, Double> minorityShare,
        Map<String, List<String>> minorityCodes,
        int hamletsMin,
        int householdsPerHamlet,
        int hamletsMax,
        double regularRunShare,
        int regularRunDay,
        int manipulationWindow) implements Serializable {

    public static GeneratorSettings load(SchemaSource source) {
        String path = "generator/settings.json";
        try {
            JsonNode r = new ObjectMapper().readTree(source.readString(path));
            JsonNode d = r.path("demography_per_year");
            Map<String, Double> share = new HashMap<>();
            r.path("minority_share_by_region").fields().forEachRemaining(e -> share.put(e.getKey(), e.getValue().asDouble()));
            Map<String, List<String>> codes = new HashMap<>();
            r.path("minority_codes_by_region").fields().forEachRemaining(e -> {
                List<String> list = new ArrayList<>();
                e.getValue().forEach(n -> list.add(n.asText()));
                codes.put(e.getKey(), List.copyOf(list));
            });
            JsonNode h = r.path("hamlets_per_commune");
            return new GeneratorSettings(r.path("version").asText(),
                    r.path("household_growth_per_year_since_2019").asDouble(),
                    d.path("died_out").asDouble(), d.path("moved_away").asDouble(), d.path("merged").asDouble(),
                    d.path("split").asDouble(), d.path("split_dissolves_parent").asDouble(),
                    d.path("moved_in").asDouble(), d.path("new_formed").asDouble(),
                    r.path("commune_rate_multiplier_sd").asDouble(),
                    r.path("rate_decline_per_year_after_last_published").asDouble(),
                    r.path("applicants_not_poor_per_household").asDouble(),
                    r.path("applicants_screened_out_share").asDouble(),
                    r.path("middle_share_of_households").asDouble(),
                    r.path("farm_household_share").path("rural").asDouble(),
                    r.path("farm_household_share").path("urban").asDouble(),
                    r.path("female_head_share").asDouble(), r.path("meritorious_share").asDouble(),
                    r.path("no_working_capacity_share_of_poor").asDouble(), Map.copyOf(share), Map.copyOf(codes),
                    h.path("min").asInt(), h.path("households_per_hamlet").asInt(), h.path("max").asInt(),
                    r.path("regular_run_share_of_new_entrants").asDouble(0), r.path("regular_run_day_of_month").asInt(15),
                    r.path("manipulation_window_points").asInt(10));
        } catch (IOException e) {
            throw new IllegalArgumentException("bad generator settings " + source.describe(path) + ": " + e.getMessage(), e);
        }
    }
}
