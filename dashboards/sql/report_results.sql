-- title: Review results of a unit and of each unit one level below: households, people, poor, near-poor, middle living standard (Biểu 1)
-- params: year int, level level, unit code
SELECT CASE WHEN r.level = :level THEN 0 ELSE 1 END AS row_order, r.level, r.unit_code, coalesce(n.name, r.unit_code) AS name,
       r.households_total, r.population_total, r.reviewed_households,
       r.poor_households, r.poor_people, r.poor_rate_pct,
       r.near_poor_households, r.near_poor_people, r.near_poor_rate_pct,
       r.middle_households, r.middle_people, r.middle_rate_pct,
       r.not_scored_households, r.not_scored_recorded_poor, r.not_scored_recorded_near_poor, r.completeness,
       r.poor_rate_low, r.poor_rate_high, r.near_poor_rate_low, r.near_poor_rate_high, r.incomplete,
       split_part(r.rulebook_version, '-', 1) AS standard, r.rulebook_version, r.input_version
FROM mart_rates r
LEFT JOIN unit_names n ON n.level = r.level AND n.unit_code = r.unit_code
WHERE r.review_year = :year AND r.official AND r.breakdown = 'all'
  AND ((r.level = :level AND r.unit_code = :unit)
    OR (r.parent_code = :unit AND r.level = CASE :level WHEN 'national' THEN 'region' WHEN 'region' THEN 'province'
                                                        WHEN 'province' THEN 'district' ELSE 'commune' END))
ORDER BY row_order, r.unit_code
