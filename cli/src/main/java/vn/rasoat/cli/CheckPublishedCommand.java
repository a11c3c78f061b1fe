package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import vn.rasoat.analysis.published.PublishedCheck;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.io.SimpleCsv;
import vn.rasoat.reference.ReferenceData;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "check-published", mixinStandardHelpOptions = true,
        description = {"Check a table of published review results for internal consistency, cell by cell: poor + near-poor",
                "= their total, the poor and near-poor rates = the total rate (within rounding), each rate against the",
                "household total the row's other figures imply, and the six regions summing to the nation. Checks that",
                "cannot be made (a figure not published) are listed, not passed. Exit status 4 when a cell does not add up.",
                "FILE has the columns of schemas/reference/poverty_review_results_national_regional.csv (the default).",
                "Example: rasoat check-published schemas/reference/poverty_review_results_national_regional.csv"})
public final class CheckPublishedCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "FILE",
            description = "Published results (CSV; default: the published results the project ships).")
    Path file;

    @Override
    public Integer call() throws Exception {
        SchemaSource source = common.source();
        ReferenceData ref = ReferenceData.load(source);
        List<Map<String, String>> table;
        if (file == null) {
            table = ref.publishedResults();
        } else {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no file " + file);
            }
            try (InputStream in = Files.newInputStream(file)) {
                table = SimpleCsv.read(in, file.toString());
            }
        }
        List<String> regions = ref.regionsOfProvinces63().stream().map(r -> r.get("region_key")).distinct().sorted().toList();
        PublishedCheck.Result r = PublishedCheck.check(table, regions);
        System.out.println("published results: " + (file == null ? "the shipped reference table" : file) + ", "
                + table.size() + " rows");
        r.findings().forEach(f -> System.out.println("  " + f));
        if (!r.notChecked().isEmpty()) {
            System.out.println("not checked (figures not published):");
            r.notChecked().forEach(n -> System.out.println("  " + n));
        }
        System.out.println(r.consistent()
                ? "consistent: all " + r.checks() + " checks hold"
                : r.findings().size() + " cell(s) do not add up, in " + r.checks() + " checks");
        return r.consistent() ? 0 : 4;
    }
}
