package vn.rasoat.budget;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.rasoat.SampleWarehouse;
import vn.rasoat.dashboards.site.DashboardSession;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A year with two annual runs under two standards (the sample warehouse holds 2021 under 2016–2020, official, and
 * under 2022–2025): the budget counts the official run's forms only, and the alternative run only when named.
 */
class BudgetOfficialRunIT extends SampleWarehouse {
    private static DashboardSession session;

    @BeforeAll
    static void open() throws Exception {
        session = DashboardSession.open(schemas(), sampleWarehouse().toString(), "vi");
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
    }

    @Test
    void budgetCountsTheOfficialRunsFormsOnly() throws Exception {
        CostSet costs = CostSet.load(schemas(), "91", 2021);
        List<Budget.UnitCounts> official = BudgetCounts.fromWarehouse(schemas(), sampleWarehouse().toString(), "91", 2021,
                costs, new LinkedHashMap<>(), Map.of(), false, null);
        List<Budget.UnitCounts> alternative = BudgetCounts.fromWarehouse(schemas(), sampleWarehouse().toString(), "91", 2021,
                costs, new LinkedHashMap<>(), Map.of(), false, ALTERNATIVE_RUN);
        // independent: households of the official run not screened out, one form B each under 2016–2020 (plus Appendix VIII)
        try (Statement st = session.warehouse().connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE status <> 'screened_out'),"
                     + " count(*) FILTER (WHERE status IN ('poor', 'near_poor')) FROM fct_household_status"
                     + " WHERE review_year = 2021 AND run_id = '2021-annual'")) {
            rs.next();
            long entered = official.stream().mapToLong(u -> u.counts().get("forms_entered")).sum();
            assertEquals(rs.getLong(2), entered);
            long forms = official.stream().mapToLong(u -> u.counts().get("forms")).sum();
            assertEquals(rs.getLong(1) * costs.formsPerHousehold().getOrDefault("2016_2020", 1), forms);
        }
        long altForms = alternative.stream().mapToLong(u -> u.counts().get("forms")).sum();
        long officialForms = official.stream().mapToLong(u -> u.counts().get("forms")).sum();
        assertNotEquals(officialForms, altForms, "the alternative run is priced apart when named");
    }
}
