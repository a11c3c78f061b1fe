package vn.rasoat.analysis.recheck;

import vn.rasoat.contracts.Contract;
import vn.rasoat.contracts.FieldSpec;
import vn.rasoat.ingest.ReasonCodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a re-check results file (CSV, contract {@code schemas/inputs/recheck_results.json}) row by row: a row that
 * breaks the contract, names another plan, a household not in the plan's sample, or repeats a household is held with
 * its file, row, field, value and reason; rows read = accepted + held.
 */
public final class RecheckResults {
    /** An accepted row. */
    public record Result(String householdId, LocalDate date, String status, Integer scoreA, Integer scoreB, String reviewer) {
    }

    /** A held row. */
    public record Held(String file, long row, String field, String value, String reason) {
    }

    public record Read(List<Result> accepted, List<Held> held, long rows) {
        public boolean balanced() {
            return rows == accepted.size() + held.size();
        }
    }

    private RecheckResults() {
    }

    public static Read read(Path file, Contract contract, String planId, int planYear, Set<String> sampledHouseholds) {
        List<Map<String, String>> rows;
        try (InputStream in = Files.newInputStream(file)) {
            rows = vn.rasoat.io.SimpleCsv.read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the re-check results " + file + ": " + e.getMessage(), e);
        }
        List<Result> ok = new ArrayList<>();
        List<Long> okLines = new ArrayList<>();
        List<Held> held = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String name = file.getFileName().toString();
        for (int i = 0; i < rows.size(); i++) {
            long line = i + 2L; // the header is line 1
            Map<String, String> r = new LinkedHashMap<>();
            rows.get(i).forEach((k, v) -> r.put(k.replace("\uFEFF", "").trim(),
                    v == null || v.isBlank() ? null : Normalizer.normalize(v.strip(), Normalizer.Form.NFC)));
            Held bad = check(name, line, r, contract);
            if (bad == null && !planId.equals(r.get("plan_id"))) {
                bad = new Held(name, line, "plan_id", r.get("plan_id"), "other_plan");
            }
            if (bad == null && r.get("review_year") != null && Integer.parseInt(r.get("review_year")) != planYear) {
                bad = new Held(name, line, "review_year", r.get("review_year"), "other_year");
            }
            if (bad == null && date(r.get("recheck_date")).isAfter(LocalDate.now())) {
                bad = new Held(name, line, "recheck_date", r.get("recheck_date"), ReasonCodes.OUT_OF_RANGE);
            }
            if (bad == null && !sampledHouseholds.contains(r.get("household_id"))) {
                bad = new Held(name, line, "household_id", r.get("household_id"), ReasonCodes.UNKNOWN_HOUSEHOLD);
            }
            if (bad == null && seen.containsKey(r.get("household_id"))) {
                bad = new Held(name, line, "plan_id+household_id", planId + "|" + r.get("household_id"), ReasonCodes.DUPLICATE_KEY);
            }
            if (bad != null) {
                held.add(bad);
                continue;
            }
            seen.put(r.get("household_id"), ok.size());
            okLines.add(line);
            ok.add(new Result(r.get("household_id"), date(r.get("recheck_date")), r.get("reverified_status").toLowerCase(java.util.Locale.ROOT),
                    integer(r.get("reverified_score_a")), integer(r.get("reverified_score_b")), r.get("reviewer")));
        }
        // a household given twice: every copy is held (which one is right is not ours to choose)
        List<Result> accepted = new ArrayList<>();
        Set<String> twice = new java.util.HashSet<>();
        for (Held h : held) {
            if (h.reason().equals(ReasonCodes.DUPLICATE_KEY)) {
                twice.add(h.value().substring(h.value().indexOf('|') + 1));
            }
        }
        for (int i = 0; i < ok.size(); i++) {
            Result x = ok.get(i);
            if (twice.contains(x.householdId())) {
                held.add(new Held(name, okLines.get(i), "plan_id+household_id", planId + "|" + x.householdId(),
                        ReasonCodes.DUPLICATE_KEY));
            } else {
                accepted.add(x);
            }
        }
        held.sort(java.util.Comparator.comparingLong(Held::row));
        return new Read(accepted, held, rows.size());
    }

    private static Held check(String file, long line, Map<String, String> r, Contract c) {
        for (FieldSpec f : c.fields()) {
            String v = r.get(f.name());
            if (v == null) {
                if (f.required()) {
                    return new Held(file, line, f.name(), null, r.containsKey(f.name()) ? ReasonCodes.MISSING_REQUIRED
                            : ReasonCodes.MISSING_COLUMN);
                }
                continue;
            }
            String reason = switch (f.type()) {
                case INT -> {
                    Integer x = integerOrNull(v);
                    yield x == null ? ReasonCodes.BAD_TYPE
                            : (f.min() != null && x < f.min()) || (f.max() != null && x > f.max()) ? ReasonCodes.OUT_OF_RANGE : null;
                }
                case DATE -> date(v) == null ? ReasonCodes.BAD_TYPE : null;
                case ENUM -> f.allowed().contains(v.toLowerCase(java.util.Locale.ROOT)) ? null : ReasonCodes.NOT_ALLOWED;
                default -> null;
            };
            if (reason == null && f.fullPattern() != null && !v.matches(f.fullPattern())) {
                reason = ReasonCodes.BAD_FORMAT;
            }
            if (reason == null && f.maxLength() != null && v.codePointCount(0, v.length()) > f.maxLength()) {
                reason = ReasonCodes.TOO_LONG;
            }
            if (reason != null) {
                return new Held(file, line, f.name(), v, reason);
            }
        }
        return null;
    }

    private static Integer integer(String v) {
        return v == null ? null : integerOrNull(v);
    }

    private static Integer integerOrNull(String v) {
        return v.matches("-?\\d{1,9}") ? Integer.parseInt(v) : null;
    }

    static LocalDate date(String v) {
        if (v == null) {
            return null;
        }
        for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("dd/MM/uuuu"))) {
            try {
                return LocalDate.parse(v, f.withResolverStyle(java.time.format.ResolverStyle.STRICT));
            } catch (java.time.format.DateTimeParseException e) {
                // the next form
            }
        }
        return null;
    }
}
