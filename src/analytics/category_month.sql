-- SPEC §2.2: a member's points in each non-veto category for a month: the sum of the item
-- sums, clamped to the category's min/max. Every scored member-month gets a row for every
-- non-veto category; a category with no rows is 0 (it is not raised to a positive min).
CREATE OR REPLACE TABLE month_category_points AS
SELECT
  m.pid,
  m.mk,
  c.ck,
  coalesce(clamp_points(s.points, c.min_points, c.max_points), 0)::DECIMAL(18, 2) AS points
FROM month_points m
CROSS JOIN category_keys c
LEFT JOIN month_category_sums s ON s.pid = m.pid AND s.mk = m.mk AND s.ck = c.ck
WHERE NOT c.is_veto;
