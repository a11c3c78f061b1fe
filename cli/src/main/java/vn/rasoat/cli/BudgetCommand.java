package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.budget.Budget;
import vn.rasoat.budget.TableChecker;
import vn.rasoat.budget.BudgetWriter;
import vn.rasoat.budget.CostSet;
import vn.rasoat.io.SchemaSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "budget", mixinStandardHelpOptions = true,
        description = {"Price a review: the cost table per district (per commune where the year has no districts), each line",
                "count × norm with its formula, lump sums, district and province totals, the province lines and the grand total,",
                "in exact integer đồng. Counts from the warehouse (DuckDB) or from a counts file. Writes CSV, XLSX and HTML.",
                "Example: rasoat budget --province 91 --year 2021 --counts schemas/costs/91_2021_counts.csv --out budget"})
public final class BudgetCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--province", required = true, description = "Province code (2 digits).")
    String province;

    @Option(names = "--year", required = true, description = "Review year to price.")
    int year;

    @Option(names = "--norms", paramLabel = "SET", description = "Cost-norm set in schemas/costs/ (default: <province>_<year>).")
    String norms;

    @Option(names = "--counts", paramLabel = "FILE", description = "Counts file (CSV) instead of the warehouse.")
    Path counts;

    @Option(names = "--certificates", description = "Certificates to print (province line) when counts come from a file.")
    Long certificates;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    String warehouse;

    @Option(names = "--warehouse", paramLabel = "DIR", description = "Warehouse root to count from.")
    void setWarehouse(String value) {
        warehouse = vn.rasoat.cli.WarehouseOption.checked(spec, "the warehouse", value, true);
    }

    @Option(names = "--forecast", description = "Price the year after --year from --year's counts (the latest review as the forecast).")
    boolean forecast;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Count the forms of this annual run (default: the year's official one).")
    String run;

    @Option(names = "--what-if", split = ",", paramLabel = "LINE=NORM",
            description = "Replace norms, e.g. data_entry=14000; prints the change in the total.")
    List<String> whatIf = List.of();

    @Option(names = "--check", paramLabel = "FILE", description = "Check the arithmetic of a published district cost table (CSV).")
    Path check;

    @Option(names = "--out", defaultValue = "budget", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        SchemaSource source = common.source();
        CostSet costs = loadNorms(source, province, year, norms);
        if (check != null) {
            List<vn.rasoat.checks.Finding> findings = TableChecker.check(TableChecker.read(check), costs);
            findings.forEach(f -> System.out.println("  " + f));
            System.out.println(findings.isEmpty() ? "the table adds up: every cell and total checks"
                    : findings.size() + " cell(s) do not add up");
            return findings.isEmpty() ? 0 : 4;
        }
        Budget b = Budget.price(source, costs, counts, certificates, warehouse, province, year, forecast, run);
        print(b);
        BudgetWriter.write(b, out).forEach(p -> System.out.println("  wrote " + p));
        if (!whatIf.isEmpty()) {
            Map<String, Long> overrides = new LinkedHashMap<>();
            for (String w : whatIf) {
                String[] kv = w.split("=");
                if (kv.length != 2 || !kv[1].trim().matches("\\d+")) {
                    throw new IllegalArgumentException("--what-if takes LINE=NORM in whole đồng, e.g. data_entry=14000, not " + w);
                }
                overrides.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
            }
            Budget alt = Budget.compute(costs.withNorms(overrides), b.year(), unitCounts(b), provinceCounts(b), b.countsSource());
            System.out.printf("what-if %s: total %,d đ (change %+,d đ)%n", overrides, alt.grandTotal(),
                    alt.grandTotal() - b.grandTotal());
        }
        return 0;
    }

    static CostSet loadNorms(SchemaSource source, String province, int year, String norms) {
        if (norms == null) {
            return CostSet.load(source, province, year);
        }
        String[] parts = norms.split("_");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--norms takes <province>_<year>, e.g. 91_2021, not " + norms);
        }
        return CostSet.load(source, parts[0], Integer.parseInt(parts[1]));
    }

    private static List<Budget.UnitCounts> unitCounts(Budget b) {
        return b.units().stream().map(u -> {
            Map<String, Long> lumps = new LinkedHashMap<>();
            for (int i = 0; i < u.cells().size(); i++) {
                CostSet.Line l = b.costs().districtLines().get(i);
                if (!l.perUnit()) {
                    lumps.put(l.lump(), u.cells().get(i).amount());
                }
            }
            return new Budget.UnitCounts(u.code(), u.name(), u.counts(), lumps);
        }).toList();
    }

    private static Map<String, Long> provinceCounts(Budget b) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Budget.Cell c : b.provinceLines()) {
            b.costs().provinceLines().stream().filter(l -> l.code().equals(c.code()) && l.perUnit())
                    .forEach(l -> m.put(l.count(), c.count()));
        }
        return m;
    }

    static void print(Budget b) {
        System.out.printf("budget %s %d (%s)%n", b.costs().provinceName(), b.year(), b.countsSource());
        for (Budget.UnitRow u : b.units()) {
            System.out.printf("  %-5s %-28s %,15d đ%n", u.code(), u.name(), u.total());
        }
        System.out.printf("  district level %,d đ; province level %,d đ; total %,d đ%n", b.unitsTotal(), b.provinceTotal(),
                b.grandTotal());
    }
}
