package vn.rasoat.dashboards.charts;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A chart as PNG bytes and as an SVG document (JFreeSVG). */
public final class ChartFiles {
    private ChartFiles() {
    }

    public static byte[] png(JFreeChart chart, int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, width, height);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE, SVGHints.VALUE_DRAW_STRING_TYPE_VECTOR);
        chart.draw(g, new Rectangle(width, height));
        return g.getSVGDocument();
    }

    /** Writes {@code <stem>.png} and {@code <stem>.svg} under the folder. */
    public static void write(JFreeChart chart, Path dir, String stem, int width, int height) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(stem + ".png"), png(chart, width, height));
            Files.writeString(dir.resolve(stem + ".svg"), svg(chart, width, height), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + stem + " under " + dir + ": " + e.getMessage(), e);
        }
    }
}
