-- One document per roster member (member/<id>.json → /member/<id>/): every period's standing
-- with its category points, the gap to the exemplars for the latest month, quarter and year,
-- and the tiers. Compact, as this is the bulk of a build (5,000 members × 34 periods): a period
-- is an array (the order of MEMBER_PERIOD_FIELDS in src/site/data.ts, then the category points
-- as an object), a gap row is [category_id, member_points, exemplar_avg, gap]; rows are in no
-- particular order and src/site/data.ts (memberDoc) sorts them. Each row is printed flat and
-- the rows joined as text: aggregating nested LISTs/STRUCTs (with an ORDER BY above all) or
-- nesting json_object values costs DuckDB several times more.
WITH latest AS (SELECT * FROM site_latest),
period_categories AS (
  SELECT period_type, period, member_id,
    '{' || string_agg(to_json(category_id)::VARCHAR || ':' || points, ',') || '}' AS categories
  FROM category_points
  GROUP BY ALL
),
periods AS (
  SELECT
    s.member_id,
    array_to_string(list(
      left(json_array(
        s.period_type, s.period, s.points, s.vetoed, s.exempt,
        s.rank_dept, s.rank_dept_shared, s.dept_ranked, s.rank_company, s.rank_company_shared, s.company_ranked,
        s.points_change, s.rank_dept_change, s.rank_company_change
      )::VARCHAR, -1) || ',' || coalesce(c.categories, '{}') || ']'
    ), ',') AS periods
  FROM site_standings s
  LEFT JOIN period_categories c ON c.period_type = s.period_type AND c.period = s.period AND c.member_id = s.member_id
  GROUP BY s.member_id
),
gap_rows AS (
  SELECT
    g.member_id,
    g.period_type,
    g.period,
    string_agg(json_array(g.category_id, g.member_points, g.exemplar_avg, g.gap)::VARCHAR, ',') AS rows
  FROM gaps g
  JOIN latest l ON g.period = CASE g.period_type WHEN 'month' THEN l.month WHEN 'quarter' THEN l.quarter ELSE l.year END
  GROUP BY ALL
),
member_gaps AS (
  SELECT
    member_id,
    string_agg(to_json(period_type)::VARCHAR || ':{"period":' || to_json(period)::VARCHAR || ',"rows":[' || rows || ']}', ',') AS gaps
  FROM gap_rows
  GROUP BY member_id
),
member_tiers AS (
  SELECT
    member_id,
    string_agg(json_object('period', period, 'tier', tier, 'points', points, 'rank_company', rank_company)::VARCHAR, ',') AS tiers
  FROM tiers
  GROUP BY member_id
),
paths AS (
  SELECT
    t.dept_id,
    to_json(list({'dept_id': a.dept_id, 'name': a.name} ORDER BY t.depth DESC))::VARCHAR AS path
  FROM site_subtree t
  JOIN departments a ON a.dept_id = t.root_id
  GROUP BY t.dept_id
)
SELECT
  m.member_id AS id,
  concat('{"member":', json_object('member_id', m.member_id, 'name', m.name, 'dept_id', m.dept_id, 'dept_name', d.name,
      'exempt', m.exempt)::VARCHAR,
    ',"path":', coalesce(p.path, '[]'),
    ',"periods":[', s.periods, ']',
    ',"gaps":{', g.gaps, '}',
    ',"tiers":[', t.tiers, ']}') AS doc
FROM members m
LEFT JOIN departments d ON d.dept_id = m.dept_id
LEFT JOIN paths p ON p.dept_id = m.dept_id
LEFT JOIN periods s ON s.member_id = m.member_id
LEFT JOIN member_gaps g ON g.member_id = m.member_id
LEFT JOIN member_tiers t ON t.member_id = m.member_id;
