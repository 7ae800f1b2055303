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

-- Standings with the number of members sharing each rank (并列), in the department and company-wide.
CREATE OR REPLACE TEMP TABLE site_standings AS
SELECT
  s.period_type, s.period, s.member_id, s.name, s.dept_id, s.points, s.vetoed, s.exempt, s.rank_dept,
  s.rank_company, s.prev_points, s.points_change, s.rank_dept_change, s.rank_company_change,
  d.name AS dept_name,
  CASE WHEN s.rank_dept IS NOT NULL
    THEN count(*) OVER (PARTITION BY s.period_type, s.period, s.dept_id, s.rank_dept) END AS rank_dept_shared,
  CASE WHEN s.rank_company IS NOT NULL
    THEN count(*) OVER (PARTITION BY s.period_type, s.period, s.rank_company) END AS rank_company_shared,
  count(s.rank_dept) OVER (PARTITION BY s.period_type, s.period, s.dept_id) AS dept_ranked,
  count(s.rank_company) OVER (PARTITION BY s.period_type, s.period) AS company_ranked
FROM standings s
LEFT JOIN departments d ON d.dept_id = s.dept_id;

-- The quarter of a month label: 2026-03 → 2026-Q1.
CREATE OR REPLACE TEMP MACRO site_quarter_of(p) AS
  p[1:4] || '-Q' || ((p[6:7]::INTEGER - 1) // 3 + 1)::VARCHAR;
