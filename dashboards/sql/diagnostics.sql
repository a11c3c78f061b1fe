-- title: Communes to re-check before reading a year's results: data-quality flags and the rank (flagged communes, and the first 20 in any case)
-- params: year int
SELECT d.recheck_rank, d.commune_code AS unit_code, coalesce(n.name, d.commune_code) AS name, d.district_code,
       d.flags, d.flag_bunching, d.flag_mismatch, d.flag_quarantine, d.flag_swing, d.flag_vanished,
       d.scored_households, d.quarantined_rows, d.mismatch_share, d.at_or_below_threshold, d.just_above_threshold, d.further_above_threshold,
       d.bunching_p_value, d.poor_rate_change_pp, d.left_without_reason, d.rulebook_version, d.input_version
FROM mart_diagnostics d
LEFT JOIN unit_names n ON n.level = 'commune' AND n.unit_code = d.commune_code
WHERE d.review_year = :year AND d.official AND (d.flags > 0 OR d.recheck_rank <= 20)
ORDER BY d.recheck_rank
