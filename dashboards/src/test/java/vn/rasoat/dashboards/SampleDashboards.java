package vn.rasoat.dashboards;

import vn.rasoat.SampleWarehouse;
import vn.rasoat.dashboards.site.DashboardSession;

import java.sql.SQLException;

/** The sample warehouse (built once per Maven run) opened as the dashboards read it. */
public abstract class SampleDashboards extends SampleWarehouse {
    protected static DashboardSession openSample(String lang) throws SQLException {
        return DashboardSession.open(schemas(), sampleWarehouse().toString(), lang);
    }
}
