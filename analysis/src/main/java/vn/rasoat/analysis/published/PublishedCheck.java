package vn.rasoat.analysis.published;

import vn.rasoat.checks.Finding;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a table of published review results (the columns of {@code schemas/reference/
 * poverty_review_results_national_regional.csv}: one row per year, decision and unit, with counts and rates of poor,
 * near-poor and both) for internal consistency, cell by cell:
 * <ul>
 * <li>poor + near-poor households = the published poor-and-near-poor households;</li>
 * <li>the poor rate + the near-poor rate = the published total rate, within the rounding of the three figures;</li>
 * <li>the rates and counts of a row imply one number of households: each (count, rate) pair gives the range of
 * household totals its rounding allows, and a rate whose range misses the one the row's other figures imply is
 * reported with the range it should lie in;</li>
 * <li>the six regions sum to the nation, for each count, where a decision publishes the nation and every region.</li>
 * </ul>
 * A check whose figures are not all published is not made, and is listed as such (never passed silently).
 */
public final class PublishedCheck {
    /** What was found, how many checks were made, and which could not be made and why. */
    public record Result(List<Finding> findings, int checks, List<String> notChecked) {
        public boolean consistent() {
            return findings.isEmpty();
        }
    }

    /** The columns a published table must have. */
    public static final List<String> COLUMNS = List.of("review_year", "decision", "geo_level", "geo_key", "geo_name",
            "poor_households", "poor_rate_pct", "near_poor_households", "near_poor_rate_pct",
            "poor_and_near_poor_households", "poor_and_near_poor_rate_pct");

    private static final String[][] PAIRS = {{"poor_households", "poor_rate_pct"},
            {"near_poor_households", "near_poor_rate_pct"},
            {"poor_and_near_poor_households", "poor_and_near_poor_rate_pct"}};
    private static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private PublishedCheck() {
    }

    /**
     * @param table      the published rows, header name to text (a blank cell: not published)
     * @param regionKeys the keys of the regions that make up the nation
     */
    public static Result check(List<Map<String, String>> table, List<String> regionKeys) {
        if (!table.isEmpty()) {
            List<String> missing = COLUMNS.stream().filter(c -> !table.get(0).containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("the published table has no column " + String.join(", ", missing)
                        + " (expected: " + String.join(", ", COLUMNS) + ")");
            }
        }
        List<Finding> findings = new ArrayList<>();
        List<String> notChecked = new ArrayList<>();
        int checks = 0;
        for (Map<String, String> r : table) {
            String row = label(r);
            // poor + near-poor = both
            Long poor = count(r, "poor_households");
            Long near = count(r, "near_poor_households");
            Long both = count(r, "poor_and_near_poor_households");
            if (poor != null && near != null && both != null) {
                checks++;
                if (poor + near != both) {
                    findings.add(new Finding(row, "poor_and_near_poor_households", both, poor + near,
                            "poor + near-poor households"));
                }
            } else if ((poor != null ? 1 : 0) + (near != null ? 1 : 0) + (both != null ? 1 : 0) == 2) {
                notChecked.add(row + ": poor + near-poor households (one of the three counts not published)");
            }
            // poor rate + near-poor rate = total rate, within rounding
            BigDecimal pr = rate(r, "poor_rate_pct");
            BigDecimal nr = rate(r, "near_poor_rate_pct");
            BigDecimal tr = rate(r, "poor_and_near_poor_rate_pct");
            if (pr != null && nr != null && tr != null) {
                checks++;
                BigDecimal slack = half(pr).add(half(nr)).add(half(tr));
                BigDecimal sum = pr.add(nr);
                if (tr.subtract(sum).abs().compareTo(slack) > 0) {
                    findings.add(new Finding(row, "poor_and_near_poor_rate_pct", tr, sum.subtract(slack), sum.add(slack),
                            "poor rate + near-poor rate, within the rounding of the three rates"));
                }
            } else if ((pr != null ? 1 : 0) + (nr != null ? 1 : 0) + (tr != null ? 1 : 0) == 2) {
                notChecked.add(row + ": poor rate + near-poor rate (one of the three rates not published)");
            }
            checks += householdsAgree(r, row, findings, notChecked);
        }
        checks += regionsSumToTheNation(table, regionKeys, findings, notChecked);
        return new Result(findings, checks, notChecked);
    }

    /** Each (count, rate) pair of a row against the household total the row's other pairs imply. */
    private static int householdsAgree(Map<String, String> r, String row, List<Finding> findings, List<String> notChecked) {
        Map<String, BigDecimal[]> ranges = new LinkedHashMap<>();
        for (String[] p : PAIRS) {
            Long c = count(r, p[0]);
            BigDecimal rate = rate(r, p[1]);
            if (c != null && rate != null) {
                ranges.put(p[1], households(c, rate));
            }
        }
        if (ranges.size() < 2) {
            if (ranges.size() == 1) {
                notChecked.add(row + ": rates against counts (one count with its rate published: nothing to compare)");
            }
            return 0;
        }
        // each rate against the household range of the row's other pairs (with three pairs, the odd one out is named)
        int checks = 0;
        int before = findings.size();
        for (String[] p : PAIRS) {
            if (!ranges.containsKey(p[1])) {
                continue;
            }
            checks++;
            List<BigDecimal[]> others = new ArrayList<>();
            ranges.forEach((k, v) -> {
                if (!k.equals(p[1])) {
                    others.add(v);
                }
            });
            BigDecimal[] implied = intersection(others);
            if (implied != null && intersection(List.of(implied, ranges.get(p[1]))) == null) {
                findings.add(rateFinding(r, row, p, implied, "the row's other figures imply"));
            }
        }
        // no single figure to blame (the others disagree among themselves too): name each pair that disagrees
        if (findings.size() == before && intersection(new ArrayList<>(ranges.values())) == null) {
            List<String[]> present = java.util.Arrays.stream(PAIRS).filter(p -> ranges.containsKey(p[1])).toList();
            for (int i = 0; i < present.size(); i++) {
                for (int j = i + 1; j < present.size(); j++) {
                    BigDecimal[] a = ranges.get(present.get(i)[1]);
                    if (intersection(List.of(a, ranges.get(present.get(j)[1]))) == null) {
                        findings.add(rateFinding(r, row, present.get(j), a, present.get(i)[0] + " at its rate implies"));
                    }
                }
            }
        }
        return checks;
    }

