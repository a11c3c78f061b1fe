-- title: Poor and near-poor rates of the units one level below a unit, highest poor rate first, with the unit's own rate; for every household or one subgroup (rates only where the subgroup has a household total: all and area)
-- params: year int, level level, unit code, subgroup subgroup = all
WITH sel AS (
    SELECT split_part(:subgroup, '.', 1) AS breakdown,
           coalesce(nullif(split_part(:subgroup, '.', 2), ''), 'all') AS breakdown_value
), parent AS (
    SELECT r.poor_rate_pct, r.near_poor_rate_pct
    FROM mart_rates r JOIN sel s ON r.breakdown = s.breakdown AND r.breakdown_value = s.breakdown_value
    WHERE r.review_year = :year AND r.official
      AND r.level = :level AND r.unit_code = :unit
)
SELECT r.unit_code, coalesce(n.name, r.unit_code) AS name,
       r.households_total, r.reviewed_households, r.poor_households, r.near_poor_households,
       r.poor_rate_pct, r.near_poor_rate_pct,
       r.not_scored_households, r.completeness, r.poor_rate_low, r.poor_rate_high, r.incomplete,
       p.poor_rate_pct AS parent_poor_rate_pct, p.near_poor_rate_pct AS parent_near_poor_rate_pct,
       r.rulebook_version, r.input_version
FROM mart_rates r
JOIN sel s ON r.breakdown = s.breakdown AND r.breakdown_value = s.breakdown_value
LEFT JOIN parent p ON true
LEFT JOIN unit_names n ON n.level = r.level AND n.unit_code = r.unit_code
WHERE r.review_year = :year AND r.official
  AND r.parent_code = :unit
  AND r.level = CASE :level WHEN 'national' THEN 'region' WHEN 'region' THEN 'province'
                            WHEN 'province' THEN 'district' ELSE 'commune' END
ORDER BY r.poor_rate_pct DESC NULLS LAST,
         CASE WHEN r.poor_rate_pct IS NULL THEN r.poor_households END DESC NULLS LAST, r.unit_code
