-- The tables that hold a person's name: every base table with both a member_id and a name
-- column (the roster `members` and, after the analytics, member_keys, standings and tiers).
-- Views need no masking: they read these tables.
SELECT c.table_catalog AS database_name, c.table_schema AS schema_name, c.table_name AS name
FROM information_schema.columns c
JOIN information_schema.tables t
  ON t.table_catalog = c.table_catalog AND t.table_schema = c.table_schema AND t.table_name = c.table_name
WHERE t.table_type IN ('BASE TABLE', 'LOCAL TEMPORARY') AND c.column_name IN ('member_id', 'name')
GROUP BY ALL
HAVING count(DISTINCT c.column_name) = 2
ORDER BY ALL;
