-- One document per department (dept/<id>.json → /dept/<id>/). A department covers its subtree
-- (a 党总支 its branches): every figure is over the members whose department in the period lies
-- in the subtree. Boards longer than 100 rows keep the first 30 (the full list is on the
-- sub-departments' pages and in the downloads), so that a 党委's page stays small.
-- Documents are assembled as text from flat json_object/json_array values: nesting JSON values
-- in json_object or to_json(list(…)) makes DuckDB parse and print each inner document again.
WITH latest AS (SELECT * FROM site_latest),
board_rows AS (
  SELECT
    t.root_id,
    s.*,
    row_number() OVER w AS pos,
    count(*) OVER (PARTITION BY t.root_id, s.period_type) AS total
  FROM site_standings s
  JOIN site_subtree t ON t.dept_id = s.dept_id
  JOIN latest l ON s.period = CASE s.period_type WHEN 'month' THEN l.month WHEN 'quarter' THEN l.quarter ELSE l.year END
  WINDOW w AS (
    PARTITION BY t.root_id, s.period_type
    ORDER BY s.rank_company NULLS LAST, s.vetoed, s.points DESC, s.member_id
  )
),
boards AS (
  SELECT
    root_id,
    period_type,
    concat(
      '{"period":', to_json(any_value(period))::VARCHAR, ',"total":', any_value(total), ',"rows":[',
      array_to_string(list(json_object(
        'member_id', member_id, 'name', name, 'dept_id', dept_id, 'dept_name', dept_name,
        'points', points, 'vetoed', vetoed, 'exempt', exempt,
        'rank_dept', rank_dept, 'rank_dept_shared', rank_dept_shared, 'dept_ranked', dept_ranked,
        'rank_company', rank_company, 'rank_company_shared', rank_company_shared, 'company_ranked', company_ranked,
        'points_change', points_change, 'rank_dept_change', rank_dept_change,
        'rank_company_change', rank_company_change
      )::VARCHAR ORDER BY pos), ','),
      ']}'
    ) AS board
  FROM board_rows
  WHERE total <= 100 OR pos <= 30
  GROUP BY root_id, period_type
),
company_month AS (
  SELECT period, site_mean(sum(points), count(*)) AS average
  FROM standings
  WHERE period_type = 'month' AND rank_company IS NOT NULL
  GROUP BY period
),
dept_month AS (
  SELECT t.root_id, s.period, site_mean(sum(s.points), count(*)) AS average, count(*) AS ranked
  FROM standings s
  JOIN site_subtree t ON t.dept_id = s.dept_id
  WHERE s.period_type = 'month' AND s.rank_company IS NOT NULL
  GROUP BY t.root_id, s.period
),
trends AS (
  SELECT
    d.dept_id AS root_id,
    '[' || array_to_string(list(json_object(
      'period', c.period, 'dept_avg', m.average, 'dept_ranked', coalesce(m.ranked, 0), 'company_avg', c.average
    )::VARCHAR ORDER BY c.period), ',') || ']' AS trend
  FROM departments d
  CROSS JOIN company_month c
  LEFT JOIN dept_month m ON m.root_id = d.dept_id AND m.period = c.period
  GROUP BY d.dept_id
),
-- Category profile for the latest quarter: the subtree's ranked members, all ranked members,
-- and the exemplars' average (the gaps table's exemplar_avg, the same on every row of a period).
ranked_categories AS (
  SELECT s.dept_id, c.category_id, c.points
  FROM category_points c
  JOIN standings s ON s.period_type = c.period_type AND s.period = c.period AND s.member_id = c.member_id
  JOIN latest l ON c.period_type = 'quarter' AND c.period = l.quarter
  WHERE s.rank_company IS NOT NULL
),
company_categories AS (
  SELECT category_id, site_mean(sum(points), count(*)) AS average FROM ranked_categories GROUP BY category_id
),
exemplar_categories AS (
  SELECT g.category_id, max(g.exemplar_avg) AS average
  FROM gaps g JOIN latest l ON g.period_type = 'quarter' AND g.period = l.quarter
  GROUP BY g.category_id
),
dept_categories AS (
  SELECT t.root_id, r.category_id, site_mean(sum(r.points), count(*)) AS average, count(*) AS ranked
  FROM ranked_categories r JOIN site_subtree t ON t.dept_id = r.dept_id
  GROUP BY t.root_id, r.category_id
),
profiles AS (
  SELECT
    d.root_id,
    '[' || array_to_string(list(json_object(
      'category_id', k.category_id, 'name', k.name, 'dept_avg', d.average,
      'company_avg', c.average, 'exemplar_avg', e.average
    )::VARCHAR ORDER BY k.sort, k.category_id), ',') || ']' AS profile
  FROM dept_categories d
  JOIN site_categories k ON k.category_id = d.category_id
  LEFT JOIN company_categories c ON c.category_id = d.category_id
  LEFT JOIN exemplar_categories e ON e.category_id = d.category_id
  GROUP BY d.root_id
),
-- Weak areas of the latest quarter for each department of the subtree (weak_areas is per
-- department, its own members only).
weak_depts AS (
  SELECT
    t.root_id,
    t.depth,
    w.dept_id,
    dd.name,
    dd.sort,
    '[' || array_to_string(list(json_object(
      'category_id', w.category_id, 'name', k.name, 'members', w.members, 'dept_avg', w.dept_avg,
      'company_avg', w.company_avg, 'diff', w.diff, 'std_gap', w.std_gap, 'weakest', w.weakest,
      'prev_dept_avg', w.prev_dept_avg, 'change', w.change
    )::VARCHAR ORDER BY k.sort, w.category_id), ',') || ']' AS rows
  FROM weak_areas w
  JOIN latest l ON w.period = l.quarter
  JOIN site_subtree t ON t.dept_id = w.dept_id
  JOIN departments dd ON dd.dept_id = w.dept_id
  LEFT JOIN site_categories k ON k.category_id = w.category_id
  GROUP BY ALL
),
weak AS (
  SELECT root_id, '[' || array_to_string(list(
    concat('{"dept_id":', to_json(dept_id)::VARCHAR, ',"name":', to_json(name)::VARCHAR, ',"rows":', rows, '}')
    ORDER BY depth, sort NULLS LAST, dept_id), ',') || ']' AS weak
  FROM weak_depts
  GROUP BY root_id
),
-- Roster size of each subtree.
member_counts AS (
  SELECT t.root_id, count(*) AS n FROM members m JOIN site_subtree t ON t.dept_id = m.dept_id GROUP BY t.root_id
),
-- Direct sub-departments with their size and the latest month's average.
children AS (
  SELECT
    c.parent_id AS root_id,
    '[' || array_to_string(list(json_object(
      'dept_id', c.dept_id, 'name', c.name, 'kind', c.kind,
      'members', coalesce(mc.n, 0),
      'ranked', coalesce(dm.ranked, 0), 'average', dm.average
    )::VARCHAR ORDER BY c.sort NULLS LAST, c.dept_id), ',') || ']' AS children
  FROM departments c
  LEFT JOIN dept_month dm ON dm.root_id = c.dept_id AND dm.period = (SELECT month FROM latest)
  LEFT JOIN member_counts mc ON mc.root_id = c.dept_id
  WHERE c.parent_id IS NOT NULL
  GROUP BY c.parent_id
),
-- The roster of the subtree, for links to every member page (not on the root's page: the home
-- page's search covers the whole organisation).
rosters AS (
  SELECT
    t.root_id,
    '[' || array_to_string(list(json_object('member_id', m.member_id, 'name', m.name, 'dept_id', m.dept_id, 'dept_name', dd.name)::VARCHAR
      ORDER BY t.depth, dd.sort NULLS LAST, m.dept_id, m.member_id), ',') || ']' AS members
  FROM members m
  JOIN site_subtree t ON t.dept_id = m.dept_id
  JOIN departments dd ON dd.dept_id = m.dept_id
  JOIN departments r ON r.dept_id = t.root_id AND r.parent_id IS NOT NULL
  GROUP BY t.root_id
),
paths AS (
  SELECT
    t.dept_id AS root_id,
    '[' || array_to_string(list(json_object('dept_id', a.dept_id, 'name', a.name)::VARCHAR ORDER BY t.depth DESC), ',') || ']' AS path
  FROM site_subtree t
  JOIN departments a ON a.dept_id = t.root_id
  WHERE t.depth > 0
  GROUP BY t.dept_id
)
SELECT
  d.dept_id AS id,
  concat(
    '{"dept":', json_object('dept_id', d.dept_id, 'name', d.name, 'kind', d.kind, 'parent_id', d.parent_id)::VARCHAR,
    ',"path":', coalesce(p.path, '[]'),
    ',"children":', coalesce(ch.children, '[]'),
    ',"members":', coalesce(ro.members, '[]'),
    ',"memberCount":', coalesce(mc.n, 0),
    ',"boards":{"month":', coalesce(bm.board, 'null'), ',"quarter":', coalesce(bq.board, 'null'),
    ',"year":', coalesce(byr.board, 'null'), '}',
    ',"trend":', coalesce(tr.trend, '[]'),
    ',"profile":{"period":', coalesce(to_json(l.quarter)::VARCHAR, 'null'), ',"rows":', coalesce(pr.profile, '[]'), '}',
    ',"weak":{"period":', coalesce(to_json(l.quarter)::VARCHAR, 'null'),
    ',"prev_period":', coalesce(to_json(site_prev_period(l.quarter))::VARCHAR, 'null'),
    ',"depts":', coalesce(wk.weak, '[]'), '}}'
  ) AS doc
FROM departments d
CROSS JOIN latest l
LEFT JOIN paths p ON p.root_id = d.dept_id
LEFT JOIN children ch ON ch.root_id = d.dept_id
LEFT JOIN rosters ro ON ro.root_id = d.dept_id
LEFT JOIN member_counts mc ON mc.root_id = d.dept_id
LEFT JOIN boards bm ON bm.root_id = d.dept_id AND bm.period_type = 'month'
LEFT JOIN boards bq ON bq.root_id = d.dept_id AND bq.period_type = 'quarter'
LEFT JOIN boards byr ON byr.root_id = d.dept_id AND byr.period_type = 'year'
LEFT JOIN trends tr ON tr.root_id = d.dept_id
LEFT JOIN profiles pr ON pr.root_id = d.dept_id
LEFT JOIN weak wk ON wk.root_id = d.dept_id
ORDER BY d.dept_id;
