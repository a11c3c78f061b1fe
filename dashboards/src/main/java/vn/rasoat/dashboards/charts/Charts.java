package vn.rasoat.dashboards.charts;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryMarker;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.WaterfallBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import vn.rasoat.dashboards.query.QueryResult;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The dashboard's charts, each drawn from exactly one named query's result (the tests compare every chart's
 * data series with its query). Labels in Vietnamese or English, in the bundled font.
 */
public final class Charts {
    public static final Color POOR = new Color(0xB2182B);
    public static final Color NEAR_POOR = new Color(0xEF8A62);

    private Charts() {
    }

    /** Sorted bars of poor and near-poor rates of the units below a unit, the unit's poor rate as a line. */
    public static JFreeChart ratesByUnit(QueryResult r, Labels l, int year, String unitName) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        List<String> keys = rateBarKeys(r, l);
        for (int i = 0; i < r.size(); i++) {
            d.addValue(r.number(i, "poor_rate_pct"), l.text("series.poor_rate"), keys.get(i));
            d.addValue(r.number(i, "near_poor_rate_pct"), l.text("series.near_poor_rate"), keys.get(i));
        }
        JFreeChart c = ChartFactory.createBarChart(l.text("chart.rates_by_unit", year, unitName), null,
                l.text("axis.rate"), d, PlotOrientation.HORIZONTAL, true, false, false);
        themed(c, l);
        CategoryPlot p = c.getCategoryPlot();
        bars(p, POOR, NEAR_POOR);
        if (!r.isEmpty() && r.get(0, "parent_poor_rate_pct") != null) {
            double ref = r.number(0, "parent_poor_rate_pct");
            ValueMarker m = new ValueMarker(ref, Color.BLACK, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1f, new float[]{6f, 4f}, 0f));
            m.setLabel(l.text("marker.parent", unitName, l.number(r.get(0, "parent_poor_rate_pct"))));
            m.setLabelFont(Fonts.regular(11f));
            m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            p.addRangeMarker(m, Layer.FOREGROUND);
        }
        return c;
    }

    /** Poor and near-poor rates by review year, with each change of standard marked and incomplete years said. */
    public static JFreeChart ratesSeries(QueryResult r, Labels l, String unitName) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        List<String> keys = yearKeys(r, l);
        for (int i = 0; i < r.size(); i++) {
            d.addValue(r.number(i, "poor_rate_pct"), l.text("series.poor_rate"), keys.get(i));
            d.addValue(r.number(i, "near_poor_rate_pct"), l.text("series.near_poor_rate"), keys.get(i));
        }
        JFreeChart c = ChartFactory.createLineChart(l.text("chart.rates_series", unitName), l.text("axis.year"),
                l.text("axis.rate"), d, PlotOrientation.VERTICAL, true, false, false);
        themed(c, l);
        CategoryPlot p = c.getCategoryPlot();
        p.getRenderer().setSeriesPaint(0, POOR);
        p.getRenderer().setSeriesPaint(1, NEAR_POOR);
        p.getRenderer().setDefaultStroke(new BasicStroke(2.5f));
        ((org.jfree.chart.renderer.category.LineAndShapeRenderer) p.getRenderer()).setDefaultShapesVisible(true);
        for (String year : standardChanges(r)) {
            CategoryMarker m = new CategoryMarker(keys.get(r.column("year").indexOf(yearValue(r, year))), Color.GRAY,
                    new BasicStroke(1f));
            m.setDrawAsLine(true);
            m.setLabel(l.text("marker.standard", r.string(r.column("year").indexOf(yearValue(r, year)), "standard")));
            m.setLabelFont(Fonts.regular(11f));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            p.addDomainMarker(m, Layer.BACKGROUND);
        }
        return c;
    }

    /** Years (as strings) whose standard differs from the year before. */
    public static List<String> standardChanges(QueryResult r) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < r.size(); i++) {
            if (!Objects.equals(r.string(i, "standard"), r.string(i - 1, "standard"))) {
                out.add(r.string(i, "year"));
            }
        }
        return out;
    }

    private static Object yearValue(QueryResult r, String year) {
        return r.column("year").stream().filter(y -> y.toString().equals(year)).findFirst().orElseThrow();
    }

    /** Unit × indicator heat map of the share of poor and near-poor households deprived. */
    public static JFreeChart deprivationHeatmap(QueryResult r, Labels l, int year) {
        List<String> units = new ArrayList<>(new LinkedHashMap<String, Boolean>() {{
            for (String k : categoryKeys(r)) {
                put(k, true);
            }
        }}.keySet());
        List<String> indicators = r.column("indicator").stream().map(Object::toString).distinct().sorted().toList();
        List<String> keys = categoryKeys(r);
        double[] x = new double[r.size()];
        double[] y = new double[r.size()];
        double[] z = new double[r.size()];
        for (int i = 0; i < r.size(); i++) {
            x[i] = indicators.indexOf(r.string(i, "indicator"));
            y[i] = units.indexOf(keys.get(i));
            Double share = r.number(i, "deprived_share_pct");
            z[i] = share == null ? Double.NaN : share;
        }
        DefaultXYZDataset d = new DefaultXYZDataset();
        d.addSeries(l.text("page.deprivation"), new double[][]{x, y, z});
        SymbolAxis xAxis = new SymbolAxis(l.text("axis.indicator"),
                indicators.stream().map(l::indicator).toArray(String[]::new));
        xAxis.setVerticalTickLabels(true);
        SymbolAxis yAxis = new SymbolAxis(null, units.toArray(String[]::new));
        XYBlockRenderer renderer = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, 100.0001, Color.WHITE);
        for (int step = 0; step < 10; step++) {
            float t = step / 9f;
            scale.add(step * 10.0, new Color(1f, 1f - 0.8f * t, 1f - 0.85f * t));
        }
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(d, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.LIGHT_GRAY);
        JFreeChart c = themed(new JFreeChart(l.text("chart.deprivation_heatmap", year), Fonts.bold(14f), plot, false), l);
        plot.setBackgroundPaint(Color.LIGHT_GRAY);
        NumberAxis legendAxis = new NumberAxis("%");
        legendAxis.setNumberFormatOverride(l.numberFormat());
        legendAxis.setRange(0, 100);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 4, 4);
        c.addSubtitle(legend);
        return c;
    }

    /** Stacked bars: each indicator's contribution to M0 (per cent), per unit. */
    public static JFreeChart deprivationContribution(QueryResult r, Labels l, int year) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        List<String> keys = categoryKeys(r);
        for (int i = 0; i < r.size(); i++) {
            d.addValue(r.number(i, "contribution_pct"), l.indicator(r.string(i, "indicator")), keys.get(i));
        }
        JFreeChart c = ChartFactory.createStackedBarChart(l.text("chart.deprivation_contribution", year), null, "%", d,
                PlotOrientation.HORIZONTAL, true, false, false);
        themed(c, l);
        bars(c.getCategoryPlot());
        return c;
    }

    /** Waterfall: start → exits, moves to the other group, other decreases, entries, re-entries … → end. */
    public static JFreeChart movements(QueryResult r, Labels l, String group, int year, String unitName) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        String base = r.isEmpty() ? "?" : r.string(0, "base_year");
        for (int i = 0; i < r.size(); i++) {
            d.addValue(r.number(i, "households"), l.text("series.households"), l.value("step", r.string(i, "step")));
        }
        String title = l.text(group.equals("poor") ? "chart.movements" : "chart.movements_near_poor", base, year, unitName);
        JFreeChart c = ChartFactory.createWaterfallChart(title, null, l.text("axis.households"), d,
                PlotOrientation.VERTICAL, false, false, false);
        themed(c, l);
        c.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        WaterfallBarRenderer w = (WaterfallBarRenderer) c.getCategoryPlot().getRenderer();
        w.setBarPainter(new StandardBarPainter());
        w.setShadowVisible(false);
        w.setFirstBarPaint(new Color(0x4D4D4D));
        w.setLastBarPaint(POOR);
        w.setNegativeBarPaint(new Color(0x4393C3));
        w.setPositiveBarPaint(NEAR_POOR);
        return c;
    }

    /** Households by score A minus the threshold of their area, in bins of five points, the threshold marked. */
    public static JFreeChart scoreDistribution(QueryResult r, Labels l, int year, String unitName, int rural, int urban) {
        XYIntervalSeries s = new XYIntervalSeries(l.text("series.households"));
        for (int i = 0; i < r.size(); i++) {
            double from = r.number(i, "bin_from");
            double to = r.number(i, "bin_to");
            double n = r.number(i, "households");
            s.add((from + to) / 2, from - 0.5, to + 0.5, n, n, n);
        }
        XYIntervalSeriesCollection d = new XYIntervalSeriesCollection();
        d.addSeries(s);
        JFreeChart c = ChartFactory.createXYBarChart(l.text("chart.score_distribution", year, unitName),
                l.text("axis.distance", rural, urban), false, l.text("axis.households"), d, PlotOrientation.VERTICAL,
                false, false, false);
        themed(c, l);
        XYPlot p = c.getXYPlot();
        XYBarRenderer br = (XYBarRenderer) p.getRenderer();
        br.setBarPainter(new StandardXYBarPainter());
        br.setShadowVisible(false);
        br.setSeriesPaint(0, new Color(0x4393C3));
        ValueMarker m = new ValueMarker(0.5, Color.BLACK, new BasicStroke(2f));
        m.setLabel(l.text("marker.threshold"));
        m.setLabelFont(Fonts.regular(11f));
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        p.addDomainMarker(m, Layer.FOREGROUND);
        return c;
    }

    /**
     * Category keys for the units of a result: the name, with the code added when two units share a name (category
     * keys must be unique).
     */
    /** The labels of rate bars: the unit names ({@link #categoryKeys}), an incomplete unit's marked as such. */
    public static List<String> rateBarKeys(QueryResult r, Labels l) {
        return markIncomplete(r, l, categoryKeys(r));
    }

    /** The years of a rates series as the chart's categories, an incomplete year marked like an incomplete unit. */
    public static List<String> yearKeys(QueryResult r, Labels l) {
        List<String> years = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            years.add(r.string(i, "year"));
        }
        return markIncomplete(r, l, years);
    }

    private static List<String> markIncomplete(QueryResult r, Labels l, List<String> categories) {
        List<String> keys = new ArrayList<>(categories);
        if (r.columns().contains("incomplete")) { // an incomplete unit's bar says so in its label
            for (int i = 0; i < r.size(); i++) {
                if (Boolean.TRUE.equals(r.get(i, "incomplete"))) {
                    keys.set(i, keys.get(i) + " (" + l.bool("incomplete", true) + ")");
                }
            }
        }
        return keys;
    }

    public static List<String> categoryKeys(QueryResult r) {
        Map<String, String> codeOfName = new LinkedHashMap<>();
        Map<String, Boolean> clash = new LinkedHashMap<>();
        for (int i = 0; i < r.size(); i++) {
            String name = r.string(i, "name");
            String code = r.string(i, "unit_code");
            String prev = codeOfName.putIfAbsent(name, code);
            if (prev != null && !prev.equals(code)) {
                clash.put(name, true);
            }
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            String name = r.string(i, "name");
            keys.add(clash.containsKey(name) ? name + " (" + r.string(i, "unit_code") + ")" : name);
        }
        return keys;
    }

    private static void bars(CategoryPlot p, Color... colors) {
        BarRenderer b = (BarRenderer) p.getRenderer();
        b.setBarPainter(new StandardBarPainter());
        b.setShadowVisible(false);
        b.setItemMargin(0.02);
        for (int i = 0; i < colors.length; i++) {
            b.setSeriesPaint(i, colors[i]);
        }
    }

    private static JFreeChart themed(JFreeChart c, Labels l) {
        StandardChartTheme t = new StandardChartTheme("rasoat");
        t.setExtraLargeFont(Fonts.bold(15f));
        t.setLargeFont(Fonts.bold(12f));
        t.setRegularFont(Fonts.regular(11f));
        t.setSmallFont(Fonts.regular(10f));
        t.setChartBackgroundPaint(Color.WHITE);
        t.setPlotBackgroundPaint(new Color(0xF7F7F7));
        t.setDomainGridlinePaint(Color.LIGHT_GRAY);
        t.setRangeGridlinePaint(Color.LIGHT_GRAY);
        t.setBarPainter(new StandardBarPainter());
        t.setXYBarPainter(new StandardXYBarPainter());
        t.setShadowVisible(false);
        t.apply(c);
        // numeric axes write numbers as the tables do (vi: 1,5 and 12.000), not in the JVM's default locale
        List<org.jfree.chart.axis.ValueAxis> axes = new ArrayList<>();
        if (c.getPlot() instanceof CategoryPlot p) {
            axes.add(p.getRangeAxis());
        } else if (c.getPlot() instanceof XYPlot p) {
            axes.add(p.getDomainAxis());
            axes.add(p.getRangeAxis());
        }
        for (org.jfree.chart.axis.ValueAxis a : axes) {
            if (a instanceof NumberAxis n && !(a instanceof SymbolAxis)) {
                n.setNumberFormatOverride(l.numberFormat());
            }
        }
        return c;
    }
}
