-- title: Poor and near-poor rates of a unit in every review year, with the standard in force and the year's completeness, and beside them the rates harmonised to the latest standard rescored (mart_rates_harmonised; null where none)
-- params: level level, unit code
WITH h AS (
    SELECT review_year, harmonised_as, harmonised_poor_rate_pct, harmonised_near_poor_rate_pct, underivable_indicators
    FROM mart_rates_harmonised
    WHERE official AND breakdown = 'all' AND breakdown_value = 'all' AND level = :level AND unit_code = :unit
      AND harmonised_as = (SELECT max(harmonised_as) FROM mart_rates_harmonised)
)
SELECT r.review_year AS year, split_part(r.rulebook_version, '-', 1) AS standard,
       r.households_total, r.poor_households, r.near_poor_households, r.poor_rate_pct, r.near_poor_rate_pct,
       r.completeness, r.incomplete,
       h.harmonised_as, h.harmonised_poor_rate_pct, h.harmonised_near_poor_rate_pct, h.underivable_indicators,
       r.rulebook_version, r.input_version
FROM mart_rates r
LEFT JOIN h ON h.review_year = r.review_year
WHERE r.official AND r.breakdown = 'all' AND r.level = :level AND r.unit_code = :unit
ORDER BY r.review_year
