-- One JSON document per screen (the shapes are ScreenDoc in src/screen/client/doc.ts); the
-- writer adds schema, version and organization. Boards hold at most max_rows ranks, ties
-- at the line included; the screen's ?top= picks from them.
WITH screens AS (
  SELECT NULL AS scope_id, 'organization' AS kind, NULL AS name, -1 AS sort
  UNION ALL
  SELECT dept_id, 'department', name, coalesce(sort, 2147483647) FROM departments
),
opts AS (SELECT max_rows FROM screen_options),
board_rows AS (
  SELECT
    scope_id,
    period_type,
    list(json_object('rank', rank, 'tied', tied, 'name', name, 'dept', dept, 'points', screen_points(points),
      'change', change) ORDER BY rank, dept_sort NULLS LAST, dept, name, member_id) AS rows,
    any_value(ranked) AS ranked
  FROM screen_board, opts
  WHERE rank <= opts.max_rows
  GROUP BY scope_id, period_type
),
riser_rows AS (
  SELECT
    scope_id,
    list(json_object('pos', pos, 'rank', rank, 'tied', tied, 'name', name, 'dept', dept,
      'points', screen_points(points), 'change', change) ORDER BY pos, rank, dept_sort NULLS LAST, dept, name, member_id) AS rows
  FROM screen_risers, opts
  WHERE pos <= opts.max_rows
  GROUP BY scope_id
),
dept_rows AS (
  SELECT
    scope_id,
    list(json_object('pos', pos, 'tied', tied, 'name', name, 'members', members, 'avg', screen_points(avg))
      ORDER BY pos, dept_sort NULLS LAST, dept_id) AS rows
  FROM screen_depts
  GROUP BY scope_id
),
exemplar_ranked AS (
  SELECT *, rank() OVER (PARTITION BY scope_id ORDER BY rank) AS pos, count(*) OVER (PARTITION BY scope_id) AS total
  FROM screen_exemplars
),
exemplar_rows AS (
  SELECT
    scope_id,
    bool_and(own) AS own,
    any_value(total)::INTEGER AS total,
    list(json_object('rank', rank, 'tied', tied, 'name', name, 'dept', dept, 'points', screen_points(points),
      'cats', cats) ORDER BY rank, dept, name, member_id) AS rows
  FROM exemplar_ranked, opts
  WHERE pos <= opts.max_rows
  GROUP BY scope_id
),
categories AS (
  SELECT to_json(list(json_object('id', category_id, 'name', name) ORDER BY sort, category_id)) AS list
  FROM scheme_categories
  WHERE NOT is_veto
)
SELECT
  s.scope_id,
  s.name,
  json_object(
    'scope', json_object('kind', s.kind, 'id', s.scope_id, 'name', coalesce(s.name, '')),
    'asOf', p.as_of,
    'categories', coalesce((SELECT list FROM categories), '[]'::JSON),
    'month', CASE WHEN p.month IS NOT NULL THEN json_object(
      'period', p.month,
      'ranked', coalesce(m.ranked, 0),
      'rows', coalesce(to_json(m.rows), '[]'::JSON)) END,
    'quarter', CASE WHEN p.month IS NOT NULL THEN json_object(
      'period', p.quarter,
      'ranked', coalesce(q.ranked, 0),
      'rows', coalesce(to_json(q.rows), '[]'::JSON)) END,
    'risers', CASE WHEN p.month IS NOT NULL THEN json_object(
      'period', p.month,
      'ranked', coalesce(m.ranked, 0),
      'rows', coalesce(to_json(r.rows), '[]'::JSON)) END,
    'depts', CASE WHEN p.month IS NOT NULL THEN json_object(
      'period', p.month,
      'rows', coalesce(to_json(d.rows), '[]'::JSON)) END,
    'exemplars', CASE WHEN p.month IS NOT NULL THEN json_object(
      'period', p.month,
      'rule', st.exemplar_mode,
      'percent', screen_points(st.exemplar_percent),
      'scope', CASE WHEN s.kind = 'department' AND e.own THEN 'department' ELSE 'organization' END,
      'total', coalesce(e.total, 0),
      'rows', coalesce(to_json(e.rows), '[]'::JSON)) END
  )::VARCHAR AS doc
FROM screens s
CROSS JOIN screen_periods p
CROSS JOIN (SELECT * FROM scheme_settings LIMIT 1) st
LEFT JOIN board_rows m ON m.scope_id IS NOT DISTINCT FROM s.scope_id AND m.period_type = 'month'
LEFT JOIN board_rows q ON q.scope_id IS NOT DISTINCT FROM s.scope_id AND q.period_type = 'quarter'
LEFT JOIN riser_rows r ON r.scope_id IS NOT DISTINCT FROM s.scope_id
LEFT JOIN dept_rows d ON d.scope_id IS NOT DISTINCT FROM s.scope_id
LEFT JOIN exemplar_rows e ON e.scope_id IS NOT DISTINCT FROM s.scope_id
ORDER BY s.sort, s.scope_id NULLS FIRST;
