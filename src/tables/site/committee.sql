-- One document per quarter (committee/<quarter>.json → /committee/<quarter>/): the weak-areas
-- heat map, each department's weakest categories, the largest declines, members in the bottom
-- 10 % two quarters running, and the red (top 10 %) and yellow (bottom 10 %) lists.
-- Lists use the quarter's company ranks: top 10 % = rank_company ≤ ceil(10 % × N), ties at the
-- line included (as exemplars are chosen); bottom 10 % = rank_company > N − ceil(10 % × N), so a
-- tie that straddles the line is left out whole (the benefit of the doubt). N = ranked members.
WITH quarters AS (
  SELECT
    period,
    site_prev_period(period) AS prev_period,
    count(rank_company) AS ranked,
    count(*) AS scored,
    count(*) FILTER (WHERE vetoed) AS vetoed,
    count(*) FILTER (WHERE exempt) AS exempt,
    ceil(count(rank_company) * 0.1)::INTEGER AS tenth
  FROM standings
  WHERE period_type = 'quarter'
  GROUP BY period
),
as_of AS (
  SELECT site_quarter_of(period) AS quarter, max(period) AS month, to_json(list(DISTINCT period ORDER BY period)) AS months
  FROM standings WHERE period_type = 'month' GROUP BY ALL
),
member_row AS (
  SELECT
    s.period,
    s.member_id,
    s.rank_company,
    json_object(
      'member_id', s.member_id, 'name', s.name, 'dept_id', s.dept_id, 'dept_name', s.dept_name,
      'points', s.points, 'rank_company', s.rank_company, 'rank_company_shared', s.rank_company_shared,
      'prev_points', s.prev_points, 'points_change', s.points_change, 'rank_company_change', s.rank_company_change
    ) AS row
  FROM site_standings s
  WHERE s.period_type = 'quarter'
),
lists AS (
  SELECT
    q.period,
    coalesce(to_json(list(r.row ORDER BY r.rank_company, r.member_id)
      FILTER (WHERE r.rank_company <= q.tenth)), '[]') AS red,
    coalesce(to_json(list(r.row ORDER BY r.rank_company DESC, r.member_id)
      FILTER (WHERE r.rank_company > q.ranked - q.tenth)), '[]') AS yellow
  FROM quarters q
  JOIN member_row r ON r.period = q.period
  GROUP BY q.period
),
bottom_two AS (
  SELECT
    q.period,
    to_json(list(json_object(
      'member_id', s.member_id, 'name', s.name, 'dept_id', s.dept_id, 'dept_name', s.dept_name,
      'points', s.points, 'rank_company', s.rank_company, 'rank_company_shared', s.rank_company_shared,
      'ranked', q.ranked, 'prev_points', p.points, 'points_change', s.points_change,
      'rank_company_change', s.rank_company_change, 'prev_rank_company', p.rank_company, 'prev_ranked', pq.ranked
    ) ORDER BY s.rank_company DESC, s.member_id)) AS rows
  FROM quarters q
  JOIN quarters pq ON pq.period = q.prev_period
  JOIN site_standings s ON s.period_type = 'quarter' AND s.period = q.period AND s.rank_company > q.ranked - q.tenth
  JOIN standings p ON p.period_type = 'quarter' AND p.period = pq.period AND p.member_id = s.member_id
    AND p.rank_company > pq.ranked - pq.tenth
  GROUP BY q.period
),
member_declines AS (
  SELECT period, to_json(list(row ORDER BY change, member_id)) AS rows
  FROM (
    SELECT
      s.period, s.member_id, s.points_change AS change,
      json_object('member_id', s.member_id, 'name', s.name, 'dept_id', s.dept_id, 'dept_name', s.dept_name,
        'points', s.points, 'prev_points', s.prev_points, 'points_change', s.points_change,
        'rank_company', s.rank_company, 'rank_company_shared', s.rank_company_shared,
        'rank_company_change', s.rank_company_change) AS row,
      row_number() OVER (PARTITION BY s.period ORDER BY s.points_change, s.member_id) AS pos
    FROM site_standings s
    WHERE s.period_type = 'quarter' AND s.points_change < 0
  )
  WHERE pos <= 10
  GROUP BY period
),
areas AS (
  SELECT
    w.period,
    to_json(list(json_object(
      'dept_id', w.dept_id, 'dept_name', d.name, 'category_id', w.category_id, 'category_name', k.name,
      'members', w.members, 'dept_avg', w.dept_avg, 'company_avg', w.company_avg, 'diff', w.diff,
      'std_gap', w.std_gap, 'weakest', w.weakest, 'prev_dept_avg', w.prev_dept_avg, 'change', w.change
    ) ORDER BY d.sort NULLS LAST, w.dept_id, k.sort NULLS LAST, w.category_id)) AS rows
  FROM weak_areas w
  LEFT JOIN departments d ON d.dept_id = w.dept_id
  LEFT JOIN site_categories k ON k.category_id = w.category_id
  GROUP BY w.period
)
SELECT
  q.period AS id,
  json_object(
    'period', q.period,
    'prev_period', q.prev_period,
    'as_of', a.month,
    'months', coalesce(a.months, '[]'),
    'counts', json_object('scored', q.scored, 'ranked', q.ranked, 'vetoed', q.vetoed, 'exempt', q.exempt,
      'tenth', q.tenth),
    'areas', coalesce(ar.rows, '[]'),
    'member_declines', coalesce(md.rows, '[]'),
    'bottom_two', coalesce(bt.rows, '[]'),
    'red', coalesce(l.red, '[]'),
    'yellow', coalesce(l.yellow, '[]')
  )::VARCHAR AS doc
FROM quarters q
LEFT JOIN as_of a ON a.quarter = q.period
LEFT JOIN areas ar ON ar.period = q.period
LEFT JOIN member_declines md ON md.period = q.period
LEFT JOIN bottom_two bt ON bt.period = q.period
LEFT JOIN lists l ON l.period = q.period
ORDER BY q.period;
