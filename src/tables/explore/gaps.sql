-- Month gaps to the exemplars (per category and `_total`), sliced like the member's standings
-- row, by member, month and category (`_total` first).
SELECT
  g.period, g.member_id, g.category_id, g.member_points::DOUBLE AS member_points,
  g.exemplar_avg::DOUBLE AS exemplar_avg, g.gap::DOUBLE AS gap,
  s.dept_id AS _slice
FROM gaps g
JOIN explore_standings s ON s.period = g.period AND s.member_id = g.member_id
LEFT JOIN scheme_categories k ON k.category_id = g.category_id
WHERE g.period_type = 'month'
ORDER BY g.member_id, g.period, k.sort NULLS FIRST, g.category_id;
