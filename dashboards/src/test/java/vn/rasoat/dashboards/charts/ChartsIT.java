package vn.rasoat.dashboards.charts;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryMarker;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.rasoat.dashboards.SampleDashboards;
import vn.rasoat.dashboards.query.QueryResult;
import vn.rasoat.dashboards.site.Dashboard;
import vn.rasoat.dashboards.site.DashboardSession;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every chart's data series equals its query's result, on the province page and on a district page. */
class ChartsIT extends SampleDashboards {
    private static DashboardSession session;
    private static final List<Dashboard.Page> PAGES = List.of(new Dashboard.Page("province", "91", 2023),
            new Dashboard.Page("district", "899", 2022), new Dashboard.Page("national", "VN", 2023));

    @BeforeAll
    static void open() throws Exception {
        session = openSample("vi");
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
    }

    private record Drawn(QueryResult result, JFreeChart chart) {
    }

    private static Drawn draw(Dashboard.Page p, String chart) throws Exception {
        Dashboard d = session.dashboard();
        Dashboard.Item item = d.chartItem(p, chart);
        QueryResult r = d.result(item);
        assertTrue(r.size() > 0, chart + " on " + p + ": no rows");
        return new Drawn(r, d.chart(p, item, r));
    }

    @Test
    void ratesByUnitBarsAreThePoorAndNearPoorRatesWithTheParentRateAsReferenceLine() throws Exception {
        int marked = 0;
        for (Dashboard.Page p : PAGES) {
            Drawn x = draw(p, "rates_by_unit");
            CategoryDataset d = x.chart.getCategoryPlot().getDataset();
            List<String> keys = Charts.rateBarKeys(x.result, session.dashboard().labels());
            for (int i = 0; i < x.result.size(); i++) {
                boolean incomplete = Boolean.TRUE.equals(x.result.get(i, "incomplete"));
                assertEquals(incomplete, keys.get(i).endsWith(" (chưa đầy đủ)"), "an incomplete unit's bar says so: " + keys.get(i));
                marked += incomplete ? 1 : 0;
            }
            assertEquals(2, d.getRowCount());
            assertEquals(keys, d.getColumnKeys());
            for (int i = 0; i < x.result.size(); i++) {
                assertEquals(x.result.number(i, "poor_rate_pct"), d.getValue(0, i).doubleValue(), 0.0, p + " " + keys.get(i));
                assertEquals(x.result.number(i, "near_poor_rate_pct"), d.getValue(1, i).doubleValue(), 0.0);
            }
            for (int i = 1; i < x.result.size(); i++) {
                assertTrue(x.result.number(i - 1, "poor_rate_pct") >= x.result.number(i, "poor_rate_pct"), "sorted");
            }
            Collection<?> markers = x.chart.getCategoryPlot().getRangeMarkers(Layer.FOREGROUND);
            assertEquals(1, markers.size());
            assertEquals(x.result.number(0, "parent_poor_rate_pct"), ((ValueMarker) markers.iterator().next()).getValue(), 0.0);
        }
        assertTrue(marked > 0, "the samples hold communes with held forms (below the completeness threshold)");
        // The province's own rate is the demo's figure; its three districts straddle it.
        Drawn kg = draw(PAGES.get(0), "rates_by_unit");
        assertEquals(1.6186, kg.result.number(0, "parent_poor_rate_pct"), 0.0);
        assertEquals("Tỷ lệ nghèo Tỉnh Kiên Giang: 1,6186%",
                ((ValueMarker) kg.chart.getCategoryPlot().getRangeMarkers(Layer.FOREGROUND).iterator().next()).getLabel());
        assertEquals(3, kg.result.size());
    }

