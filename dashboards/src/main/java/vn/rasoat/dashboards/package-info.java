/** DuckDB side of rasoat: queries over the marts, charts, the dashboard site, report workbooks and budgets. */
package vn.rasoat.dashboards;
