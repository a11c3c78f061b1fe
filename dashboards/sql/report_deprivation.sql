-- title: Poor and near-poor households of a unit deprived in each indicator, counts and shares (Biểu 4)
-- params: year int, level level, unit code
SELECT indicator,
       sum(households) FILTER (WHERE status_group = 'poor') AS poor_households,
       sum(deprived_households) FILTER (WHERE status_group = 'poor') AS poor_deprived,
       round(100.0 * sum(deprived_households) FILTER (WHERE status_group = 'poor')
             / nullif(sum(households) FILTER (WHERE status_group = 'poor'), 0), 2) AS poor_deprived_pct,
       sum(households) FILTER (WHERE status_group = 'near_poor') AS near_poor_households,
       sum(deprived_households) FILTER (WHERE status_group = 'near_poor') AS near_poor_deprived,
       round(100.0 * sum(deprived_households) FILTER (WHERE status_group = 'near_poor')
             / nullif(sum(households) FILTER (WHERE status_group = 'near_poor'), 0), 2) AS near_poor_deprived_pct,
       min(rulebook_version) AS rulebook_version, min(input_version) AS input_version
FROM mart_deprivation
WHERE review_year = :year AND snapshot LIKE 'annual_%' AND level = :level AND unit_code = :unit
GROUP BY indicator
ORDER BY indicator
