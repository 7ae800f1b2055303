-- SPEC §2.2–2.4, §2.7: a member's month: department, veto (any row in the veto category), and
-- month points = Σ weight × category points over non-veto categories, each category's sum
-- clamped to its min/max, the total rounded to 2 decimals half away from zero (DuckDB's
-- round() on DECIMAL). Veto rows carry no points.
CREATE OR REPLACE TABLE month_points AS
SELECT
  s.pid,
  s.mk,
  min(s.dk) AS dk,
  bool_or(c.is_veto) AS vetoed,
  coalesce(
    round(sum(clamp_points(s.points, c.min_points, c.max_points)::DECIMAL(38, 2) * c.weight) FILTER (NOT c.is_veto), 2),
    0
  )::DECIMAL(18, 2) AS points
FROM month_category_sums s
JOIN category_keys c ON c.ck = s.ck
GROUP BY s.pid, s.mk;
