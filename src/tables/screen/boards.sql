-- The month and quarter boards of every screen: ranked members of the latest month and its
-- quarter, ranked within the screen's scope. Ranking by rank_company keeps the SPEC §2.8 order
-- (points, then tie-break), so the organisation's rank is rank_company and a department's
-- rank is rank_dept; `change` is the rank in the scope one calendar period earlier minus the
-- rank now (= rank_company_change / rank_dept_change), none when the member was not ranked
-- in the scope then.
CREATE OR REPLACE TEMP TABLE screen_board AS
WITH wanted AS (
  SELECT 'month' AS period_type, month AS period FROM screen_periods WHERE month IS NOT NULL
  UNION ALL
  SELECT 'quarter', quarter FROM screen_periods WHERE month IS NOT NULL
),
scoped AS (
  SELECT w.period_type, w.period AS board, s.period, sc.scope_id, s.member_id, s.name, s.dept_id, s.points, s.rank_company
  FROM wanted w
  JOIN standings s
    ON s.period_type = w.period_type AND s.period IN (w.period, screen_prev_period(w.period_type, w.period))
  JOIN screen_scopes sc ON sc.dept_id = s.dept_id
  WHERE s.rank_company IS NOT NULL
),
ranked AS (
  SELECT
    *,
    rank() OVER (PARTITION BY scope_id, period_type, period ORDER BY rank_company)::INTEGER AS rank,
    count(*) OVER (PARTITION BY scope_id, period_type, period, rank_company) > 1 AS tied,
    count(*) OVER (PARTITION BY scope_id, period_type, period)::INTEGER AS ranked
  FROM scoped
)
SELECT
  c.scope_id,
  c.period_type,
  c.period,
  c.member_id,
  c.rank,
  c.tied,
  c.ranked,
  c.name,
  coalesce(d.name, c.dept_id) AS dept,
  d.sort AS dept_sort,
  c.points,
  (p.rank - c.rank)::INTEGER AS change
FROM ranked c
LEFT JOIN ranked p
  ON p.scope_id IS NOT DISTINCT FROM c.scope_id AND p.period_type = c.period_type
  AND p.period = screen_prev_period(c.period_type, c.period) AND p.member_id = c.member_id
LEFT JOIN departments d ON d.dept_id = c.dept_id
WHERE c.period = c.board;
