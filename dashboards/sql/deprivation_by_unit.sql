-- title: Share of poor and near-poor households deprived in each indicator, for each unit one level below a unit
-- percentages: exact, half up (docs/rules.md#rates), in whole numbers: (20000·a + b) // (2·b) hundredths
-- params: year int, level level, unit code
SELECT d.unit_code, coalesce(n.name, d.unit_code) AS name, d.indicator,
       CAST(sum(d.households) AS BIGINT) AS households, CAST(sum(d.deprived_households) AS BIGINT) AS deprived_households,
       CAST(CAST((20000 * sum(d.deprived_households) + sum(d.households))
             // nullif(2 * sum(d.households), 0) AS DECIMAL(18,0)) * 0.01 AS DECIMAL(9,2)) AS deprived_share_pct,
       min(d.rulebook_version) AS rulebook_version, min(d.input_version) AS input_version
FROM mart_deprivation d
LEFT JOIN unit_names n ON n.level = d.level AND n.unit_code = d.unit_code
WHERE d.review_year = :year AND d.official AND d.parent_code = :unit
  AND d.level = CASE :level WHEN 'national' THEN 'region' WHEN 'region' THEN 'province'
                            WHEN 'province' THEN 'district' ELSE 'commune' END
GROUP BY d.unit_code, n.name, d.indicator
ORDER BY d.unit_code, d.indicator
