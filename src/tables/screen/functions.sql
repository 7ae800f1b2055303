-- Helpers for the screen documents (temporary: they live only as long as the connection).
-- screen_points: decimal text with at most two places and no trailing zeros (85.50 → 85.5).
CREATE OR REPLACE TEMP MACRO screen_points(x) AS
  CASE WHEN contains(x::VARCHAR, '.') THEN rtrim(rtrim(x::VARCHAR, '0'), '.') ELSE x::VARCHAR END;

-- screen_prev_period: the previous calendar month, quarter or year of a period label.
CREATE OR REPLACE TEMP MACRO screen_prev_period(period_type, period) AS CASE period_type
  WHEN 'month' THEN strftime(strptime(period || '-01', '%Y-%m-%d') - INTERVAL 1 MONTH, '%Y-%m')
  WHEN 'quarter' THEN CASE
    WHEN period[-1:] = '1' THEN (period[1:4]::INTEGER - 1)::VARCHAR || '-Q4'
    ELSE period[1:6] || (period[-1:]::INTEGER - 1)::VARCHAR
  END
  WHEN 'year' THEN (period::INTEGER - 1)::VARCHAR
END;

-- screen_mean: total ÷ n exactly, rounded to 2 decimals half away from zero.
CREATE OR REPLACE TEMP MACRO screen_mean(total, n) AS (
  sign((total * 100)::HUGEINT) * ((2 * abs((total * 100)::HUGEINT) + n) // (2 * n))
)::DECIMAL(18, 0) * 0.01;
