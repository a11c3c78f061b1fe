-- title: Contribution of each indicator to the adjusted headcount ratio M0 (k = the standard's cut-off), per unit one level below a unit
-- params: year int, level level, unit code
SELECT i.unit_code, coalesce(n.name, i.unit_code) AS name, i.indicator, i.k,
       i.censored_headcount_ratio, i.contribution_pct, i.rulebook_version, i.input_version
FROM mart_deprivation_af_indicator i
JOIN mart_deprivation_af a
  ON a.review_year = i.review_year AND a.snapshot = i.snapshot AND a.breakdown = i.breakdown
 AND a.breakdown_value = i.breakdown_value AND a.k = i.k AND a.level = i.level AND a.unit_code = i.unit_code
LEFT JOIN unit_names n ON n.level = i.level AND n.unit_code = i.unit_code
WHERE i.review_year = :year AND i.official AND i.breakdown = 'all' AND a.headline
  AND a.parent_code = :unit
  AND i.level = CASE :level WHEN 'national' THEN 'region' WHEN 'region' THEN 'province'
                            WHEN 'province' THEN 'district' ELSE 'commune' END
ORDER BY i.unit_code, i.indicator
