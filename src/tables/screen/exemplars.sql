-- The exemplars (先进典型, SPEC §2.10) of the latest month with their category points. With
-- top_percent p: ranked members with rank_company ≤ ceil(p % × N), i.e. (rank − 1) × 100 < p × N;
-- with designated: ranked members flagged `exemplar`. A department screen shows the
-- department's own exemplars, or the organisation's when it has none (`own` tells which).
CREATE OR REPLACE TEMP TABLE screen_exemplars AS
WITH ranked AS (
  SELECT s.*, count(*) OVER () AS n
  FROM standings s
  JOIN screen_periods p ON s.period_type = 'month' AND s.period = p.month
  WHERE s.rank_company IS NOT NULL
),
chosen AS (
  SELECT r.*, count(*) OVER (PARTITION BY r.rank_company) > 1 AS tied
  FROM ranked r
  CROSS JOIN scheme_settings st
  LEFT JOIN members m ON m.member_id = r.member_id
  WHERE CASE st.exemplar_mode
    WHEN 'top_percent' THEN (r.rank_company - 1) * 100 < st.exemplar_percent * r.n
    WHEN 'designated' THEN coalesce(m.exemplar, false)
    ELSE false
  END
),
scopes AS (
  SELECT DISTINCT scope_id FROM screen_scopes
),
own AS (
  SELECT sc.scope_id, c.member_id
  FROM chosen c JOIN screen_scopes sc ON sc.dept_id = c.dept_id
),
shown AS (
  SELECT s.scope_id, o.member_id, true AS own
  FROM scopes s JOIN own o ON o.scope_id IS NOT DISTINCT FROM s.scope_id
  UNION ALL
  SELECT s.scope_id, c.member_id, false
  FROM scopes s CROSS JOIN chosen c
  WHERE NOT EXISTS (SELECT 1 FROM own o WHERE o.scope_id IS NOT DISTINCT FROM s.scope_id)
),
cats AS (
  SELECT
    c.member_id,
    list(screen_points(coalesce(cp.points, 0)) ORDER BY k.sort, k.category_id) AS cats
  FROM chosen c
  CROSS JOIN scheme_categories k
  LEFT JOIN category_points cp
    ON cp.period_type = c.period_type AND cp.period = c.period AND cp.member_id = c.member_id
    AND cp.category_id = k.category_id
  WHERE NOT k.is_veto
  GROUP BY c.member_id
)
SELECT
  s.scope_id,
  s.own,
  c.period,
  c.rank_company AS rank,
  c.tied,
  c.member_id,
  c.name,
  coalesce(d.name, c.dept_id) AS dept,
  c.points,
  coalesce(k.cats, []) AS cats
FROM shown s
JOIN chosen c ON c.member_id = s.member_id
LEFT JOIN cats k ON k.member_id = c.member_id
LEFT JOIN departments d ON d.dept_id = c.dept_id;
