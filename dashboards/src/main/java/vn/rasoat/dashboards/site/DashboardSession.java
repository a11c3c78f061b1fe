package vn.rasoat.dashboards.site;

import vn.rasoat.dashboards.Warehouse;
import vn.rasoat.dashboards.charts.Labels;
import vn.rasoat.dashboards.query.Queries;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.io.WarehouseLayout;
import vn.rasoat.rules.Rulebooks;

import java.io.File;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A read-only DuckDB over a warehouse's marts with the dashboard on top: what dashboard, serve and report open. */
public final class DashboardSession implements AutoCloseable {
    private final Warehouse warehouse;
    private final List<Dashboard> dashboards;
    private final String publishedRun;

    private DashboardSession(Warehouse warehouse, List<Dashboard> dashboards, String publishedRun) {
        this.warehouse = warehouse;
        this.dashboards = dashboards;
        this.publishedRun = publishedRun;
    }

    public static DashboardSession open(SchemaSource source, String warehousePath, String lang) throws SQLException {
        if (!new File(WarehouseLayout.mart(warehousePath, "mart_rates")).isDirectory()) {
            throw new IllegalArgumentException("no marts under " + warehousePath + "/marts (run `rasoat marts --warehouse "
                    + warehousePath + "` first)");
        }
        Labels first = Labels.load(lang, source);
        Warehouse w = Warehouse.openReadOnly(source, warehousePath);
        Queries queries = new Queries(w.connection());
        Rulebooks rulebooks = Rulebooks.load(source);
        SiteAssets assets = SiteAssets.load(source);
        List<Dashboard> all = new ArrayList<>();
        all.add(new Dashboard(queries, first, rulebooks, assets));
        for (String other : Labels.LANGUAGES) {
            if (!other.equals(lang)) {
                all.add(new Dashboard(queries, Labels.load(other, source), rulebooks, assets));
            }
        }
        return new DashboardSession(w, List.copyOf(all), publishedRun(warehousePath));
    }

    /** The run that published the marts read (from the publication pointer), or "unpublished" for older warehouses. */
    static String publishedRun(String warehousePath) {
        File pointer = new File(WarehouseLayout.marts(warehousePath), WarehouseLayout.POINTER);
        if (!pointer.isFile()) {
            return "unpublished";
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(pointer).path("run").asText("unpublished");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the publication pointer " + pointer, e);
        }
    }

    /** The run that published the marts this session reads. */
    public String publishedRun() {
        return publishedRun;
    }

    /** The dashboard in the session's language. */
    public Dashboard dashboard() {
        return dashboards.get(0);
    }

    /** The dashboard in every language, the session's first (one warehouse connection for all). */
    public List<Dashboard> dashboards() {
        return dashboards;
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    @Override
    public void close() throws SQLException {
        warehouse.close();
    }
}
