-- title: Households of the annual review by score A relative to the poverty threshold of their area (bins of 5 points), rural and urban thresholds given
-- params: year int, level level, unit code, rural_threshold int, urban_threshold int
WITH h AS (
    SELECT score_a - CASE WHEN urban THEN :urban_threshold ELSE :rural_threshold END AS distance
    FROM fct_household_status
    WHERE review_year = :year AND run_type = 'annual' AND score_a IS NOT NULL
      -- the run of the year's official annual snapshot (mart_rates: snapshot = 'annual_' || run_id)
      AND run_id IN (SELECT substr(snapshot, length('annual_') + 1) FROM mart_rates
                     WHERE review_year = :year AND official AND starts_with(snapshot, 'annual_')
                       AND level = 'national' AND breakdown = 'all')
      -- one comparison per level, so the scan can filter on the column itself
      AND ((:level = 'commune' AND commune_code = :unit) OR (:level = 'district' AND district_code = :unit)
           OR (:level = 'province' AND province_code = :unit) OR (:level = 'region' AND region_key = :unit)
           OR (:level = 'national' AND :unit = 'VN'))
)
SELECT CAST(floor((distance - 1) / 5.0) * 5 + 1 AS INTEGER) AS bin_from,
       CAST(floor((distance - 1) / 5.0) * 5 + 5 AS INTEGER) AS bin_to,
       count(*) AS households
FROM h
WHERE distance BETWEEN -60 AND 60
GROUP BY 1, 2
ORDER BY 1
