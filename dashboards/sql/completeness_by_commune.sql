-- title: Communes whose households could not all be classified (form B1/B2 missing or held in quarantine), most households affected first, with the poor-rate bounds and the command that lists the held rows
-- params: year int
SELECT r.unit_code, coalesce(n.name, r.unit_code) AS name, r.parent_code AS district_code,
       r.not_scored_households, r.not_scored_recorded_poor, r.not_scored_recorded_near_poor,
       r.reviewed_households, r.completeness, r.incomplete,
       r.poor_rate_pct, r.poor_rate_low, r.poor_rate_high,
       './rasoat quarantine --commune ' || r.unit_code || ' --year ' || CAST(r.review_year AS VARCHAR) AS held_rows_command,
       r.rulebook_version, r.input_version
FROM mart_rates r
LEFT JOIN unit_names n ON n.level = 'commune' AND n.unit_code = r.unit_code
WHERE r.review_year = :year AND r.official AND r.breakdown = 'all' AND r.level = 'commune'
  AND r.not_scored_households > 0
ORDER BY r.not_scored_households DESC, r.completeness, r.unit_code