    @Test
    void ratesSeriesHasEveryYearAndMarksTheChangeOfStandard() throws Exception {
        Drawn x = draw(PAGES.get(0), "rates_series");
        CategoryDataset d = x.chart.getCategoryPlot().getDataset();
        List<String> years = new ArrayList<>();
        for (int i = 0; i < x.result.size(); i++) {
            boolean incomplete = Boolean.TRUE.equals(x.result.get(i, "incomplete"));
            years.add(x.result.string(i, "year") + (incomplete ? " (chưa đầy đủ)" : ""));
        }
        assertEquals(List.of("2021", "2022", "2023"), years.stream().map(y -> y.substring(0, 4)).toList());
        assertEquals(years, d.getColumnKeys(), "every year, an incomplete one marked in its label");
        for (int i = 0; i < x.result.size(); i++) {
            assertEquals(x.result.number(i, "poor_rate_pct"), d.getValue(0, i).doubleValue(), 0.0);
            assertEquals(x.result.number(i, "near_poor_rate_pct"), d.getValue(1, i).doubleValue(), 0.0);
        }
        List<Object> marked = new ArrayList<>();
        for (Object m : x.chart.getCategoryPlot().getDomainMarkers(Layer.BACKGROUND)) {
            marked.add(((CategoryMarker) m).getKey());
        }
        assertEquals(List.of(years.get(1)), marked, "2021 was reviewed under 2016_2020, 2022 and 2023 under 2022_2025");
    }

    @Test
    void heatMapCellsAreTheDeprivationShares() throws Exception {
        for (Dashboard.Page p : PAGES) {
            Drawn x = draw(p, "deprivation_heatmap");
            XYZDataset d = (XYZDataset) x.chart.getXYPlot().getDataset();
            assertEquals(x.result.size(), d.getItemCount(0));
            for (int i = 0; i < x.result.size(); i++) {
                Double share = x.result.number(i, "deprived_share_pct");
                assertEquals(share == null ? Double.NaN : share, d.getZValue(0, i), 0.0);
            }
            long units = x.result.column("unit_code").stream().distinct().count();
            long indicators = x.result.column("indicator").stream().distinct().count();
            assertEquals(units * indicators, x.result.size(), "one cell per unit and indicator");
        }
    }

    @Test
    void contributionBarsAreTheContributionsAndAddUpToAHundredPerUnit() throws Exception {
        Drawn x = draw(PAGES.get(0), "deprivation_contribution");
        CategoryDataset d = x.chart.getCategoryPlot().getDataset();
        Labels l = session.dashboard().labels();
        List<String> keys = Charts.categoryKeys(x.result);
        for (int i = 0; i < x.result.size(); i++) {
            assertEquals(x.result.number(i, "contribution_pct"),
                    d.getValue(l.indicator(x.result.string(i, "indicator")), keys.get(i)).doubleValue(), 0.0);
        }
        for (Object unit : d.getColumnKeys()) {
            double sum = 0;
            for (int row = 0; row < d.getRowCount(); row++) {
                Number v = d.getValue(d.getRowKey(row), (Comparable) unit);
                sum += v == null ? 0 : v.doubleValue();
            }
            assertEquals(100.0, sum, 0.01, "contributions of " + unit);
        }
    }

    @Test
    void waterfallStepsAreTheMovementsAndEndEqualsStartPlusChanges() throws Exception {
        for (Dashboard.Page p : PAGES) {
            for (String chart : List.of("movements_poor", "movements_near_poor")) {
                Drawn x = draw(p, chart);
                CategoryDataset d = x.chart.getCategoryPlot().getDataset();
                assertEquals(x.result.size(), d.getColumnCount());
                long sum = 0;
                for (int i = 0; i < x.result.size(); i++) {
                    assertEquals(x.result.whole(i, "households"), d.getValue(0, i).longValue());
                    if (i < x.result.size() - 1) {
                        sum += x.result.whole(i, "households");
                    }
                }
                assertEquals("start", x.result.string(0, "step"));
                assertEquals("end", x.result.string(x.result.size() - 1, "step"));
                assertEquals(x.result.whole(x.result.size() - 1, "households"), sum, p + " " + chart + ": end = start + changes");
            }
        }
    }

