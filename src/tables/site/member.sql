-- One document per roster member (member/<id>.json → /member/<id>/): every period's standing,
-- category points, the gap to the exemplars for the latest month, quarter and year, and tiers.
WITH latest AS (SELECT * FROM site_latest),
period_categories AS (
  SELECT period_type, period, member_id, json_group_object(category_id, points) AS categories
  FROM category_points
  GROUP BY ALL
),
periods AS (
  SELECT
    s.member_id,
    to_json(list(json_object(
      'period_type', s.period_type, 'period', s.period, 'dept_id', s.dept_id, 'dept_name', s.dept_name,
      'points', s.points, 'vetoed', s.vetoed, 'exempt', s.exempt,
      'rank_dept', s.rank_dept, 'rank_dept_shared', s.rank_dept_shared, 'dept_ranked', s.dept_ranked,
      'rank_company', s.rank_company, 'rank_company_shared', s.rank_company_shared,
      'company_ranked', s.company_ranked, 'prev_points', s.prev_points, 'points_change', s.points_change,
      'rank_dept_change', s.rank_dept_change, 'rank_company_change', s.rank_company_change,
      'categories', coalesce(c.categories, '{}')
    ) ORDER BY s.period_type, s.period)) AS periods
  FROM site_standings s
  LEFT JOIN period_categories c ON c.period_type = s.period_type AND c.period = s.period AND c.member_id = s.member_id
  GROUP BY s.member_id
),
gap_rows AS (
  SELECT
    g.member_id,
    g.period_type,
    g.period,
    to_json(list(json_object(
      'category_id', g.category_id, 'name', coalesce(k.name, '总积分'), 'member_points', g.member_points,
      'exemplar_avg', g.exemplar_avg, 'gap', g.gap
    ) ORDER BY g.gap DESC NULLS LAST, k.sort NULLS LAST, g.category_id)) AS rows
  FROM gaps g
  JOIN latest l ON g.period = CASE g.period_type WHEN 'month' THEN l.month WHEN 'quarter' THEN l.quarter ELSE l.year END
  LEFT JOIN site_categories k ON k.category_id = g.category_id
  GROUP BY ALL
),
member_gaps AS (
  SELECT member_id, json_group_object(period_type, json_object('period', period, 'rows', rows)) AS gaps
  FROM gap_rows
  GROUP BY member_id
),
member_tiers AS (
  SELECT
    member_id,
    to_json(list(json_object(
      'period', period, 'tier', tier, 'points', points, 'rank_company', rank_company
    ) ORDER BY period)) AS tiers
  FROM tiers
  GROUP BY member_id
),
paths AS (
  SELECT
    t.dept_id,
    to_json(list(json_object('dept_id', a.dept_id, 'name', a.name) ORDER BY t.depth DESC)) AS path
  FROM site_subtree t
  JOIN departments a ON a.dept_id = t.root_id
  GROUP BY t.dept_id
)
SELECT
  m.member_id AS id,
  json_object(
    'member', json_object('member_id', m.member_id, 'name', m.name, 'dept_id', m.dept_id, 'dept_name', d.name,
      'exempt', m.exempt),
    'path', coalesce(p.path, '[]'),
    'periods', coalesce(s.periods, '[]'),
    'gaps', coalesce(g.gaps, '{}'),
    'tiers', coalesce(t.tiers, '[]')
  )::VARCHAR AS doc
FROM members m
LEFT JOIN departments d ON d.dept_id = m.dept_id
LEFT JOIN paths p ON p.dept_id = m.dept_id
LEFT JOIN periods s ON s.member_id = m.member_id
LEFT JOIN member_gaps g ON g.member_id = m.member_id
LEFT JOIN member_tiers t ON t.member_id = m.member_id
ORDER BY m.member_id;
