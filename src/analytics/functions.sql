-- Helpers for the analytics queries. Points stay exact: DECIMAL(18,2), or whole cents as
-- HUGEINT when a mean must be rounded (DuckDB's DECIMAL division returns DOUBLE, so the
-- divisions are done here in integers instead).

-- x clamped to [lo, hi]; a NULL bound is no bound (SPEC §2.1, §2.2).
CREATE OR REPLACE MACRO clamp_points(x, lo, hi) AS
  CASE WHEN lo IS NOT NULL AND x < lo THEN lo WHEN hi IS NOT NULL AND x > hi THEN hi ELSE x END;

-- Points (at most two decimals) as whole cents.
CREATE OR REPLACE MACRO cents(x) AS (x::DECIMAL(38, 2) * 100)::HUGEINT;

-- num ÷ den, where num is in cents and den > 0, rounded to 2 decimals half away from zero.
CREATE OR REPLACE MACRO div_cents(num, den) AS
  ((sign(num) * ((2 * abs(num) + den) // (2 * den)))::HUGEINT * 0.01)::DECIMAL(18, 2);

-- ceil(p % × n) and floor(p % × n), exactly (p has at most 4 decimals, p ≥ 0, n ≥ 0).
CREATE OR REPLACE MACRO percent_ceil(p, n) AS ((p * 10000)::HUGEINT * n + 999999) // 1000000;
CREATE OR REPLACE MACRO percent_floor(p, n) AS ((p * 10000)::HUGEINT * n) // 1000000;

-- Periods are integer keys (`pid`) inside the analytics: a month is its month index
-- year × 12 + month − 1; a quarter is 1 000 000 + the index of its first month; a year is
-- 2 000 000 + the index of January. The labels (2026-03, 2026-Q1, 2026) are in `periods`.
CREATE OR REPLACE MACRO month_index(d) AS (year(d) * 12 + month(d) - 1)::INTEGER;
CREATE OR REPLACE MACRO quarter_of(mi) AS (1000000 + mi - mi % 3)::INTEGER;
CREATE OR REPLACE MACRO year_of(mi) AS (2000000 + mi - mi % 12)::INTEGER;
CREATE OR REPLACE MACRO period_kind(pid) AS (pid // 1000000)::INTEGER; -- 0 month, 1 quarter, 2 year
