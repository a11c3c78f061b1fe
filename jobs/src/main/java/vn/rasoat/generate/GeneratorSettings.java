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
        int manipulationWindow,
        ReportFieldShares reportFields) implements Serializable {

    /** Shapes of the report fields (roster 1.1.0): weights and shares keyed by the contract's codes. */
    public record ReportFieldShares(Map<String, Double> causeWeights, int causesMax, Map<String, Double> supportShares,
                                    double socialProtectionNoWorkingCapacity, double socialProtectionOther,
                                    Map<String, Double> sectorShares) implements Serializable {
        static ReportFieldShares of(JsonNode n) {
            JsonNode sp = n.path("social_protection_share");
            return new ReportFieldShares(doubles(n.path("cause_weights")), n.path("causes_max").asInt(3),
                    doubles(n.path("support_shares")), sp.path("no_working_capacity").asDouble(),
                    sp.path("other").asDouble(), doubles(n.path("sector_shares")));
        }

        private static Map<String, Double> doubles(JsonNode n) {
            Map<String, Double> m = new java.util.LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
            return java.util.Collections.unmodifiableMap(m);
        }
    }

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
                    r.path("manipulation_window_points").asInt(10),
                    ReportFieldShares.of(r.path("report_fields")));
        } catch (IOException e) {
            throw new IllegalArgumentException("bad generator settings " + source.describe(path) + ": " + e.getMessage(), e);
        }
    }
}
