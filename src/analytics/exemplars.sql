-- SPEC §2.10: the exemplars (先进典型) of each period. With exemplar_mode 'top_percent' p:
-- ranked members with rank_company ≤ ceil(p % × N), N = ranked members, so a tie at the
-- line is included whole. With 'designated': ranked members flagged `exemplar` in the roster.
CREATE OR REPLACE TABLE period_exemplars AS
SELECT r.pid, r.mk
FROM period_ranks r
CROSS JOIN scheme_settings s
WHERE r.ranked AND CASE s.exemplar_mode
  WHEN 'top_percent' THEN r.rank_company <= percent_ceil(s.exemplar_percent, r.ranked_members)
  WHEN 'designated' THEN r.designated_exemplar
  ELSE false
END;
