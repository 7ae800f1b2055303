-- SPEC §2.10 and the `gaps` output: for every scored member and period, per non-veto category
-- and for '_total' (the points), the exemplars' mean minus the member's own points; positive =
-- behind. The mean is computed exactly (in cents) and rounded once, half away from zero; the
-- gap is that published mean minus the member's points, so every row adds up by hand.
-- A period without exemplars has rows with an empty exemplar_avg and gap.
-- The `category_points` output (SPEC §3) is the category rows of this table, as a view: the
-- biggest outputs are then labelled and sorted once.
CREATE OR REPLACE TABLE gaps AS
WITH member_points AS (
  SELECT pid, mk, ck, points FROM period_category_points
  UNION ALL
  SELECT pid, mk, 1000000 AS ck, points FROM period_ranks -- '_total', after every category
),
exemplar_means AS (
  SELECT mp.pid, mp.ck, div_cents(sum(cents(mp.points)), count(*)) AS avg
  FROM member_points mp
  JOIN period_exemplars e ON e.pid = mp.pid AND e.mk = mp.mk
  GROUP BY mp.pid, mp.ck
)
SELECT
  p.period_type,
  p.period,
  k.member_id,
  coalesce(c.category_id, '_total') AS category_id,
  mp.points AS member_points,
  e.avg AS exemplar_avg,
  (e.avg - mp.points)::DECIMAL(18, 2) AS gap
FROM member_points mp
JOIN periods p ON p.pid = mp.pid
JOIN member_keys k ON k.mk = mp.mk
LEFT JOIN category_keys c ON c.ck = mp.ck
LEFT JOIN exemplar_means e ON e.pid = mp.pid AND e.ck = mp.ck
ORDER BY mp.pid, mp.mk, mp.ck; -- = period_type, period, member_id, category display order, '_total'

CREATE OR REPLACE VIEW category_points AS
SELECT period_type, period, member_id, category_id, member_points AS points
FROM gaps
WHERE category_id <> '_total';
