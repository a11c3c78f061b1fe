package vn.rasoat.dashboards.budget;

import org.apache.spark.sql.SparkSession;
import vn.rasoat.cli.DemoStage;
import vn.rasoat.io.SchemaSource;

import java.io.PrintStream;
import java.nio.file.Path;

/** The demo's budget: the sample province's latest review priced with Kiên Giang's 2021 norms. */
public final class BudgetDemoStage implements DemoStage {
    @Override
    public int order() {
        return 50;
    }

    @Override
    public void run(SparkSession spark, SchemaSource source, String warehouse, String outputDir, PrintStream out) {
        int year = vn.rasoat.marts.MartsJob.read(spark, warehouse, "fct_household_status").selectExpr("max(review_year)")
                .first().getInt(0);
        CostSet costs = CostSet.load(source, "91", 2021);
        Budget b = BudgetCommand.price(source, costs, null, null, warehouse, "91", year, false, null);
        out.println();
        out.println("== budget (norms " + costs.setId() + ")");
        BudgetCommand.print(b);
        for (Path p : BudgetWriter.write(b, Path.of(outputDir, "budget"))) {
            out.println("  wrote " + p);
        }
    }
}
