-- title: Poor and near-poor rates of every province (and region and nation) at the end of the annual review
-- params: year int
SELECT r.level, r.unit_code, coalesce(n.name, r.unit_code) AS name,
       split_part(r.rulebook_version, '-', 1) AS standard,
       r.households_total, r.reviewed_households, r.poor_households, r.near_poor_households,
       r.poor_rate_pct, r.near_poor_rate_pct,
       r.not_scored_households, r.completeness, r.poor_rate_low, r.poor_rate_high, r.incomplete,
       r.rulebook_version, r.input_version
FROM mart_rates r
LEFT JOIN unit_names n ON n.level = r.level AND n.unit_code = r.unit_code
WHERE r.review_year = :year AND r.official AND r.breakdown = 'all'
  AND r.level IN ('national', 'region', 'province')
ORDER BY CASE r.level WHEN 'national' THEN 1 WHEN 'region' THEN 2 ELSE 3 END, r.unit_code
