-- The site-wide document (site.json): the tree, the latest periods and the home page's headline
-- figures, plus the ids every page route is generated from.
WITH latest AS (SELECT * FROM site_latest),
month_stats AS (
  SELECT
    s.period,
    count(*) AS scored,
    count(s.rank_company) AS ranked,
    count(*) FILTER (WHERE s.vetoed) AS vetoed,
    count(*) FILTER (WHERE s.exempt) AS exempt,
    site_mean(sum(s.points) FILTER (WHERE s.rank_company IS NOT NULL), count(s.rank_company)) AS average
  FROM site_standings s
  WHERE s.period_type = 'month'
  GROUP BY s.period
),
headline AS (
  SELECT json_object(
    'period', l.month,
    'scored', coalesce(cur.scored, 0),
    'ranked', coalesce(cur.ranked, 0),
    'vetoed', coalesce(cur.vetoed, 0),
    'exempt', coalesce(cur.exempt, 0),
    'average', cur.average,
    'prevAverage', prev.average,
    'top', coalesce((
      SELECT to_json(list(json_object(
        'member_id', s.member_id, 'name', s.name, 'dept_name', s.dept_name, 'points', s.points,
        'rank', s.rank_company, 'shared', s.rank_company_shared) ORDER BY s.rank_company, s.member_id))
      FROM site_standings s
      WHERE s.period_type = 'month' AND s.period = l.month AND s.rank_company <= 3), '[]'),
    'movers', coalesce((
      SELECT to_json(list(json_object(
        'member_id', m.member_id, 'name', m.name, 'dept_name', m.dept_name, 'change', m.rank_company_change,
        'rank', m.rank_company) ORDER BY m.rank_company_change DESC, m.rank_company, m.member_id))
      FROM (
        SELECT * FROM site_standings s
        WHERE s.period_type = 'month' AND s.period = l.month AND s.rank_company_change > 0
        ORDER BY s.rank_company_change DESC, s.rank_company, s.member_id
        LIMIT 3
      ) m), '[]')
  ) AS doc
  FROM latest l
  LEFT JOIN month_stats cur ON cur.period = l.month
  LEFT JOIN month_stats prev ON prev.period = site_prev_period(l.month)
)
SELECT json_object(
  'latest', (SELECT json_object('month', month, 'quarter', quarter, 'year', year) FROM latest),
  'latestMonth', (SELECT month FROM latest),
  'headline', (SELECT doc FROM headline),
  'companyTrend', coalesce((
    SELECT to_json(list(json_object('period', period, 'average', average) ORDER BY period)) FROM month_stats), '[]'),
  'departments', coalesce((
    SELECT to_json(list(
      json_object('dept_id', dept_id, 'name', name, 'parent_id', parent_id, 'kind', kind, 'sort', sort)
      ORDER BY dept_id))
    FROM departments), '[]'),
  'memberCounts', coalesce((
    SELECT json_group_object(dept_id, n) FROM (SELECT dept_id, count(*) AS n FROM members GROUP BY ALL)
  ), '{}'),
  'categories', coalesce((
    SELECT to_json(list(json_object('category_id', category_id, 'name', name) ORDER BY sort, category_id))
    FROM site_categories), '[]'),
  'quarters', coalesce((
    SELECT to_json(list(period ORDER BY period DESC))
    FROM (SELECT DISTINCT period FROM standings WHERE period_type = 'quarter')), '[]'),
  'memberIds', coalesce((SELECT to_json(list(member_id ORDER BY member_id)) FROM members), '[]')
)::VARCHAR AS doc;
