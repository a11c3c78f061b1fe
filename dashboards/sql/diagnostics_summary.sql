-- title: How many communes of a year raise each data-quality flag, and how many had enough households near the threshold for the bunching test
-- params: year int, min_households int
SELECT count(*) AS communes,
       count(*) FILTER (WHERE just_above_threshold + further_above_threshold >= :min_households) AS bunching_tested,
       count(*) FILTER (WHERE flag_bunching) AS flag_bunching,
       count(*) FILTER (WHERE flag_mismatch) AS flag_mismatch,
       count(*) FILTER (WHERE flag_quarantine) AS flag_quarantine,
       count(*) FILTER (WHERE flag_swing) AS flag_swing,
       count(*) FILTER (WHERE flag_vanished) AS flag_vanished,
       count(*) FILTER (WHERE flags > 0) AS any_flag
FROM mart_diagnostics
WHERE review_year = :year AND official
