package vn.rasoat.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.rasoat.io.SchemaSource;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All input contracts, loaded from {@code schemas/inputs/}. */
public final class Contracts implements Serializable {
    /** Record types in the order they are ingested: the roster before the forms that refer to it. */
    public static final List<String> RECORD_TYPES = List.of(
            "review_runs", "household_roster", "form_a", "form_b1", "form_b2", "income_viii",
            "start_list", "commune_totals", "hamlets");

    private final Map<String, Contract> byType;

    private Contracts(Map<String, Contract> byType) {
        this.byType = byType;
    }

    public static Contracts load(SchemaSource source) {
        Map<String, Contract> map = new LinkedHashMap<>();
        for (String type : RECORD_TYPES) {
            String path = "inputs/" + type + ".json";
            try {
                Contract c = parse(source.readString(path));
                if (!c.recordType().equals(type)) {
                    throw new IllegalArgumentException("record_type is " + c.recordType() + ", expected " + type);
                }
                map.put(type, c);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("bad contract " + source.describe(path) + ": " + e.getMessage(), e);
            }
        }
        return new Contracts(map);
    }

    /**
     * One contract by name, also one outside the ingested record types (e.g. {@code recheck_results}, read by the
     * command that takes such a file).
     */
    public static Contract loadOne(SchemaSource source, String recordType) {
        String path = "inputs/" + recordType + ".json";
        try {
            return parse(source.readString(path));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad contract " + source.describe(path) + ": " + e.getMessage(), e);
        }
    }

    static Contract parse(String json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            List<String> key = new ArrayList<>();
            root.path("key").forEach(n -> key.add(n.asText()));
            List<FieldSpec> fields = new ArrayList<>();
            for (JsonNode f : root.path("fields")) {
                List<String> allowed = new ArrayList<>();
                f.path("allowed").forEach(n -> allowed.add(n.asText()));
                fields.add(new FieldSpec(
                        text(f, "name"), FieldType.parse(text(f, "type")), f.path("required").asBoolean(false),
                        allowed, longOrNull(f, "min"), longOrNull(f, "max"),
                        f.has("length") ? f.get("length").asInt() : null,
                        f.has("max_length") ? f.get("max_length").asInt() : null,
                        text(f, "pattern"), text(f, "ref"), text(f, "max_field"), f.path("pii").asBoolean(false),
                        f.path("money").asBoolean(false), text(f, "heading_vi"), text(f, "vi"), text(f, "en")));
            }
            return new Contract(text(root, "record_type"), text(root, "version"), text(root, "valid_from"),
                    text(root, "sheet_vi"), text(root, "vi"), text(root, "en"), key, fields);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long longOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    public Contract get(String recordType) {
        Contract c = byType.get(recordType);
        if (c == null) {
            throw new IllegalArgumentException("unknown record type '" + recordType + "'; known: " + RECORD_TYPES);
        }
        return c;
    }

    public List<Contract> all() {
        return List.copyOf(byType.values());
    }

    /** The contract whose Vietnamese sheet name or record type matches an XLSX sheet name, if any. */
    public Contract forSheet(String sheetName) {
        String wanted = fold(sheetName);
        for (Contract c : byType.values()) {
            if (fold(c.recordType()).equals(wanted) || (c.sheetVi() != null && fold(c.sheetVi()).equals(wanted))) {
                return c;
            }
        }
        return null;
    }

    /** Case, space and Unicode-form folding used to match Vietnamese headings. */
    public static String fold(String s) {
        if (s == null) {
            return "";
        }
        String n = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFC);
        return n.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s_\\-]+", " ").trim();
    }
}
