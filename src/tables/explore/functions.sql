-- Run first by writeExploreData (src/tables/explore-data.ts), on the build's connection. Every
-- object is TEMP and dropped again at the end, so nothing leaks into the tables `liangbang data`
-- writes. The browser's drill-down works on month rows only: a quarter's points are the sum of
-- its months' (SPEC §2.5), so any range of months or quarters is a sum of month rows.

-- Mean of a DECIMAL(…,2) sum over n values, to 2 decimals, half away from zero (exact in cents).
CREATE OR REPLACE TEMP MACRO explore_mean(total, n) AS CASE WHEN n > 0 THEN
  (sign((total * 100)::HUGEINT) * ((2 * abs((total * 100)::HUGEINT) + n) // (2 * n)))::DOUBLE / 100
END;

-- Which departments' rows each department's files hold: its own members' only, except the top of
-- the tree (the 党委), whose files hold the whole organisation, for its page and the committee's.
-- A 党总支's page loads its own files and those of each department below it (src/explore/meta.ts
-- `slicesOf`), so that no row ships more than twice.
CREATE OR REPLACE TEMP TABLE explore_slices AS
WITH RECURSIVE walk(slice_id, dept_id, depth) AS (
  SELECT dept_id, dept_id, 0 FROM departments WHERE parent_id IS NULL
  UNION
  SELECT w.slice_id, d.dept_id, w.depth + 1 FROM walk w JOIN departments d ON d.parent_id = w.dept_id
  WHERE w.depth < 64
)
SELECT slice_id, dept_id FROM walk
UNION
SELECT dept_id, dept_id FROM departments;

-- Month standings (names as the audience step left them: masked for the public when the scheme says so).
CREATE OR REPLACE TEMP TABLE explore_standings AS
SELECT
  s.period, s.member_id, s.name, s.dept_id,
  s.points, s.vetoed, s.exempt, s.rank_dept, s.rank_company, s.prev_points, s.points_change,
  s.rank_dept_change, s.rank_company_change
FROM standings s
WHERE s.period_type = 'month';

-- Items per member and month, from accepted_rows: only the public columns (never note, approver,
-- record_id, file or row). `points` is what the exports recorded (summed when an item appears
-- more than once in a month); `counted` is that sum clamped to the item's bounds (SPEC §2.1),
-- 0 for the veto category (veto rows carry no points). Wide-form cells have no item (NULL).
CREATE OR REPLACE TEMP TABLE explore_items AS
WITH sums AS (
  SELECT
    strftime(month, '%Y-%m') AS period, member_id, min(dept_id) AS dept_id, category_id, item_code,
    min(item_name) AS item_name, sum(points) AS points, count(*)::INTEGER AS records
  FROM accepted_rows
  GROUP BY ALL
)
SELECT
  s.period, s.member_id, s.dept_id, s.category_id, s.item_code, coalesce(s.item_name, i.name) AS item_name,
  s.points,
  CASE
    WHEN c.is_veto THEN 0
    WHEN i.min_points IS NOT NULL AND s.points < i.min_points THEN i.min_points
    WHEN i.max_points IS NOT NULL AND s.points > i.max_points THEN i.max_points
    ELSE s.points
  END::DECIMAL(18, 2) AS counted,
  s.records
FROM sums s
LEFT JOIN scheme_items i ON i.item_code = s.item_code AND i.category_id = s.category_id
LEFT JOIN scheme_categories c ON c.category_id = s.category_id;
