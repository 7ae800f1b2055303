-- SPEC §2.1: each item's points for a member and month are summed and clamped to the item's
-- min/max; the clamped item sums are then summed per category (clamped to the category's
-- bounds later, in member_month.sql and category_month.sql). `item_code` is the catalogue
-- code, a custom item's own name, or NULL for a wide-form cell; only catalogue items with a
-- min or max are ever clamped. The department of the member-month (SPEC §2.7) rides along:
-- ingest guarantees one per member-month.
--
-- This is the only query that reads accepted_rows, and grouping every row by its item is the
-- costliest step of the analytics. Most items appear once per member-month, and then clamping
-- the row is clamping the item's sum. So the rows are grouped per category directly, each
-- bounded item clamped row by row, and a category-month in which some bounded item appears
-- more than once is detected exactly and recomputed item by item:
--   each bounded item gets a bit, its number within its category (0–63); a group's items are
--   all distinct exactly when their count equals the number of bits set in their bitwise OR.
-- Items numbered 64 or more always take the item-by-item path.
-- Rows naming a member, department or category missing from the contract tables are an ingest
-- bug and stop the run.
CREATE OR REPLACE TABLE month_category_sums AS
WITH bounded AS (
  SELECT
    item_code,
    category_id,
    min_points,
    max_points,
    row_number() OVER (PARTITION BY category_id ORDER BY item_code) - 1 AS bit
  FROM scheme_items
  WHERE min_points IS NOT NULL OR max_points IS NOT NULL
),
by_category AS (
  SELECT
    r.member_id,
    r.month,
    r.category_id,
    min(r.dept_id) AS dept_id,
    sum(CASE WHEN b.item_code IS NULL THEN r.points ELSE clamp_points(r.points, b.min_points, b.max_points) END) AS points,
    coalesce(max(b.bit) >= 64, false)
      OR count(b.bit) <> coalesce(bit_count(bit_or(CASE WHEN b.bit < 64 THEN 1::UBIGINT << b.bit END)), 0)
      AS repeated
  FROM accepted_rows r
  LEFT JOIN bounded b ON b.item_code = r.item_code AND b.category_id = r.category_id
  GROUP BY r.member_id, r.month, r.category_id
),
repeated_items AS (
  SELECT r.member_id, r.month, r.category_id, r.item_code, min(r.dept_id) AS dept_id, sum(r.points) AS points
  FROM accepted_rows r
  SEMI JOIN (SELECT member_id, month, category_id FROM by_category WHERE repeated) g
    ON g.member_id = r.member_id AND g.month = r.month AND g.category_id = r.category_id
  GROUP BY r.member_id, r.month, r.category_id, r.item_code
),
category_sums AS (
  SELECT member_id, month, category_id, dept_id, points
  FROM by_category
  WHERE NOT repeated
  UNION ALL
  SELECT
    s.member_id,
    s.month,
    s.category_id,
    min(s.dept_id),
    sum(clamp_points(s.points, i.min_points, i.max_points))
  FROM repeated_items s
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
