-- title: Poor and near-poor households and people of a unit by target group: ethnic minority, no working capacity, meritorious person, female head, urban/rural (Biểu 5)
-- params: year int, level level, unit code
SELECT breakdown, breakdown_value, reviewed_households, households_total,
       poor_households, poor_people, near_poor_households, near_poor_people,
       poor_rate_pct, near_poor_rate_pct, rulebook_version, input_version
FROM mart_rates
WHERE review_year = :year AND official AND level = :level AND unit_code = :unit
  AND breakdown <> 'all'
ORDER BY CASE breakdown WHEN 'ethnic_minority' THEN 1 WHEN 'no_working_capacity' THEN 2
                        WHEN 'meritorious_person' THEN 3 WHEN 'female_head' THEN 4 ELSE 5 END,
         breakdown_value DESC
