-- title: Movements of poor (or near-poor) households of a unit from the previous review to this one: start, exits, entries, re-entries, other changes, end
-- params: year int, level level, unit code, group group
WITH m AS (
    SELECT base_year, movement, direction, households, people, rulebook_version, input_version
    FROM mart_transitions
    WHERE review_year = :year AND official AND level = :level AND unit_code = :unit AND "group" = :group
      AND base_year = (SELECT max(base_year) FROM mart_transitions WHERE review_year = :year AND base_year < :year)
),
steps AS (
    SELECT base_year,
           CASE
             WHEN movement = 'start' THEN 1
             WHEN movement IN ('exit_above_near_poverty_line', 'exit_near_poverty') THEN 2
             WHEN movement IN ('poor_to_near_poor', 'near_poor_to_poor') THEN 3
             WHEN movement LIKE 'other_decrease_%' THEN 4
             WHEN movement IN ('newly_poor', 'newly_near_poor') THEN 5
             WHEN movement IN ('near_poor_to_poor_in', 'poor_to_near_poor_in') THEN 6
             WHEN movement IN ('re_poor', 're_near_poor') THEN 7
             WHEN movement LIKE 'other_increase_%' THEN 8
             WHEN movement = 'end' THEN 9
             WHEN movement = 'not_classified_forms_held' THEN 10
           END AS step_order,
           -- the mart's own direction decides the sign (end = start − decreases + increases), never the name
           CASE direction WHEN 'decrease' THEN -1 ELSE 1 END AS sign,
           households, people, rulebook_version, input_version
    FROM m
)
SELECT base_year, step_order,
       CASE step_order WHEN 1 THEN 'start' WHEN 2 THEN 'exits' WHEN 3 THEN 'to_other_group'
                       WHEN 4 THEN 'other_decreases' WHEN 5 THEN 'entries' WHEN 6 THEN 'from_other_group'
                       WHEN 7 THEN 're_entries' WHEN 8 THEN 'other_increases' WHEN 10 THEN 'not_classified'
                       ELSE 'end' END AS step,
       CAST(sum(sign * households) AS BIGINT) AS households,
       CAST(sum(sign * people) AS BIGINT) AS people,
       min(rulebook_version) AS rulebook_version, min(input_version) AS input_version
FROM steps
WHERE step_order IS NOT NULL
GROUP BY base_year, step_order
ORDER BY CASE step_order WHEN 10 THEN 4.5 ELSE step_order END
