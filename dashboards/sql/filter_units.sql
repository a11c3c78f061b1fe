-- title: Units with results in a review year (the filters of the dashboard)
-- params: year int
SELECT r.level, r.unit_code, r.parent_code, coalesce(n.name, r.unit_code) AS name
FROM mart_rates r
LEFT JOIN unit_names n ON n.level = r.level AND n.unit_code = r.unit_code
WHERE r.review_year = :year AND r.official AND r.breakdown = 'all'
  AND r.level IN ('province', 'district', 'commune')
ORDER BY CASE r.level WHEN 'province' THEN 1 WHEN 'district' THEN 2 ELSE 3 END, r.unit_code
