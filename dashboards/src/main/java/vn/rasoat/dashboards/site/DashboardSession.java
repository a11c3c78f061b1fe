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

    private DashboardSession(Warehouse warehouse, Dashboard dashboard) {
        this.warehouse = warehouse;
        this.dashboard = dashboard;
    }

    public static DashboardSession open(SchemaSource source, String warehousePath, String lang) throws SQLException {
        if (!new File(WarehouseLayout.mart(warehousePath, "mart_rates")).isDirectory()) {
            throw new IllegalArgumentException("no marts under " + warehousePath + "/marts (run `rasoat marts --warehouse "
                    + warehousePath + "` first)");
        }
        Warehouse w = Warehouse.openReadOnly(source, warehousePath);
        return new DashboardSession(w, new Dashboard(new Queries(w.connection()), Labels.load(lang, source),
                Rulebooks.load(source)));
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
