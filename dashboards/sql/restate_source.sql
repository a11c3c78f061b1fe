-- title: Commune-level counts at the end of a year's annual review, with each commune's province: the input of a restatement in other boundaries
-- params: year int
SELECT c.unit_code AS commune_code, d.parent_code AS province_code,
       c.reviewed_households, c.poor_households, c.near_poor_households, c.middle_households,
       c.poor_people, c.near_poor_people, c.middle_people, c.households_total, c.population_total,
       c.not_scored_households, c.not_scored_recorded_poor, c.not_scored_recorded_near_poor,
       c.rulebook_version, c.input_version
FROM mart_rates c
JOIN mart_rates d
  ON d.level = 'district' AND d.unit_code = c.parent_code AND d.review_year = c.review_year
 AND d.snapshot = c.snapshot AND d.breakdown = 'all'
WHERE c.level = 'commune' AND c.breakdown = 'all' AND c.official AND c.review_year = :year
ORDER BY c.unit_code
