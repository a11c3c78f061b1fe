package vn.rasoat.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A form B1 point table: score A = constant + the points of each variable's answer. Loaded from a CSV
 * (variable, answer, points) whose {@code _constant} row holds the constant; see docs/rules.md#score-a.
 */
public record B1Table(String tableId, boolean sample, int constant, List<Entry> entries) implements Serializable {

    /** One answer's points; an integer answer is either exact or a range lo..hi (hi null: open). */
    public record Entry(String variable, String answer, Long lo, Long hi, int points) implements Serializable {
        public boolean isRange() {
            return lo != null;
        }

        public boolean matches(String value) {
            if (value == null) {
                return false;
            }
            if (!isRange()) {
                return answer.equalsIgnoreCase(value.trim());
            }
            long v;
            try {
                v = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return false;
            }
            return v >= lo && (hi == null || v <= hi);
        }
    }

    public B1Table {
        Objects.requireNonNull(tableId, "tableId is null");
        entries = List.copyOf(entries);
    }

    public static B1Table parse(String tableId, boolean sample, List<Map<String, String>> rows, String where) {
        Integer constant = null;
        List<Entry> entries = new ArrayList<>();
        int line = 0;
        for (Map<String, String> r : rows) {
            line++;
            String variable = r.get("variable");
            String answer = r.getOrDefault("answer", "");
            int points;
            try {
                points = Integer.parseInt(r.get("points"));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + " data row " + line + ": points '" + r.get("points")
                        + "' is not an integer");
            }
            if (variable == null || variable.isBlank()) {
                throw new IllegalArgumentException(where + " data row " + line + ": empty variable");
            }
            if (variable.equals("_constant")) {
                constant = points;
                continue;
            }
            Long lo = null;
            Long hi = null;
            if (answer.matches("-?\\d+\\.\\.(-?\\d+)?")) {
                String[] parts = answer.split("\\.\\.", -1);
                lo = Long.parseLong(parts[0]);
                hi = parts[1].isEmpty() ? null : Long.parseLong(parts[1]);
            } else if (answer.matches("-?\\d+")) {
                lo = Long.parseLong(answer);
                hi = lo;
            }
            entries.add(new Entry(variable, answer, lo, hi, points));
        }
        if (constant == null) {
            throw new IllegalArgumentException(where + ": no _constant row");
        }
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                Entry a = entries.get(i);
                Entry b = entries.get(j);
                boolean sameVariable = a.variable().equals(b.variable());
                boolean overlap = a.isRange() && b.isRange()
                        ? (a.hi() == null || b.lo() <= a.hi()) && (b.hi() == null || a.lo() <= b.hi())
                        : !a.isRange() && !b.isRange() && a.answer().equalsIgnoreCase(b.answer());
                if (sameVariable && overlap) {
                    throw new IllegalArgumentException(where + ": answers '" + a.answer() + "' and '" + b.answer()
                            + "' of " + a.variable() + " overlap: each answer must score once");
                }
            }
        }
        return new B1Table(tableId, sample, constant, entries);
    }

    public List<String> variables() {
        return entries.stream().map(Entry::variable).distinct().toList();
    }

    public List<Entry> entriesOf(String variable) {
        return entries.stream().filter(e -> e.variable().equals(variable)).toList();
    }

    /** Points of one answer: the first matching entry, 0 when none matches. */
    public int points(String variable, String value) {
        for (Entry e : entries) {
            if (e.variable().equals(variable) && e.matches(value)) {
                return e.points();
            }
        }
        return 0;
    }

    /** Score A of a household's answers (variable → answer as text). */
    public int score(Map<String, String> answers) {
        int total = constant;
        for (String v : variables()) {
            total += points(v, answers.get(v));
        }
        return total;
    }
}
