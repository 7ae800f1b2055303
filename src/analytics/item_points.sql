-- SPEC §2.1: each item's points for a member and month are summed and clamped to the item's
-- min/max; the clamped item sums are then summed per category (clamped to the category's
-- bounds later). `item_code` is the catalogue code, a custom item's own name, or NULL for
-- wide-form cells (no item: those add straight to the category, unclamped). The department
-- of the member-month (SPEC §2.7) rides along: ingest guarantees one per member-month.
-- This is the only query that reads accepted_rows; rows naming a member, department or
-- category missing from the contract tables are an ingest bug and stop the run.
CREATE OR REPLACE TABLE month_category_sums AS
WITH item_sums AS (
  SELECT member_id, month, category_id, item_code, min(dept_id) AS dept_id, sum(points) AS points
  FROM accepted_rows
  GROUP BY member_id, month, category_id, item_code
),
category_sums AS (
  SELECT
    s.member_id,
    s.month,
    s.category_id,
    min(s.dept_id) AS dept_id,
    sum(clamp_points(s.points, i.min_points, i.max_points)) AS points
  FROM item_sums s
  LEFT JOIN scheme_items i ON i.item_code = s.item_code AND i.category_id = s.category_id
  GROUP BY s.member_id, s.month, s.category_id
)
SELECT
  month_index(s.month) AS pid,
  CASE WHEN m.mk IS NULL THEN error('accepted_rows: member ' || s.member_id || ' is not in members') ELSE m.mk END AS mk,
  CASE WHEN c.ck IS NULL THEN error('accepted_rows: unknown category ' || s.category_id) ELSE c.ck END AS ck,
  CASE WHEN d.dk IS NULL THEN error('accepted_rows: unknown department ' || s.dept_id) ELSE d.dk END AS dk,
  s.points::DECIMAL(18, 2) AS points
FROM category_sums s
LEFT JOIN member_keys m ON m.member_id = s.member_id
LEFT JOIN category_keys c ON c.category_id = s.category_id
LEFT JOIN dept_keys d ON d.dept_id = s.dept_id;
