-- title: How the multidimensional poverty of a unit depends on the cut-off k (Alkire-Foster over the rulebook's indicators, equal weights): households deprived in at least k = 1…6 indicators, H and A in percent and M0, the standard's k marked
-- params: year int, level level, unit code
SELECT k, headline, indicator_count, households, poor_households AS af_poor_households,
       CAST(round(h * 100, 2) AS DECIMAL(7, 2)) AS h_pct, CAST(round(a * 100, 2) AS DECIMAL(7, 2)) AS a_pct,
       CAST(round(m0, 4) AS DECIMAL(7, 4)) AS m0, rulebook_version, input_version
FROM mart_deprivation_af
WHERE review_year = :year AND official AND breakdown = 'all' AND level = :level AND unit_code = :unit
ORDER BY k
