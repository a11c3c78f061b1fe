package vn.rasoat.dashboards.site;

import vn.rasoat.dashboards.Warehouse;
import vn.rasoat.dashboards.charts.Labels;
import vn.rasoat.dashboards.query.Queries;
import vn.rasoat.io.SchemaSource;
import vn.rasoat.io.WarehouseLayout;
import vn.rasoat.rules.Rulebooks;

import java.io.File;
import java.sql.SQLException;

/** A read-only DuckDB over a warehouse's marts with the dashboard on top: what dashboard, serve and report open. */
public final class DashboardSession implements AutoCloseable {
    private final Warehouse warehouse;
    private final Dashboard dashboard;
    private final String publishedRun;

    private DashboardSession(Warehouse warehouse, Dashboard dashboard, String publishedRun) {
        this.warehouse = warehouse;
        this.dashboard = dashboard;
        this.publishedRun = publishedRun;
    }

    public static DashboardSession open(SchemaSource source, String warehousePath, String lang) throws SQLException {
        if (!new File(WarehouseLayout.mart(warehousePath, "mart_rates")).isDirectory()) {
            throw new IllegalArgumentException("no marts under " + warehousePath + "/marts (run `rasoat marts --warehouse "
                    + warehousePath + "` first)");
        }
        Warehouse w = Warehouse.openReadOnly(source, warehousePath);
        return new DashboardSession(w, new Dashboard(new Queries(w.connection()), Labels.load(lang, source),
                Rulebooks.load(source), SiteAssets.load(source)), publishedRun(warehousePath));
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

    public Dashboard dashboard() {
        return dashboard;
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    @Override
    public void close() throws SQLException {
        warehouse.close();
    }
}