    @Test
    void histogramBinsAreTheQueryAndCountEveryHouseholdNearTheThreshold() throws Exception {
        Dashboard.Page p = PAGES.get(1);
        Drawn x = draw(p, "score_distribution");
        IntervalXYDataset d = (IntervalXYDataset) x.chart.getXYPlot().getDataset();
        assertEquals(x.result.size(), d.getItemCount(0));
        long total = 0;
        for (int i = 0; i < x.result.size(); i++) {
            assertEquals(x.result.number(i, "bin_from") - 0.5, d.getStartXValue(0, i), 0.0);
            assertEquals(x.result.number(i, "bin_to") + 0.5, d.getEndXValue(0, i), 0.0);
            assertEquals(x.result.number(i, "households"), d.getYValue(0, i), 0.0);
            total += x.result.whole(i, "households");
        }
        // An independent count straight from the fact table: annual-run households of district 899 in 2022 whose
        // score A is within 60 points of their area's threshold (rural 140, urban 175).
        try (Statement s = session.warehouse().connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM fct_household_status WHERE review_year = 2022 "
                     + "AND run_type = 'annual' AND district_code = '899' "
                     + "AND abs(score_a - CASE WHEN urban THEN 175 ELSE 140 END) <= 60")) {
            rs.next();
            assertEquals(rs.getLong(1), total);
        }
        Marker threshold = (Marker) ((XYPlot) x.chart.getPlot()).getDomainMarkers(Layer.FOREGROUND).iterator().next();
        assertEquals(0.5, ((ValueMarker) threshold).getValue(), 0.0, "between 'at or below' and 'above' the threshold");
    }

    @Test
    void chartsAreDrawnInTheBundledFontAndRenderToPngAndSvg() throws Exception {
        Drawn x = draw(PAGES.get(0), "rates_by_unit");
        assertEquals(Fonts.FAMILY, x.chart.getTitle().getFont().getFamily());
        CategoryPlot plot = x.chart.getCategoryPlot();
        assertEquals(Fonts.FAMILY, plot.getDomainAxis().getTickLabelFont().getFamily());
        // the axis ticks are written as the tables write numbers: 1,5 and 12.000 in Vietnamese
        var ticks = ((NumberAxis) plot.getRangeAxis()).getNumberFormatOverride();
        assertEquals("1,5", ticks.format(1.5));
        assertEquals("12.000", ticks.format(12000));
        var histogram = draw(PAGES.get(0), "score_distribution").chart.getXYPlot();
        assertEquals("2,25", ((NumberAxis) histogram.getRangeAxis()).getNumberFormatOverride().format(2.25));
        assertEquals("1.200", ((NumberAxis) histogram.getDomainAxis()).getNumberFormatOverride().format(1200));
        byte[] png = ChartFiles.png(x.chart, 600, 400);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        String svg = ChartFiles.svg(x.chart, 600, 400);
        assertTrue(svg.startsWith("<svg") || svg.contains("<svg"), "an SVG document");
    }

    @Test
    void englishLabelsAreAnOption() throws Exception {
        try (DashboardSession en = openSample("en")) {
            Dashboard d = en.dashboard();
            Dashboard.Page p = PAGES.get(0);
            Dashboard.Item item = d.chartItem(p, "rates_series");
            JFreeChart c = d.chart(p, item, d.result(item));
            assertTrue(c.getTitle().getText().startsWith("Poor and near-poor rates by year"), c.getTitle().getText());
            assertEquals("Poor rate (%)", c.getCategoryPlot().getDataset().getRowKey(0));
            assertEquals("1.5", ((NumberAxis) c.getCategoryPlot().getRangeAxis()).getNumberFormatOverride().format(1.5));
            assertEquals("12,000", ((NumberAxis) c.getCategoryPlot().getRangeAxis()).getNumberFormatOverride().format(12000));
        }
    }
}
