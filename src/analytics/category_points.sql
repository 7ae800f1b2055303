-- SPEC §2.5 for categories: each scored member's points in each non-veto category for every
-- month, quarter and year, rolled up like the points (summed; a year is the rounded mean over
-- scored quarters for 'quarter_average'). These are the unweighted category points; the
-- `category_points` output is made from them in gaps.sql.
CREATE OR REPLACE TABLE period_category_points AS
WITH quarters AS (
  SELECT quarter_of(pid) AS pid, mk, ck, sum(points)::DECIMAL(18, 2) AS points
  FROM month_category_points
  GROUP BY quarter_of(pid), mk, ck
),
years AS (
  SELECT
    year_of(pid % 1000000) AS pid,
    mk,
    ck,
    CASE (SELECT year_points FROM scheme_settings)
      WHEN 'quarter_average' THEN div_cents(sum(cents(points)), count(*))
      ELSE sum(points)
    END::DECIMAL(18, 2) AS points
  FROM quarters
  GROUP BY year_of(pid % 1000000), mk, ck
)
SELECT pid, mk, ck, points FROM month_category_points
UNION ALL
SELECT pid, mk, ck, points FROM quarters
UNION ALL
SELECT pid, mk, ck, points FROM years;
