package vn.rasoat.dashboards.site;

import org.jfree.chart.JFreeChart;
import vn.rasoat.dashboards.charts.ChartFiles;
import vn.rasoat.dashboards.query.QueryResult;
import vn.rasoat.io.Progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The static dashboard site of one review year: {@code index.html} (the nation: provinces), a page per province and
 * per district, a page per province of the 2025 boundaries with its communes ({@code province2025-<code>.html}),
 * each with its tables (downloadable as CSV and XLSX under {@code tables/}) and its charts (PNG and
 * SVG under {@code charts/}).
 */
public final class SiteWriter {
    private SiteWriter() {
    }

    /** Static file names; every link is relative to the site folder. */
    static final class StaticLinks implements PageRenderer.Links {
        @Override
        public String page(String level, String unit, int year) {
            return level.equals("national") ? "index.html" : level + "-" + unit + ".html";
        }

        @Override
        public String chart(Dashboard.Page page, String chartId, String ext) {
            return "charts/" + page.id() + "-" + chartId + "." + ext;
        }

        @Override
        public String table(Dashboard.Page page, String tableId, String ext) {
            return "tables/" + page.id() + "-" + tableId + "." + ext;
        }

        @Override
        public String stylesheet() {
            return "style.css";
        }

        @Override
        public String asset(String name) {
            return "assets/" + name;
        }
    }

    /** Writes the site for a year (the latest when null); returns the pages written. */
    public static List<Path> write(Dashboard d, Integer year, List<String> provincesOnly, Path out, boolean progress)
            throws SQLException {
        int y = year != null ? year : d.years().keySet().stream().max(Integer::compare)
                .orElseThrow(() -> new IllegalArgumentException("the warehouse has no annual review results"));
        if (!d.years().containsKey(y)) {
            throw new IllegalArgumentException("no annual review results for " + y + " (years: " + d.years().keySet() + ")");
        }
        List<Dashboard.Page> pages = new ArrayList<>();
        pages.add(new Dashboard.Page("national", "VN", y));
        for (Dashboard.Unit p : d.unitsAt(y, "province", null)) {
            if (provincesOnly != null && !provincesOnly.isEmpty() && !provincesOnly.contains(p.code())) {
                continue;
            }
            pages.add(new Dashboard.Page("province", p.code(), y));
            for (Dashboard.Unit dist : d.unitsAt(y, "district", p.code())) {
                pages.add(new Dashboard.Page("district", dist.code(), y));
            }
        }
        // the provinces of the 2025 boundaries, each with its communes (results restated into them)
        for (String code : d.provinces2025(y).keySet()) {
            pages.add(new Dashboard.Page(Dashboard.PROVINCE_2025, code, y));
        }
        StaticLinks links = new StaticLinks();
        PageRenderer renderer = new PageRenderer(d, links);
        Progress bar = new Progress("dashboard");
        int done = 0;
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(out.resolve("charts"));
            Files.createDirectories(out.resolve("tables"));
            Files.writeString(out.resolve("style.css"), PageRenderer.CSS, StandardCharsets.UTF_8);
            Files.createDirectories(out.resolve("assets"));
            for (String asset : d.assets().names()) {
                Files.write(out.resolve("assets").resolve(asset), d.assets().get(asset));
            }
            for (Dashboard.Page p : pages) {
                for (Dashboard.Item t : d.tables(p)) {
                    QueryResult r = d.result(t);
                    Files.write(out.resolve(links.table(p, t.id(), "csv")), TableFiles.csv(r));
                    Files.write(out.resolve(links.table(p, t.id(), "xlsx")), TableFiles.xlsx(r, d.labels(), d.name(p) + " " + y));
                }
                for (Dashboard.Item c : d.charts(p)) {
                    QueryResult r = d.result(c);
                    JFreeChart chart = d.chart(p, c, r);
                    int[] size = Dashboard.size(c.id(), r.size());
                    ChartFiles.write(chart, out.resolve("charts"), p.id() + "-" + c.id(), size[0], size[1]);
                }
                Path page = out.resolve(links.page(p.level(), p.unit(), y));
                Files.writeString(page, renderer.render(p, ""), StandardCharsets.UTF_8);
                written.add(page);
                done++;
                if (progress && (done % 10 == 0 || done == pages.size())) {
                    bar.step(done + " of " + pages.size() + " pages written");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dashboard under " + out + ": " + e.getMessage(), e);
        }
        return written;
    }
}
