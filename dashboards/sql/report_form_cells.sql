-- title: The cells of the report forms (Biểu 7.x) of a unit and of each unit one level below, long: results, movements, deprivation by indicator and the report topics (causes, support needs, target groups, ethnic groups, sectors, children), with the households whose answer was recorded
-- params: year int, level level, unit code
WITH rates AS (
    SELECT * FROM (
        SELECT level, unit_code, rulebook_version, input_version,
               CAST(households_total AS DECIMAL(20,4)) AS households_total,
               CAST(population_total AS DECIMAL(20,4)) AS population_total,
               CAST(reviewed_households AS DECIMAL(20,4)) AS reviewed_households,
               CAST(poor_households AS DECIMAL(20,4)) AS poor_households,
               CAST(poor_people AS DECIMAL(20,4)) AS poor_people,
               CAST(near_poor_households AS DECIMAL(20,4)) AS near_poor_households,
               CAST(near_poor_people AS DECIMAL(20,4)) AS near_poor_people,
               CAST(middle_households AS DECIMAL(20,4)) AS middle_households,
               CAST(middle_people AS DECIMAL(20,4)) AS middle_people,
               CAST(not_scored_households AS DECIMAL(20,4)) AS not_scored_households,
               CAST(poor_rate_pct AS DECIMAL(20,4)) AS poor_rate_pct,
               CAST(near_poor_rate_pct AS DECIMAL(20,4)) AS near_poor_rate_pct,
               CAST(middle_rate_pct AS DECIMAL(20,4)) AS middle_rate_pct
        FROM mart_rates
        WHERE review_year = :year AND official AND breakdown = 'all'
          AND ((level = :level AND unit_code = :unit) OR parent_code = :unit)
    ) UNPIVOT INCLUDE NULLS (value FOR k1 IN (households_total, population_total, reviewed_households, poor_households,
        poor_people, near_poor_households, near_poor_people, middle_households, middle_people, not_scored_households,
        poor_rate_pct, near_poor_rate_pct, middle_rate_pct))
), cells AS (
    SELECT level, unit_code, 'rates' AS source, k1, NULL AS k2, NULL AS k3, value,
           NULL::BIGINT AS households, NULL::BIGINT AS households_collected, rulebook_version, input_version
    FROM rates
    UNION ALL
    SELECT level, unit_code, 'movement', "group", direction, movement, CAST(households AS DECIMAL(20,4)),
           NULL, NULL, rulebook_version, input_version
    FROM mart_transitions
    WHERE review_year = :year AND official AND ((level = :level AND unit_code = :unit) OR parent_code = :unit)
      AND base_year = (SELECT max(base_year) FROM mart_transitions WHERE review_year = :year AND base_year < :year)
      AND direction NOT LIKE 'boundary%' AND movement <> 'members_change_of_stayers'
    UNION ALL
    SELECT level, unit_code, 'deprivation', status_group, indicator, NULL, CAST(deprived_households AS DECIMAL(20,4)),
           households, households, rulebook_version, input_version
    FROM mart_deprivation
    WHERE review_year = :year AND official AND ((level = :level AND unit_code = :unit) OR parent_code = :unit)
    UNION ALL
    SELECT level, unit_code, 'topic', status_group, topic, category, CAST(value AS DECIMAL(20,4)),
           households, households_collected, rulebook_version, input_version
    FROM mart_report_topics
    WHERE review_year = :year AND official AND ((level = :level AND unit_code = :unit) OR parent_code = :unit)
)
SELECT CASE WHEN c.level = :level AND c.unit_code = :unit THEN 0 ELSE 1 END AS row_order, c.level, c.unit_code,
       coalesce(n.name, c.unit_code) AS name, c.source, c.k1, c.k2, c.k3, c.value, c.households, c.households_collected,
       c.rulebook_version, c.input_version
FROM cells c
LEFT JOIN unit_names n ON n.level = c.level AND n.unit_code = c.unit_code
ORDER BY row_order, c.unit_code, c.source, c.k1, c.k2, c.k3
