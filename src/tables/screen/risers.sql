-- The biggest risers of the latest month on every screen: members whose rank in the scope
-- went up since the previous month, most places first (then the better rank now).
CREATE OR REPLACE TEMP TABLE screen_risers AS
SELECT *, rank() OVER (PARTITION BY scope_id ORDER BY change DESC)::INTEGER AS pos
FROM screen_board
WHERE period_type = 'month' AND change > 0;
