// The scheme and the roster as the contract tables of docs/architecture.md: scheme_categories,
// scheme_items, scheme_tie_break, scheme_tiers, scheme_settings, departments, members.
// Numbers go in as decimal text, so that 0.1 stays exactly 0.1.
import type { DuckDBAppender, DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { Roster } from '../config/roster.ts';
import type { Scheme } from '../config/scheme.ts';

const cents = (n: number | null) => (n === null ? null : n.toFixed(2));

export async function insertRows(
  conn: DuckDBConnection,
  table: string,
  rows: readonly DuckDBValue[][],
): Promise<void> {
  if (rows.length === 0) return;
  // One statement for all rows: each statement costs about a millisecond.
  let n = 0;
  const values = rows.map((row) => `(${row.map(() => `$${++n}`).join(', ')})`).join(', ');
  await conn.run(`INSERT INTO ${table} VALUES ${values}`, rows.flat());
}

export async function loadScheme(conn: DuckDBConnection, scheme: Scheme): Promise<void> {
  await conn.run(`
    CREATE OR REPLACE TABLE scheme_categories (
      category_id VARCHAR, name VARCHAR, weight DECIMAL(18, 4), min_points DECIMAL(18, 2),
      max_points DECIMAL(18, 2), is_veto BOOLEAN, sort INTEGER);
    CREATE OR REPLACE TABLE scheme_items (
      item_code VARCHAR, name VARCHAR, category_id VARCHAR, min_points DECIMAL(18, 2), max_points DECIMAL(18, 2));
    CREATE OR REPLACE TABLE scheme_tie_break (pos INTEGER, category_id VARCHAR);
    CREATE OR REPLACE TABLE scheme_tiers (pos INTEGER, name VARCHAR, top_percent DECIMAL(9, 4), min_points DECIMAL(18, 2));
    CREATE OR REPLACE TABLE scheme_settings (
      year_points VARCHAR, exemplar_mode VARCHAR, exemplar_percent DECIMAL(9, 4), veto_tier VARCHAR);
  `);
  await insertRows(
    conn,
    'scheme_categories',
    scheme.categories.map((c, i) => [
      c.id,
      c.name,
      c.weight.toFixed(4),
      cents(c.min),
      cents(c.max),
      c.veto,
      i,
    ]),
  );
  await insertRows(
    conn,
    'scheme_items',
    scheme.items.map((it) => [it.code, it.name, it.category, cents(it.min), cents(it.max)]),
  );
  await insertRows(
    conn,
    'scheme_tie_break',
    scheme.tieBreak.map((id, i) => [i, id]),
  );
  await insertRows(
    conn,
    'scheme_tiers',
    scheme.tiers.map((t, i) => [
      i,
      t.name,
      t.topPercent === null ? null : t.topPercent.toFixed(4),
      cents(t.minPoints),
    ]),
  );
  const percent = scheme.exemplars.mode === 'top_percent' ? scheme.exemplars.percent.toFixed(4) : null;
  await insertRows(conn, 'scheme_settings', [
    [scheme.yearPoints, scheme.exemplars.mode, percent, scheme.vetoTier],
  ]);
}

function appendText(appender: DuckDBAppender, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}

export async function loadRoster(conn: DuckDBConnection, roster: Roster): Promise<void> {
  await conn.run(`
    CREATE OR REPLACE TABLE departments (
      dept_id VARCHAR, name VARCHAR, parent_id VARCHAR, kind VARCHAR, sort INTEGER);
    CREATE OR REPLACE TABLE members (
      member_id VARCHAR, name VARCHAR, dept_id VARCHAR, exemplar BOOLEAN, exempt BOOLEAN);
  `);
  const departments = await conn.createAppender('departments');
  for (const d of roster.departments) {
    departments.appendVarchar(d.deptId);
    departments.appendVarchar(d.name);
    appendText(departments, d.parentId);
    appendText(departments, d.kind);
    if (d.sort === null) departments.appendNull();
    else departments.appendInteger(d.sort);
    departments.endRow();
  }
  departments.closeSync();
  const members = await conn.createAppender('members');
  for (const m of roster.members) {
    members.appendVarchar(m.memberId);
    members.appendVarchar(m.name);
    members.appendVarchar(m.deptId);
    members.appendBoolean(m.exemplar);
    members.appendBoolean(m.exempt);
    members.endRow();
  }
  members.closeSync();
}
