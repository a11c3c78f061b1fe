-- title: Movements of poor and of near-poor households and people of a unit between the previous review and this one, movement by movement (Biểu 2, Biểu 3)
-- params: year int, level level, unit code
SELECT "group", base_year, direction, movement, households, people, rulebook_version, input_version
FROM mart_transitions
WHERE review_year = :year AND official AND level = :level AND unit_code = :unit
  AND base_year = (SELECT max(base_year) FROM mart_transitions WHERE review_year = :year AND base_year < :year)
  AND direction NOT LIKE 'boundary%'
ORDER BY "group" DESC,
         CASE direction WHEN 'balance' THEN (CASE movement WHEN 'start' THEN 0 ELSE 9 END)
                        WHEN 'decrease' THEN 1 WHEN 'increase' THEN 2 ELSE 3 END,
         movement
