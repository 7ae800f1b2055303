// The DuckDB contract tables between ingest and analytics (docs/architecture.md), for fixtures
// that fill them from TypeScript literals instead of running src/ingest.
import type { DuckDBConnection } from '@duckdb/node-api';

export const CONTRACT_DDL = `
CREATE TABLE scheme_categories (category_id VARCHAR, name VARCHAR, weight DECIMAL(18,4),
  min_points DECIMAL(18,2), max_points DECIMAL(18,2), is_veto BOOLEAN, sort INTEGER);
CREATE TABLE scheme_items (item_code VARCHAR, name VARCHAR, category_id VARCHAR,
  min_points DECIMAL(18,2), max_points DECIMAL(18,2));
CREATE TABLE scheme_tie_break (pos INTEGER, category_id VARCHAR);
CREATE TABLE scheme_tiers (pos INTEGER, name VARCHAR, top_percent DECIMAL(9,4), min_points DECIMAL(18,2));
CREATE TABLE scheme_settings (year_points VARCHAR, exemplar_mode VARCHAR, exemplar_percent DECIMAL(9,4),
  veto_tier VARCHAR);
CREATE TABLE departments (dept_id VARCHAR, name VARCHAR, parent_id VARCHAR, kind VARCHAR, sort INTEGER);
CREATE TABLE members (member_id VARCHAR, name VARCHAR, dept_id VARCHAR, exemplar BOOLEAN, exempt BOOLEAN);
CREATE TABLE accepted_rows (file VARCHAR, row INTEGER, member_id VARCHAR, dept_id VARCHAR, month DATE,
  item_code VARCHAR, item_name VARCHAR, category_id VARCHAR, points DECIMAL(18,2), record_id VARCHAR,
  note VARCHAR, approver VARCHAR, approved_at VARCHAR);
CREATE TABLE ingest_report (file VARCHAR, row INTEGER, member_id VARCHAR, month VARCHAR, status VARCHAR,
  reason VARCHAR);
`;

export type Literal = string | number | boolean | null | undefined;

export function sqlLiteral(value: Literal): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  return `'${value.replaceAll("'", "''")}'`;
}

export async function insertRows(
  conn: DuckDBConnection,
  table: string,
  rows: readonly (readonly Literal[])[],
): Promise<void> {
  if (rows.length === 0) return;
  await conn.run(
    `INSERT INTO ${table} VALUES ${rows.map((r) => `(${r.map(sqlLiteral).join(', ')})`).join(',\n')}`,
  );
}
