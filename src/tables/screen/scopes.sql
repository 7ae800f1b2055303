-- Which screens exist and what each covers: the organisation (scope_id NULL) covers every
-- department; each department covers itself and the departments below it.
CREATE OR REPLACE TEMP TABLE screen_scopes AS
WITH RECURSIVE tree(scope_id, dept_id) AS (
  SELECT dept_id, dept_id FROM departments
  UNION
  SELECT t.scope_id, d.dept_id FROM tree t JOIN departments d ON d.parent_id = t.dept_id
)
SELECT scope_id, dept_id FROM tree
UNION ALL
SELECT NULL, dept_id FROM (SELECT dept_id FROM departments UNION SELECT dept_id FROM standings);

-- The latest month with data, its quarter, and the export month the data reaches.
CREATE OR REPLACE TEMP TABLE screen_periods AS
WITH latest AS (SELECT max(period) AS month FROM standings WHERE period_type = 'month')
SELECT
  month,
  month[1:4] || '-Q' || ((month[6:7]::INTEGER - 1) // 3 + 1)::VARCHAR AS quarter,
  (SELECT strftime(max(month), '%Y-%m') FROM accepted_rows) AS as_of
FROM latest;
