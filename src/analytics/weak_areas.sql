-- SPEC §2.11 and the `weak_areas` output: per quarter, department and non-veto category, how
-- the department's own ranked members (not its sub-departments') compare with all ranked
-- members company-wide. Sums are kept in whole cents, so each mean is exact until it is
-- rounded once, half away from zero; `diff` and `change` are differences of the published
-- (rounded) means, so that every row adds up by hand.
--   dept_avg = s_d / n_d, company_avg = s_c / n_c
--   population variance = (n_c Σx² − s_c²) / n_c², exact; std_gap = the exact difference of the
--   means (s_d n_c − s_c n_d) / (n_d n_c) ÷ the square root of the variance: the one value
--   computed in DOUBLE (a square root), then rounded; none when the variance is 0.
-- weakest: true for the department's categories with the lowest rounded std_gap (ties all),
-- false for its other categories with a std_gap, none where std_gap is none.
CREATE OR REPLACE TABLE weak_areas AS
WITH ranked_points AS (
  SELECT x.pid, x.ck, r.dk, cents(x.points) AS x
  FROM period_category_points x
  JOIN period_ranks r ON r.pid = x.pid AND r.mk = x.mk
  WHERE period_kind(x.pid) = 1 AND r.ranked
),
company AS (
  SELECT pid, ck, count(*) AS n, sum(x) AS s, sum(x * x) AS ss
  FROM ranked_points
  GROUP BY pid, ck
),
dept AS (
  SELECT pid, dk, ck, count(*) AS n, sum(x) AS s
  FROM ranked_points
  GROUP BY pid, dk, ck
),
compared AS (
  SELECT
    d.pid,
    d.dk,
    d.ck,
    d.n::INTEGER AS members,
    div_cents(d.s, d.n) AS dept_avg,
    div_cents(c.s, c.n) AS company_avg,
    CASE
      WHEN c.n * c.ss - c.s * c.s > 0
        THEN round((d.s * c.n - c.s * d.n)::DOUBLE / (d.n * sqrt((c.n * c.ss - c.s * c.s)::DOUBLE)), 2)::DECIMAL(18, 2)
    END AS std_gap,
    div_cents(p.s, p.n) AS prev_dept_avg
  FROM dept d
  JOIN company c ON c.pid = d.pid AND c.ck = d.ck
  JOIN periods q ON q.pid = d.pid
  LEFT JOIN dept p ON p.pid = q.prev_pid AND p.dk = d.dk AND p.ck = d.ck
)
SELECT
  q.period,
  d.dept_id,
  c.category_id,
  w.members,
  w.dept_avg,
  w.company_avg,
  (w.dept_avg - w.company_avg)::DECIMAL(18, 2) AS diff,
  w.std_gap,
  CASE WHEN w.std_gap IS NOT NULL THEN w.std_gap = min(w.std_gap) OVER (PARTITION BY w.pid, w.dk) END AS weakest,
  w.prev_dept_avg,
  (w.dept_avg - w.prev_dept_avg)::DECIMAL(18, 2) AS change,
  d.name AS dept_name,
  c.name AS category_name
FROM compared w
JOIN periods q ON q.pid = w.pid
JOIN dept_keys d ON d.dk = w.dk
JOIN category_keys c ON c.ck = w.ck
ORDER BY w.pid, d.sort NULLS LAST, d.dept_id, w.ck; -- = period, department display order, category display order