    /** The range a rate should lie in for its count, given a range of household totals. */
    private static Finding rateFinding(Map<String, String> r, String row, String[] pair, BigDecimal[] households,
                                       String because) {
        long c = count(r, pair[0]);
        BigDecimal hundredC = HUNDRED.multiply(BigDecimal.valueOf(c));
        BigDecimal low = households[1] == null ? BigDecimal.ZERO : hundredC.divide(households[1], MC);
        BigDecimal high = hundredC.divide(households[0], MC);
        return new Finding(row, pair[1], rate(r, pair[1]), low.setScale(4, RoundingMode.FLOOR),
                high.setScale(4, RoundingMode.CEILING), "rate = " + pair[0] + " / all households; " + because + " "
                + String.format("%,d–%s", households[0].setScale(0, RoundingMode.CEILING).longValue(),
                households[1] == null ? "…" : String.format("%,d", households[1].setScale(0, RoundingMode.FLOOR).longValue()))
                + " households");
    }

    /** The common part of household ranges ([low, high], high null when unbounded), or null when they do not meet. */
    private static BigDecimal[] intersection(List<BigDecimal[]> ranges) {
        BigDecimal lo = BigDecimal.ZERO;
        BigDecimal hi = null;
        for (BigDecimal[] x : ranges) {
            lo = lo.max(x[0]);
            hi = x[1] == null ? hi : hi == null ? x[1] : hi.min(x[1]);
        }
        return hi != null && lo.compareTo(hi) > 0 ? null : new BigDecimal[]{lo, hi};
    }

    /** The household totals a count and its rounded rate (in %) allow: [low, high], high null when unbounded. */
    static BigDecimal[] households(long count, BigDecimal ratePct) {
        BigDecimal c = HUNDRED.multiply(BigDecimal.valueOf(count));
        BigDecimal up = ratePct.add(half(ratePct));
        BigDecimal down = ratePct.subtract(half(ratePct));
        return new BigDecimal[]{c.divide(up, MC), down.signum() > 0 ? c.divide(down, MC) : null};
    }

    /** Per year and decision with a national row and every region published: each count of the regions sums to it. */
    private static int regionsSumToTheNation(List<Map<String, String>> table, List<String> regionKeys,
                                             List<Finding> findings, List<String> notChecked) {
        Map<String, List<Map<String, String>>> groups = new TreeMap<>();
        for (Map<String, String> r : table) {
            groups.computeIfAbsent(r.get("review_year") + " " + r.get("decision"), k -> new ArrayList<>()).add(r);
        }
        int checks = 0;
        for (Map.Entry<String, List<Map<String, String>>> g : groups.entrySet()) {
            Map<String, String> nation = g.getValue().stream().filter(r -> "national".equals(r.get("geo_level")))
                    .findFirst().orElse(null);
            List<Map<String, String>> regions = g.getValue().stream().filter(r -> "region".equals(r.get("geo_level"))).toList();
            if (nation == null || regions.isEmpty()) {
                continue;
            }
            for (String[] p : PAIRS) {
                String column = p[0];
                if (count(nation, column) == null) {
                    continue;
                }
                List<String> published = regions.stream().filter(r -> count(r, column) != null)
                        .map(r -> r.get("geo_key")).toList();
                if (!published.containsAll(regionKeys)) {
                    notChecked.add(g.getKey() + ": regions sum to the nation, " + column + " (" + published.size() + " of "
                            + regionKeys.size() + " regions publish it)");
                    continue;
                }
                checks++;
                long sum = regions.stream().filter(r -> regionKeys.contains(r.get("geo_key")))
                        .mapToLong(r -> count(r, column)).sum();
                if (sum != count(nation, column)) {
                    findings.add(new Finding(label(nation), column, count(nation, column), sum,
                            "sum of the " + regionKeys.size() + " regions"));
                }
            }
        }
        return checks;
    }

    private static String label(Map<String, String> r) {
        String d = r.get("decision") == null ? "" : r.get("decision");
        return r.get("review_year") + " " + r.get("geo_level") + " " + r.get("geo_key") + " "
                + (d.startsWith("(") ? d : "(" + d + ")");
    }

    private static Long count(Map<String, String> r, String column) {
        String v = r.get(column);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label(r) + ", column " + column + ": '" + v + "' is not a whole number");
        }
    }

    private static BigDecimal rate(Map<String, String> r, String column) {
        String v = r.get(column);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label(r) + ", column " + column + ": '" + v + "' is not a number");
        }
    }

    /** Half a unit of the last published decimal: the most rounding can have moved the figure. */
    private static BigDecimal half(BigDecimal published) {
        return BigDecimal.ONE.movePointLeft(Math.max(published.scale(), 0)).divide(BigDecimal.valueOf(2));
    }
}
