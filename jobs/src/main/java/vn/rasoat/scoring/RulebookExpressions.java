package vn.rasoat.scoring;

import org.apache.spark.sql.Column;
import vn.rasoat.rules.B1Table;
import vn.rasoat.rules.IncomeBand;
import vn.rasoat.rules.Indicator;
import vn.rasoat.rules.Rulebook;
import vn.rasoat.rules.ScoreBands;
import vn.rasoat.rules.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Turns a rulebook into Spark built-in expressions (no UDFs): score A from the B1 tables, each indicator's
 * flag, score B, the status and the middle-living-standard test. Column names are those of the staged forms.
 */
public final class RulebookExpressions {
    private final Rulebook rulebook;

    public RulebookExpressions(Rulebook rulebook) {
        this.rulebook = rulebook;
    }

    public Column tableId(Column urban, Column region) {
        Column rural = null;
        for (Map.Entry<String, B1Table> e : rulebook.ruralTables().entrySet()) {
            Column s = lit(e.getValue().tableId());
            rural = rural == null ? when(region.equalTo(e.getKey()), s) : rural.when(region.equalTo(e.getKey()), s);
        }
        return when(urban, lit(rulebook.urbanTable().tableId())).otherwise(rural);
    }

    /** The flag the reviewer recorded on form B2, else the one derived from the B2 facts (null if neither). */
    public Column flag(Indicator i) {
        return coalesce(col(i.recordedColumn()), derived(i));
    }

    public Column derived(Indicator i) {
        return i.derive() == null ? lit(null).cast("boolean") : expr(i.derive()).cast("boolean");
    }

    public Column deprivedCount() {
        Column n = lit(0);
        for (Indicator i : rulebook.indicators()) {
            n = n.plus(when(flag(i), lit(1)).otherwise(lit(0)));
        }
        return n;
    }

    public List<String> indicatorCodes() {
        return rulebook.indicatorCodes();
    }

    public Column scoreB(Column deprivedCount) {
        return deprivedCount.multiply(rulebook.pointsPerIndicator());
    }

    /**
     * The status decision, the one place it is written (docs/rules.md): score A at or under the poor line is poor
     * where the standard has one; at or under the near-poor line, poor when score B reaches the deprivation
     * cut-off, else near-poor; above it, not poor. Per area (urban/rural bands).
     */
    public Column status(Column scoreA, Column scoreB, Column urban) {
        return when(urban, status(scoreA, scoreB, rulebook.bands(true)))
                .otherwise(status(scoreA, scoreB, rulebook.bands(false)));
    }

    private Column status(Column a, Column b, ScoreBands bands) {
        Column byDeprivation = when(b.geq(rulebook.deprivationCutoff()), lit(Status.POOR)).otherwise(lit(Status.NEAR_POOR));
        Column s = when(a.leq(bands.nearPoorMax()), byDeprivation).otherwise(lit(Status.NOT_POOR));
        return bands.poorMax() == null ? s : when(a.leq(bands.poorMax()), lit(Status.POOR)).otherwise(s);
    }

    /** The 2016–2020 band a poor household fell in: poor by income (A at or below the low band) or by deprivation. */
    public Column band(Column scoreA, Column status, Column urban) {
        ScoreBands r = rulebook.bands(false);
        ScoreBands u = rulebook.bands(true);
        if (r.poorMax() == null || u.poorMax() == null) {
            return lit(null).cast("string");
        }
        Column limit = when(urban, lit(u.poorMax())).otherwise(lit(r.poorMax()));
        return when(status.equalTo(Status.POOR), when(scoreA.leq(limit), lit("poor_by_income"))
                .otherwise(lit("poor_by_deprivation")));
    }

    /** Form A: ticked criteria counted; whether the applicant goes on to B1/B2. */
    public Column formATicked() {
        Column n = lit(0);
        for (String c : rulebook.formA().criteria()) {
            n = n.plus(when(col(c), lit(1)).otherwise(lit(0)));
        }
        return n;
    }

    public Column formAReviewed(Column ticked) {
        return rulebook.formA().direction().equals("review_if_below")
                ? ticked.lt(rulebook.formA().cutoff()) : ticked.leq(rulebook.formA().cutoff());
    }

    /** Appendix VIII net income over 12 months: components minus production costs; state assistance excluded. */
    public static Column netIncome() {
        List<String> parts = new ArrayList<>(List.of("inc_crops", "inc_livestock", "inc_forestry", "inc_aquaculture",
                "inc_salt", "inc_nonfarm", "inc_wages", "inc_other"));
        Column sum = lit(0L);
        for (String p : parts) {
            sum = sum.plus(col(p));
        }
        return sum.minus(col("production_costs"));
    }

    /**
     * Whether per-person monthly income lies in the middle band, in exact integers: income / members / 12 is
     * compared as income against bound × members × 12, so no rounding decides a household's status.
     */
    public Column inMiddleBand(Column net, Column members, Column urban) {
        if (!rulebook.hasMiddleBand()) {
            return lit(false);
        }
        return when(urban, inBand(net, members, rulebook.middleBand().get(Rulebook.URBAN)))
                .otherwise(inBand(net, members, rulebook.middleBand().get(Rulebook.RURAL)));
    }

    private static Column inBand(Column net, Column members, IncomeBand b) {
        Column months = members.cast("long").multiply(12L);
        Column lower = months.multiply(b.lower());
        Column upper = months.multiply(b.upper());
        Column above = b.lowerInclusive() ? net.geq(lower) : net.gt(lower);
        Column below = b.upperInclusive() ? net.leq(upper) : net.lt(upper);
        return above.and(below);
    }
}
