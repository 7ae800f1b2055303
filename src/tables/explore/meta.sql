-- explore/meta.json: what the panel's filters offer before the engine has started, and the
-- company-wide figures a slice cannot compute (the company's monthly averages).
WITH months AS (
  SELECT DISTINCT period FROM explore_standings
),
categories AS (
  SELECT category_id, name, sort, is_veto FROM scheme_categories
),
items AS (
  SELECT DISTINCT i.item_code, i.item_name AS name, i.category_id, k.sort
  FROM explore_items i LEFT JOIN categories k USING (category_id)
  WHERE i.item_code IS NOT NULL
  UNION
  SELECT s.item_code, s.name, s.category_id, k.sort
  FROM scheme_items s LEFT JOIN categories k USING (category_id)
),
ranked AS (
  SELECT period, member_id, points FROM explore_standings WHERE rank_company IS NOT NULL
),
company AS (
  SELECT period, '_total' AS category_id, explore_mean(sum(points), count(*)) AS average, count(*) AS ranked
  FROM ranked GROUP BY period
  UNION ALL
  SELECT c.period, c.category_id, explore_mean(sum(c.points), count(*)), count(*)
  FROM category_points c JOIN ranked r ON r.period = c.period AND r.member_id = c.member_id
  WHERE c.period_type = 'month'
  GROUP BY c.period, c.category_id
)
SELECT json_object(
  'months', (SELECT coalesce(to_json(list(period ORDER BY period)), '[]'::JSON) FROM months),
  'categories', (SELECT coalesce(to_json(list(json_object('category_id', category_id, 'name', name) ORDER BY sort, category_id)), '[]'::JSON) FROM categories WHERE NOT is_veto),
  'veto', (SELECT json_object('category_id', category_id, 'name', name) FROM categories WHERE is_veto LIMIT 1),
  'items', (SELECT coalesce(to_json(list(json_object('item_code', item_code, 'name', name, 'category_id', category_id) ORDER BY sort, item_code)), '[]'::JSON) FROM (SELECT item_code, category_id, min(name) AS name, min(sort) AS sort FROM items GROUP BY ALL)),
  'departments', (SELECT coalesce(to_json(list(json_object('dept_id', dept_id, 'name', name, 'parent_id', parent_id, 'kind', kind, 'sort', sort) ORDER BY dept_id)), '[]'::JSON) FROM departments),
  'company', (SELECT coalesce(to_json(list(json_object('period', period, 'category_id', category_id, 'average', average, 'ranked', ranked) ORDER BY period, category_id)), '[]'::JSON) FROM company)
)::VARCHAR AS doc;
