package vn.rasoat.budget;

import vn.rasoat.io.SchemaSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A review budget computed in exact integer đồng ({@code long}, overflow-checked): a row per district (per
 * commune where the year has no districts) with each line's amount and formula, the district total, the column
 * totals, the province-level lines and the grand total.
 */
public record Budget(CostSet costs, int year, List<UnitRow> units, Map<String, Long> columnTotals, long unitsTotal,
                     List<Cell> provinceLines, long provinceTotal, long grandTotal, String countsSource) {

    /** One computed amount with the arithmetic behind it. */
    public record Cell(String code, long count, Long norm, long amount, String formula) {
    }

    /** A district's counts and amounts. */
    public record UnitRow(String code, String name, Map<String, Long> counts, List<Cell> cells, long total) {
    }

    /** The counts of one district; lump sums by lump name. */
    public record UnitCounts(String code, String name, Map<String, Long> counts, Map<String, Long> lumps) {
    }

    public static Budget compute(CostSet costs, int year, List<UnitCounts> units, Map<String, Long> provinceCounts,
                                 String countsSource) {
        List<UnitRow> rows = new ArrayList<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        long all = 0;
        for (UnitCounts u : units) {
            List<Cell> cells = new ArrayList<>();
            long total = 0;
            for (CostSet.Line l : costs.districtLines()) {
                Cell c = cell(l, u.counts(), u.lumps(), costs.defaultLumps(), u.name());
                cells.add(c);
                total = Math.addExact(total, c.amount());
                totals.merge(l.code(), c.amount(), Math::addExact);
            }
            for (Map.Entry<String, Long> e : u.counts().entrySet()) {
                totals.merge("count:" + e.getKey(), e.getValue(), Math::addExact);
            }
            rows.add(new UnitRow(u.code(), u.name(), u.counts(), cells, total));
            all = Math.addExact(all, total);
        }
        List<Cell> province = new ArrayList<>();
        long provinceTotal = 0;
        for (CostSet.Line l : costs.provinceLines()) {
            Cell c = l.lumpVnd() != null ? new Cell(l.code(), 0, null, l.lumpVnd(), LUMP)
                    : cell(l, provinceCounts, Map.of(), Map.of(), "province");
            province.add(c);
            provinceTotal = Math.addExact(provinceTotal, c.amount());
        }
        return new Budget(costs, year, rows, totals, all, province, provinceTotal, Math.addExact(all, provinceTotal),
                countsSource);
    }

    /** An amount or count as a Vietnamese reader writes it: thousands grouped with dots (3.430.000.000). */
    static String vnd(long v) {
        return vn.rasoat.dashboards.charts.Labels.numberFormat("vi").format(v);
    }

    /** The formula of a lump sum given with the counts, and of one taken from the norm set's default. */
    static final String LUMP = "khoán";
    static final String DEFAULT_LUMP = "khoán theo mức mặc định";

    private static Cell cell(CostSet.Line l, Map<String, Long> counts, Map<String, Long> lumps,
                             Map<String, Long> defaults, String where) {
        if (l.perUnit()) {
            Long n = counts.get(l.count());
            if (n == null) {
                throw new IllegalArgumentException(where + ": no count '" + l.count() + "' for line " + l.code());
            }
            long amount = Math.multiplyExact(n, l.norm());
            return new Cell(l.code(), n, l.norm(), amount, vnd(n) + " " + l.unit() + " × " + vnd(l.norm()) + " đ");
        }
        Long lump = lumps.getOrDefault(l.lump(), defaults.get(l.lump()));
        if (lump == null) {
            throw new IllegalArgumentException(where + ": no lump sum '" + l.lump() + "' for line " + l.code());
        }
        return new Cell(l.code(), 0, null, lump, lumps.containsKey(l.lump()) ? LUMP : DEFAULT_LUMP);
    }

    /**
     * Prices a review: the unit counts from a counts file, or from the published marts of a warehouse (the review
     * {@code year}, its official run or {@code run}; {@code forecast} prices the next year's review from them).
     */
    public static Budget price(SchemaSource source, CostSet costs, Path countsFile, Long certificates, String warehouse, String province,
                               int year, boolean forecast, String run) {
        Map<String, Long> provinceCounts = new LinkedHashMap<>();
        List<Budget.UnitCounts> units;
        String from;
        if (countsFile != null) {
            units = BudgetCounts.fromFile(countsFile, costs);
            provinceCounts.put("certificates", certificates != null ? certificates
                    : units.stream().mapToLong(u -> u.counts().get("forms_entered")).sum());
            from = "counts file " + countsFile;
        } else if (warehouse != null) {
            Map<String, String> names = new LinkedHashMap<>();
            vn.rasoat.reference.ReferenceData ref = vn.rasoat.reference.ReferenceData.load(source);
            for (vn.rasoat.reference.AdminUnit u : ref.units(ref.unitListFileOn(java.time.LocalDate.of(year, 12, 31)))) {
                names.put(u.communeCode(), u.communeName());
                if (u.districtCode() != null) {
                    names.put(u.districtCode(), u.districtName());
                }
            }
            units = BudgetCounts.fromWarehouse(source, warehouse, province, year, costs, provinceCounts, names, forecast, run);
            from = "warehouse " + warehouse + ", review " + year + (run != null ? " run " + run : "") + (forecast ? " (forecast for " + (year + 1) + ")" : "");
        } else {
            throw new IllegalArgumentException("give --counts FILE or --warehouse DIR");
        }
        return Budget.compute(costs, forecast ? year + 1 : year, units, provinceCounts, from);
    }
}
