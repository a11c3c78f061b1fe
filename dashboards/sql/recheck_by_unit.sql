-- title: Re-check (phúc tra) estimates of a unit and its districts in a review year, plan by plan: the share of statuses that change on re-verification and the corrected poor and near-poor counts and rates with their intervals
-- params: year int, level level, unit code
SELECT plan_id, level, unit_code, coalesce(n.name, r.unit_code) AS name, rechecked_households, changed_households,
       changed_share_pct, changed_share_low, changed_share_high,
       recorded_poor, corrected_poor, corrected_poor_low, corrected_poor_high,
       recorded_near_poor, corrected_near_poor, corrected_near_poor_low, corrected_near_poor_high,
       recorded_poor_rate_pct, corrected_poor_rate_pct, corrected_poor_rate_low, corrected_poor_rate_high,
       strata_not_rechecked, confidence, rulebook_version, input_version
FROM mart_recheck r
LEFT JOIN unit_names n USING (level, unit_code)
WHERE r.review_year = :year AND r.official
  AND ((r.level = :level AND r.unit_code = :unit) OR r.parent_code = :unit)
ORDER BY plan_id, CASE WHEN r.unit_code = :unit THEN 0 ELSE 1 END, r.unit_code
