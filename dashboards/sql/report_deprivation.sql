-- title: Poor and near-poor households of a unit deprived in each indicator, counts and shares (Biểu 4)
-- percentages: exact, half up (docs/rules.md#rates), in whole numbers: (20000·a + b) // (2·b) hundredths
-- params: year int, level level, unit code
SELECT indicator,
       CAST(sum(households) FILTER (WHERE status_group = 'poor') AS BIGINT) AS poor_households,
       CAST(sum(deprived_households) FILTER (WHERE status_group = 'poor') AS BIGINT) AS poor_deprived,
       CAST(CAST((20000 * sum(deprived_households) FILTER (WHERE status_group = 'poor') + sum(households) FILTER (WHERE status_group = 'poor'))
             // nullif(2 * sum(households) FILTER (WHERE status_group = 'poor'), 0) AS DECIMAL(18,0)) * 0.01 AS DECIMAL(9,2)) AS poor_deprived_pct,
       CAST(sum(households) FILTER (WHERE status_group = 'near_poor') AS BIGINT) AS near_poor_households,
       CAST(sum(deprived_households) FILTER (WHERE status_group = 'near_poor') AS BIGINT) AS near_poor_deprived,
       CAST(CAST((20000 * sum(deprived_households) FILTER (WHERE status_group = 'near_poor') + sum(households) FILTER (WHERE status_group = 'near_poor'))
             // nullif(2 * sum(households) FILTER (WHERE status_group = 'near_poor'), 0) AS DECIMAL(18,0)) * 0.01 AS DECIMAL(9,2)) AS near_poor_deprived_pct,
       min(rulebook_version) AS rulebook_version, min(input_version) AS input_version
FROM mart_deprivation
WHERE review_year = :year AND official AND level = :level AND unit_code = :unit
GROUP BY indicator
ORDER BY indicator
