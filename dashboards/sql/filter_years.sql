-- title: Review years with an annual snapshot, and the standard in force
-- params:
SELECT review_year AS year,
       min(split_part(rulebook_version, '-', 1)) AS standard
FROM mart_rates
WHERE official AND breakdown = 'all' AND level = 'national'
GROUP BY review_year
ORDER BY review_year
