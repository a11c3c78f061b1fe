-- title: Households of the annual review by score A relative to the poverty threshold of their area (bins of 5 points), rural and urban thresholds given
-- params: year int, level level, unit code, rural_threshold int, urban_threshold int
WITH h AS (
    SELECT score_a - CASE WHEN urban THEN :urban_threshold ELSE :rural_threshold END AS distance
    FROM fct_household_status
    WHERE review_year = :year AND run_type = 'annual' AND score_a IS NOT NULL
      AND run_id IN (SELECT run_id FROM fct_household_status WHERE review_year = :year AND run_type = 'annual' AND official)
      AND CASE :level WHEN 'commune' THEN commune_code WHEN 'district' THEN district_code
                      WHEN 'province' THEN province_code WHEN 'region' THEN region_key ELSE 'VN' END = :unit
)
SELECT CAST(floor((distance - 1) / 5.0) * 5 + 1 AS INTEGER) AS bin_from,
       CAST(floor((distance - 1) / 5.0) * 5 + 5 AS INTEGER) AS bin_to,
       count(*) AS households
FROM h
WHERE distance BETWEEN -60 AND 60
GROUP BY 1, 2
ORDER BY 1
