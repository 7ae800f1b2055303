-- Which months, quarters and years have accepted data, what are they called (2026-03,
-- 2026-Q1, 2026), and which period came before each (SPEC §2.9: the previous calendar month,
-- quarter or year, whether or not it has data)?
CREATE OR REPLACE TABLE periods AS
WITH months AS (SELECT DISTINCT pid FROM month_category_sums),
keys AS (
  SELECT DISTINCT unnest([pid, quarter_of(pid), year_of(pid)]) AS pid FROM months
),
parts AS (SELECT pid, period_kind(pid) AS kind, pid % 1000000 AS start FROM keys)
SELECT
  pid,
  ['month', 'quarter', 'year'][kind + 1] AS period_type,
  CASE kind
    WHEN 0 THEN printf('%04d-%02d', start // 12, start % 12 + 1)
    WHEN 1 THEN printf('%04d-Q%d', start // 12, start % 12 // 3 + 1)
    ELSE printf('%04d', start // 12)
  END AS period,
  (pid - [1, 3, 12][kind + 1])::INTEGER AS prev_pid
FROM parts;
