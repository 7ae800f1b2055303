-- What the ingest leaves that the public build drops: accepted_rows (a view over every export
-- row, of every state, or a table in test fixtures), ingest_report, and every ingest_* table,
-- view and type (ingest_rows holds pending and rejected rows with their notes; the roster's
-- ENUM types hold the full names). Views first, then tables, then the types they use.
SELECT kind, database_name, schema_name, name
FROM (
  SELECT 1 AS step, 'VIEW' AS kind, database_name, schema_name, view_name AS name
  FROM duckdb_views() WHERE NOT internal
  UNION ALL
  SELECT 2, 'TABLE', database_name, schema_name, table_name FROM duckdb_tables() WHERE NOT internal
  UNION ALL
  SELECT 3, 'TYPE', database_name, schema_name, type_name FROM duckdb_types() WHERE NOT internal
)
WHERE name = 'accepted_rows' OR starts_with(name, 'ingest_')
ORDER BY step, database_name, schema_name, name;
