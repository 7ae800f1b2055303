-- Ingest working state (docs/ingest.md): value macros, lookups built from the contract tables
-- scheme_* and departments, and the staging table every export row lands in with its state.
-- Names start with ingest_ so they never collide with analytics. Each row is looked up by its
-- text as written first (rows.sql, cheap); only the rows that miss are cleaned (spaces,
-- full-width characters, case) and looked up again (resolve.sql).

-- The roster, tree and catalogue as ENUM types: casting a text to one is the first, cheap
-- lookup of every row (NULL when the text is not there as written), and the staging table
-- stores the small ENUM codes instead of the texts. ingest_member_name holds `id␟name` pairs,
-- to check a row's name against the roster without a join. Items and categories keep the
-- scheme's order, which load.ts relies on for its per-item lists.
DROP VIEW IF EXISTS accepted_rows;
DROP TABLE IF EXISTS ingest_rows;
DROP TYPE IF EXISTS ingest_member;
DROP TYPE IF EXISTS ingest_member_name;
DROP TYPE IF EXISTS ingest_dept;
DROP TYPE IF EXISTS ingest_item;
DROP TYPE IF EXISTS ingest_category;
DROP TYPE IF EXISTS ingest_status;
DROP TYPE IF EXISTS ingest_month;
CREATE TYPE ingest_member AS ENUM (SELECT member_id FROM members);
CREATE TYPE ingest_member_name AS ENUM (SELECT DISTINCT member_id || chr(31) || name FROM members);
CREATE TYPE ingest_dept AS ENUM (SELECT dept_id FROM departments);
CREATE TYPE ingest_item AS ENUM ({{items}});
CREATE TYPE ingest_category AS ENUM ({{categories}});
CREATE TYPE ingest_status AS ENUM ({{statuses}});
CREATE TYPE ingest_month AS ENUM ({{months}});

-- Surrounding spaces (ASCII, tab, full-width U+3000, no-break U+00A0) removed; empty = NULL.
CREATE OR REPLACE MACRO ingest_clean(s) AS nullif(trim(s, ' ' || chr(9) || chr(12288) || chr(160)), '');

-- A cell's text as messages quote it: past 60 characters, its start and its length, so that a
-- cell of a megabyte makes a line of the report, not a megabyte of it (docs/ingest.md, "Limits").
CREATE OR REPLACE MACRO ingest_shown(s) AS
  CASE WHEN length(s) > 60 THEN left(s, 50) || format('…（共 {} 个字符）', length(s)) ELSE s END;

-- Full-width digits, sign and point, and U+2212 minus, as ASCII.
CREATE OR REPLACE MACRO ingest_ascii_number(s) AS translate(s, '０１２３４５６７８９．＋－−', '0123456789.+--');

-- A points text with at most two decimals that are not zeros: 5, 5.0, +3, -2, .5, 1.250.
CREATE OR REPLACE MACRO ingest_points_ok(t) AS regexp_full_match(t, '[+-]?(\d+(\.\d{0,2}0*)?|\.\d{1,2}0*)');
-- Any plain decimal number (to tell "too many decimals" from "not a number").
CREATE OR REPLACE MACRO ingest_number_like(t) AS regexp_full_match(t, '[+-]?(\d+(\.\d*)?|\.\d+)');

-- The month of a text written in one of the common forms (the ingest_month ENUM, built by
-- load.ts: each month from 1990 to 2099 in 12 forms, so that the position in the ENUM gives
-- the month); ingest_month_parts below reads every other form.
CREATE OR REPLACE MACRO ingest_month_of_code(c) AS make_date(1990 + c // 144, (c // 12) % 12 + 1, 1);
CREATE OR REPLACE MACRO ingest_month_fast(s) AS
  ingest_month_of_code(enum_code(TRY_CAST(s AS ingest_month))::INTEGER);
CREATE OR REPLACE MACRO ingest_month_parts(s) AS regexp_extract(
  translate(ingest_clean(s), '０１２３４５６７８９', '0123456789'),
  '^(\d{4})\s*(?:(\d{2})|[-/.年]\s*(\d{1,2})\s*月?(?:\s*[-/.]\s*(\d{1,2})\s*日?)?)$',
  ['y', 'm2', 'm', 'd']
);
CREATE OR REPLACE MACRO ingest_month_from_parts(p) AS CASE
  WHEN p IS NULL OR p.y = '' THEN NULL
  WHEN p.d <> '' AND TRY_CAST(p.y || '-' || p.m || '-' || p.d AS DATE) IS NULL THEN NULL
  ELSE TRY_CAST(p.y || '-' || (CASE WHEN p.m2 <> '' THEN p.m2 ELSE p.m END) || '-01' AS DATE)
END;

-- Second-look lookups (resolve.sql). Departments by id, or by name when that name is unique and not also an id.
CREATE OR REPLACE TEMP TABLE ingest_dept_keys AS
SELECT dept_id AS key, dept_id FROM departments
UNION ALL
SELECT name, any_value(dept_id) FROM departments
WHERE name NOT IN (SELECT dept_id FROM departments)
GROUP BY name HAVING count(*) = 1;

-- Catalogue items by code as written and by lower-case code (for the second look), with
-- their category's id and name; and by name.
CREATE OR REPLACE TEMP TABLE ingest_item_codes AS
SELECT DISTINCT k.key, i.item_code, i.name AS item_name, i.category_id, c.name AS category_name
FROM scheme_items i
JOIN scheme_categories c USING (category_id)
CROSS JOIN LATERAL (VALUES (i.item_code), (lower(i.item_code))) k(key);
CREATE OR REPLACE TEMP TABLE ingest_item_names AS
SELECT i.name AS key, i.item_code, i.name AS item_name, i.category_id, c.name AS category_name
FROM scheme_items i
JOIN scheme_categories c USING (category_id);

-- Categories by id (as written, or lower case) or name.
CREATE OR REPLACE TEMP TABLE ingest_category_keys AS
SELECT DISTINCT key, category_id FROM (
  SELECT category_id AS key, category_id FROM scheme_categories
  UNION ALL SELECT lower(category_id), category_id FROM scheme_categories
  UNION ALL SELECT name, category_id FROM scheme_categories
);

-- Every export row (a wide-form cell is a row), as compact as it can be: the 2 million rows of
-- a large data folder live here, and accepted_rows is a view over them (finish.sql).
-- `problem` is NULL for a row accepted so far, else `code␟detail␟field␟value␟member`
-- (␟ = chr(31)): the reason code, what refines its message, the field at fault (cat:<id> for
-- a wide-form cell), the text found there, and the member id as written when it is unknown.
-- `dept` NULL means the roster's department. A catalogued item is `item`; a custom item is
-- `custom_item` with its `category`; a wide-form cell has only its `category`.
-- `raw` holds the texts of rows the first look did not settle (fields joined by chr(30), NULL
-- as chr(29)); resolve.sql adds their judged versions beside them, and from then on every reader
-- takes only the rows without `raw`.
CREATE TABLE ingest_rows (
  file_idx INTEGER,
  row INTEGER,
  problem VARCHAR,
  member ingest_member,
  dept ingest_dept,
  month DATE,
  item ingest_item,
  custom_item VARCHAR,
  category ingest_category,
  points DECIMAL(18, 2),
  record_id VARCHAR,
  note VARCHAR,
  approver VARCHAR,
  approved_at VARCHAR,
  name_given VARCHAR,
  raw VARCHAR
);
