-- Shared by the site documents (run first, on the build's connection; TEMP: nothing leaks into
-- the tables `liangbang data` writes). The pages display the SPEC §3 tables; the only figures
-- computed here are display averages, which are exact means rounded half away from zero.

-- Mean of a DECIMAL(…,2) sum over n values, to 2 decimals, half away from zero (exact in cents).
CREATE OR REPLACE TEMP MACRO site_mean(total, n) AS
  CASE WHEN n > 0 THEN
    ((2 * (total * 100)::HUGEINT + CASE WHEN total < 0 THEN -n ELSE n END) // (2 * n))::DOUBLE / 100
  END;

-- The previous calendar period of a period label: 2026-01 → 2025-12, 2026-Q1 → 2025-Q4, 2026 → 2025.
CREATE OR REPLACE TEMP MACRO site_prev_period(p) AS
  CASE
    WHEN length(p) = 4 THEN (p::INTEGER - 1)::VARCHAR
    WHEN p[6] = 'Q' THEN
      CASE WHEN p[7] = '1' THEN (p[1:4]::INTEGER - 1)::VARCHAR || '-Q4' ELSE p[1:6] || (p[7]::INTEGER - 1)::VARCHAR END
    ELSE strftime(strptime(p || '-01', '%Y-%m-%d') - INTERVAL 1 MONTH, '%Y-%m')
  END;

-- The latest month, quarter and year with data (labels sort as text).
CREATE OR REPLACE TEMP VIEW site_latest AS
SELECT
  max(period) FILTER (WHERE period_type = 'month') AS month,
  max(period) FILTER (WHERE period_type = 'quarter') AS quarter,
  max(period) FILTER (WHERE period_type = 'year') AS year
FROM standings;

-- Every department with each department of its subtree (itself at depth 0): a 党总支 covers its branches.
CREATE OR REPLACE TEMP TABLE site_subtree AS
WITH RECURSIVE walk(root_id, dept_id, depth) AS (
  SELECT dept_id, dept_id, 0 FROM departments
  UNION
  SELECT w.root_id, d.dept_id, w.depth + 1 FROM walk w JOIN departments d ON d.parent_id = w.dept_id
  WHERE w.depth < 64
)
SELECT root_id, dept_id, min(depth) AS depth FROM walk GROUP BY ALL;

-- Non-veto categories in display order.
CREATE OR REPLACE TEMP VIEW site_categories AS
SELECT category_id, name, sort FROM scheme_categories WHERE NOT is_veto;

-- Standings with the number of members sharing each rank (并列), in the department and company-wide,
-- and the number of ranked members in each. Counted by GROUP BY and joined back: four window
-- functions over different partitions would sort the table four times.
CREATE OR REPLACE TEMP TABLE site_standings AS
WITH dept_rank AS (
  SELECT period_type, period, dept_id, rank_dept, count(*) AS n
  FROM standings WHERE rank_dept IS NOT NULL GROUP BY ALL
),
company_rank AS (
  SELECT period_type, period, rank_company, count(*) AS n
  FROM standings WHERE rank_company IS NOT NULL GROUP BY ALL
),
dept_count AS (
  SELECT period_type, period, dept_id, count(rank_dept) AS n FROM standings GROUP BY ALL
),
company_count AS (
  SELECT period_type, period, count(rank_company) AS n FROM standings GROUP BY ALL
)
SELECT
  s.period_type, s.period, s.member_id, s.name, s.dept_id, s.points, s.vetoed, s.exempt, s.rank_dept,
  s.rank_company, s.prev_points, s.points_change, s.rank_dept_change, s.rank_company_change,
  d.name AS dept_name,
  dr.n AS rank_dept_shared,
  cr.n AS rank_company_shared,
  dc.n AS dept_ranked,
  cc.n AS company_ranked
FROM standings s
LEFT JOIN departments d ON d.dept_id = s.dept_id
LEFT JOIN dept_rank dr
  ON dr.period_type = s.period_type AND dr.period = s.period AND dr.dept_id = s.dept_id AND dr.rank_dept = s.rank_dept
LEFT JOIN company_rank cr
  ON cr.period_type = s.period_type AND cr.period = s.period AND cr.rank_company = s.rank_company
JOIN dept_count dc ON dc.period_type = s.period_type AND dc.period = s.period AND dc.dept_id = s.dept_id
JOIN company_count cc ON cc.period_type = s.period_type AND cc.period = s.period;

-- The quarter of a month label: 2026-03 → 2026-Q1.
CREATE OR REPLACE TEMP MACRO site_quarter_of(p) AS
  p[1:4] || '-Q' || ((p[6:7]::INTEGER - 1) // 3 + 1)::VARCHAR;
