package vn.rasoat.generate;

import vn.rasoat.contracts.Contract;
import vn.rasoat.contracts.Contracts;
import vn.rasoat.contracts.FieldSpec;
import vn.rasoat.contracts.FieldType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Realistic dirt at a configurable rate, applied to generated rows before they are written: missing fields,
 * out-of-range answers, garbled numbers, unknown commune codes, duplicate household ids, numbers written with
 * Vietnamese thousands separators (1.500.000) and wrong totals written on the form; on the household roster, causes
 * and needs written as words and a count of children above the children under 16. It counts what it did.
 */
final class Dirt implements RowSink {
    static final String UNKNOWN_COMMUNE = "99999";
    private final RowSink out;
    private final Contracts contracts;
    private final double rate;
    private final SplittableRandom rng;
    /** The report fields' own streams: their dirt leaves the rest of the dirt as it was drawn without them. */
    private final SplittableRandom listRng;
    private final SplittableRandom childRng;
    private final Map<String, Long> counts = new TreeMap<>();

    Dirt(RowSink out, Contracts contracts, double rate, long seed) {
        this.out = out;
        this.contracts = contracts;
        this.rate = rate;
        this.rng = new SplittableRandom(seed);
        this.listRng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.childRng = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
    }

    Map<String, Long> counts() {
        return counts;
    }

    @Override
    public void accept(String recordType, int year, Map<String, String> row) {
        if (rate > 0 && recordType.equals("household_roster")) {
            row = childCountAboveTotal(unknownListCode(row));
        }
        if (rate <= 0 || recordType.equals("commune_totals") || recordType.equals("hamlets")
                || recordType.equals("start_list") || rng.nextDouble() >= rate) {
            out.accept(recordType, year, row);
            return;
        }
        Contract c = contracts.get(recordType);
        Map<String, String> dirty = new LinkedHashMap<>(row);
        List<String> kinds = new ArrayList<>(List.of("missing_required", "out_of_range", "bad_number",
                "unknown_commune", "wrong_total", "vn_number"));
        if (recordType.equals("household_roster")) {
            kinds.add("duplicate_id");
        }
        String kind = kinds.get(rng.nextInt(kinds.size()));
        boolean applied = switch (kind) {
            case "missing_required" -> blank(c, dirty);
            case "out_of_range" -> outOfRange(c, dirty);
            case "bad_number" -> garble(c, dirty);
            case "unknown_commune" -> dirty.put("commune_code", UNKNOWN_COMMUNE) != null;
            case "wrong_total" -> wrongTotal(dirty);
            case "vn_number" -> vietnameseNumber(c, dirty);
            case "duplicate_id" -> {
                out.accept(recordType, year, dirty);
                yield true;
            }
            default -> false;
        };
        if (applied) {
            counts.merge(recordType + ":" + kind, 1L, Long::sum);
        }
        out.accept(recordType, year, dirty);
    }

    /**
     * A cause of poverty or a support need written as words instead of a code (e.g. "thiếu vốn"), at the dirt rate,
     * on rows that have such a list.
     */
    private Map<String, String> unknownListCode(Map<String, String> row) {
        String field = listRng.nextBoolean() ? "poverty_causes" : "support_needs";
        String v = row.get(field);
        if (listRng.nextDouble() >= rate || v == null || v.isEmpty()) {
            return row;
        }
        Map<String, String> dirty = new LinkedHashMap<>(row);
        dirty.put(field, v + ";" + (field.equals("poverty_causes") ? "thiếu vốn" : "vay vốn"));
        counts.merge("household_roster:unknown_list_code", 1L, Long::sum);
        return dirty;
    }

    /**
     * A count of children (without health insurance, malnourished or out of school) written above the household's
     * children under 16, at the dirt rate, on rows that record children: the ingest holds it as exceeds_field.
     */
    private Map<String, String> childCountAboveTotal(Map<String, String> row) {
        String field = List.of("children_no_health_insurance", "children_malnourished", "children_out_of_school")
                .get(childRng.nextInt(3));
        String total = row.get("children_under16");
        if (childRng.nextDouble() >= rate || total == null || total.isEmpty() || row.get(field) == null
                || Integer.parseInt(total) >= 25) {
            return row;
        }
        Map<String, String> dirty = new LinkedHashMap<>(row);
        dirty.put(field, String.valueOf(Integer.parseInt(total) + 1));
        counts.merge("household_roster:child_count_above_total", 1L, Long::sum);
        return dirty;
    }

    private boolean blank(Contract c, Map<String, String> row) {
        List<FieldSpec> candidates = c.fields().stream()
                .filter(f -> f.required() && !f.name().equals("review_year") && row.containsKey(f.name())).toList();
        if (candidates.isEmpty()) {
            return false;
        }
        row.put(candidates.get(rng.nextInt(candidates.size())).name(), "");
        return true;
    }

    private boolean outOfRange(Contract c, Map<String, String> row) {
        List<FieldSpec> candidates = c.fields().stream().filter(f -> f.max() != null && f.required()
                && (f.type() == FieldType.INT || f.type() == FieldType.LONG) && row.containsKey(f.name())
                && !f.name().equals("review_year")).toList();
        if (candidates.isEmpty()) {
            return false;
        }
        FieldSpec f = candidates.get(rng.nextInt(candidates.size()));
        row.put(f.name(), String.valueOf(f.max() + 1 + rng.nextInt(50)));
        return true;
    }

    private boolean garble(Contract c, Map<String, String> row) {
        List<FieldSpec> candidates = c.fields().stream().filter(f -> f.required()
                && (f.type() == FieldType.INT || f.type() == FieldType.LONG) && row.containsKey(f.name())
                && !f.name().equals("review_year")).toList();
        if (candidates.isEmpty()) {
            return false;
        }
        FieldSpec f = candidates.get(rng.nextInt(candidates.size()));
        row.put(f.name(), row.get(f.name()) + "o");
        return true;
    }

    private boolean wrongTotal(Map<String, String> row) {
        for (String total : List.of("recorded_score_a", "recorded_score_b", "recorded_income_per_capita_month",
                "recorded_ticked")) {
            String v = row.get(total);
            if (v != null && !v.isEmpty()) {
                long x = Long.parseLong(v);
                long delta = total.startsWith("recorded_income") ? 10_000L * (1 + rng.nextInt(20)) : 1 + rng.nextInt(3);
                row.put(total, String.valueOf(x + delta));
                return true;
            }
        }
        return false;
    }

    /** A money field written the Vietnamese way: 1.500.000 (dot as thousands separator). */
    private boolean vietnameseNumber(Contract c, Map<String, String> row) {
        for (FieldSpec f : c.fields()) {
            String v = row.get(f.name());
            if (f.money() && v != null && v.matches("\\d{4,}")) {
                row.put(f.name(), String.format(java.util.Locale.GERMANY, "%,d", Long.parseLong(v)));
                return true;
            }
        }
        return false;
    }
}
