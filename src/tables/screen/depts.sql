-- Department comparison of every screen: the average month points of the ranked members of
-- each department in the scope, latest month, best first (exact mean, 2 decimals).
CREATE OR REPLACE TEMP TABLE screen_depts AS
WITH sums AS (
  SELECT sc.scope_id, s.dept_id, count(*)::INTEGER AS members, sum(s.points) AS total
  FROM standings s
  JOIN screen_periods p ON s.period_type = 'month' AND s.period = p.month
  JOIN screen_scopes sc ON sc.dept_id = s.dept_id
  WHERE s.rank_company IS NOT NULL
  GROUP BY sc.scope_id, s.dept_id
),
averaged AS (
  SELECT scope_id, dept_id, members, screen_mean(total, members) AS avg FROM sums
)
SELECT
  a.scope_id,
  a.dept_id,
  coalesce(d.name, a.dept_id) AS name,
  d.sort AS dept_sort,
  a.members,
  a.avg,
  rank() OVER (PARTITION BY a.scope_id ORDER BY a.avg DESC)::INTEGER AS pos,
  count(*) OVER (PARTITION BY a.scope_id, a.avg) > 1 AS tied
FROM averaged a
LEFT JOIN departments d ON d.dept_id = a.dept_id;
