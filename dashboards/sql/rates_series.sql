-- title: Poor and near-poor rates of a unit in every review year, with the standard in force and the year's completeness
-- params: level level, unit code
SELECT review_year AS year, split_part(rulebook_version, '-', 1) AS standard,
       households_total, poor_households, near_poor_households, poor_rate_pct, near_poor_rate_pct,
       completeness, incomplete, rulebook_version, input_version
FROM mart_rates
WHERE official AND breakdown = 'all' AND level = :level AND unit_code = :unit
ORDER BY review_year
