-- title: A unit's change from year to year up to a review year: official results, poor and near-poor rates in both years, the change in points and relative, and whether the standard changed between them
-- params: year int, level level, unit code
SELECT base_year, review_year, base_standard, target_standard, standard_changed,
       base_poor_rate_pct, target_poor_rate_pct, poor_rate_change_pp, poor_rate_change_rel_pct,
       base_near_poor_rate_pct, target_near_poor_rate_pct, near_poor_rate_change_pp, near_poor_rate_change_rel_pct,
       incomplete, rulebook_version, input_version
FROM mart_yoy
WHERE official AND breakdown = 'all' AND level = :level AND unit_code = :unit AND review_year <= :year
ORDER BY review_year, base_year
