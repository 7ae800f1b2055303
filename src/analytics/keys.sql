-- Integer keys for members (mk), departments (dk) and categories (ck, in display order), so
-- that the analytics join and partition on integers; ids and names return in the outputs.
CREATE OR REPLACE TABLE member_keys AS
SELECT
  (row_number() OVER (ORDER BY member_id))::INTEGER AS mk,
  member_id,
  name,
  coalesce(exempt, false) AS exempt,
  coalesce(exemplar, false) AS exemplar
FROM members;

CREATE OR REPLACE TABLE dept_keys AS
SELECT (row_number() OVER (ORDER BY dept_id))::INTEGER AS dk, dept_id, name, sort
FROM departments;

CREATE OR REPLACE TABLE category_keys AS
SELECT
  (row_number() OVER (ORDER BY sort, category_id))::INTEGER AS ck,
  category_id,
  name,
  weight,
  min_points,
  max_points,
  is_veto
FROM scheme_categories;
