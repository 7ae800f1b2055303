-- SPEC §2.5–2.8: every scored member × period (month, quarter, year) with its department (that
-- of the member's latest scored month in it), vetoed (in any of its months), exempt, ranked
-- (scored, not vetoed, not exempt) and points: a quarter is the sum of its month points; a
-- year is the sum of its month points (year_points 'sum') or the mean of the member's quarter
-- points over the quarters in which they were scored, rounded to 2 decimals half away from
-- zero ('quarter_average').
CREATE OR REPLACE TABLE period_members AS
WITH quarters AS (
  SELECT
    quarter_of(pid) AS pid,
    mk,
    arg_max(dk, pid) AS dk,
    max(pid) AS last_month,
    bool_or(vetoed) AS vetoed,
    sum(points)::DECIMAL(18, 2) AS points
  FROM month_points
  GROUP BY quarter_of(pid), mk
),
years AS (
  SELECT
    year_of(pid % 1000000) AS pid,
    mk,
    arg_max(dk, last_month) AS dk,
    bool_or(vetoed) AS vetoed,
    CASE (SELECT year_points FROM scheme_settings)
      WHEN 'quarter_average' THEN div_cents(sum(cents(points)), count(*))
      ELSE sum(points)
    END::DECIMAL(18, 2) AS points
  FROM quarters
  GROUP BY year_of(pid % 1000000), mk
),
rolled AS (
  SELECT pid, mk, dk, vetoed, points FROM month_points
  UNION ALL
  SELECT pid, mk, dk, vetoed, points FROM quarters
  UNION ALL
  SELECT pid, mk, dk, vetoed, points FROM years
)
SELECT
  r.pid,
  r.mk,
  r.dk,
  r.vetoed,
  k.exempt,
  NOT r.vetoed AND NOT k.exempt AS ranked,
  k.exemplar AS designated_exemplar,
  r.points
FROM rolled r
JOIN member_keys k ON k.mk = r.mk;
