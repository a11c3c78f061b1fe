-- title: A unit's official annual results in two review years, every breakdown, with the harmonised base year where published
-- params: level level, unit code, from_year int, to_year int
SELECT r.review_year AS year, r.breakdown, r.breakdown_value, r.rulebook_version,
       split_part(r.rulebook_version, '-', 1) AS standard,
       r.households_total, r.poor_households, r.near_poor_households, r.poor_rate_pct, r.near_poor_rate_pct,
       r.not_scored_households, r.completeness, r.incomplete,
       h.harmonised_as, h.harmonised_poor_households, h.harmonised_near_poor_households,
       h.harmonised_poor_rate_pct, h.harmonised_near_poor_rate_pct, h.underivable_indicators,
       r.input_version
FROM mart_rates r
LEFT JOIN mart_rates_harmonised h
  ON h.official AND h.review_year = r.review_year AND h.level = r.level AND h.unit_code = r.unit_code
 AND h.breakdown = r.breakdown AND h.breakdown_value = r.breakdown_value
 AND h.review_year = :from_year
 AND h.harmonised_as = (SELECT max(split_part(rulebook_version, '-', 1)) FROM mart_rates
                        WHERE official AND review_year = :to_year AND level = :level AND unit_code = :unit)
WHERE r.official AND r.level = :level AND r.unit_code = :unit AND r.review_year IN (:from_year, :to_year)
ORDER BY r.breakdown, r.breakdown_value, r.review_year
