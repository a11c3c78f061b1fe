-- title: A review year's results in the boundaries of 1 July 2025 (restated from the 63-province system, mart_rates_2025): for VN the nation and its 34 provinces, for a province the province and its communes
-- params: year int, unit code
SELECT r.level, r.unit_code, coalesce(n.name, r.unit_code) AS name,
       r.households_total, r.reviewed_households, r.poor_households, r.near_poor_households,
       r.poor_rate_pct, r.near_poor_rate_pct,
       r.not_scored_households, r.completeness, r.poor_rate_high, r.incomplete,
       r.source_communes, r.split_communes, r.communes_without_denominator, r.restatement,
       r.rulebook_version, r.input_version
FROM mart_rates_2025 r
LEFT JOIN unit_names n ON n.level = r.level || '_2025' AND n.unit_code = r.unit_code
WHERE r.review_year = :year
  AND CASE WHEN :unit = 'VN' THEN r.level IN ('national', 'province')
           ELSE (r.level = 'province' AND r.unit_code = :unit) OR (r.level = 'commune' AND r.parent_code = :unit) END
ORDER BY CASE r.level WHEN 'national' THEN 1 WHEN 'province' THEN 2 ELSE 3 END, r.unit_code = 'unallocated', r.unit_code
