import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { withInsertionOrder } from '../analytics/run.ts';
import { replaceDir } from '../atomic.ts';

/** Category columns follow the scheme's display order, then the id; `_total` comes last. */
const CATEGORY_ORDER =
  '(SELECT c.sort FROM scheme_categories c WHERE c.category_id = t.category_id) NULLS LAST, t.category_id';
/** Departments follow `departments.sort`, then the id. */
const DEPT_ORDER = '(SELECT d.sort FROM departments d WHERE d.dept_id = t.dept_id) NULLS LAST, t.dept_id';

/**
 * The SPEC §3 tables that `liangbang data` writes, each with the order of its rows, so that
 * the same input gives byte-identical files. `t` is the table. The analytics create their five
 * tables already in this order (sorting on integer keys, far cheaper than sorting the written
 * text), so those are written as stored (`presorted`; test/analytics/write.test.ts checks that
 * the stored order is this one); the others are sorted while written.
 */
export const OUTPUT_TABLES = [
  {
    name: 'standings',
    orderBy: 't.period_type, t.period, t.rank_company NULLS LAST, t.member_id',
    presorted: true,
  },
  {
    name: 'category_points',
    orderBy: `t.period_type, t.period, t.member_id, ${CATEGORY_ORDER}`,
    presorted: true,
  },
  { name: 'gaps', orderBy: `t.period_type, t.period, t.member_id, ${CATEGORY_ORDER}`, presorted: true },
  { name: 'weak_areas', orderBy: `t.period, ${DEPT_ORDER}, ${CATEGORY_ORDER}`, presorted: true },
  { name: 'tiers', orderBy: 't.period, t.rank_company NULLS LAST, t.member_id', presorted: true },
  {
    name: 'ingest_report',
    orderBy: 't.file, t.row NULLS FIRST, t.status, t.reason, t.member_id, t.month',
    presorted: false,
  },
] as const;

export type OutputTable = (typeof OUTPUT_TABLES)[number];

const BOM = '\uFEFF';

const identifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** The rows of `table` in their published order, as a query. */
export function orderedRows(table: OutputTable, columns = 't.*'): string {
  const from = `SELECT ${columns} FROM ${identifier(table.name)} AS t`;
  return table.presorted ? from : `${from} ORDER BY ${table.orderBy}`;
}

export interface OutputColumn {
  name: string;
  /** VARCHAR: written through csv_text (csv.sql), which neutralises spreadsheet formulas. */
  text: boolean;
}

/** The columns of `table` in their order; empty when there is no such table. */
export async function outputColumns(conn: DuckDBConnection, table: string): Promise<OutputColumn[]> {
  const reader = await conn.runAndReadAll(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return reader
    .getRowObjectsJson()
    .map((row) => ({ name: String(row.column_name), text: row.data_type === 'VARCHAR' }));
}

/**
 * Writes `table` to the CSV file `file` (a path): rows in the published order, UTF-8 with the
 * BOM Excel needs (part of the first header name, so the file is never rewritten), text cells
 * with spreadsheet formulas neutralised (csv.sql); numbers as DuckDB prints them.
 */
export async function writeCsv(
  conn: DuckDBConnection,
  table: OutputTable,
  columns: readonly OutputColumn[],
  file: string,
): Promise<void> {
  const select = columns
    .map((c, i) => {
      const value = c.text ? `csv_text(t.${identifier(c.name)})` : `t.${identifier(c.name)}`;
      return `${value} AS ${identifier(i === 0 ? BOM + c.name : c.name)}`;
    })
    .join(', ');
  await conn.run(await readFile(new URL('./csv.sql', import.meta.url), 'utf8'));
  try {
    await conn.run(`COPY (${orderedRows(table, select)}) TO ${literal(file)} (FORMAT csv, HEADER true)`);
  } finally {
    await conn.run('DROP MACRO IF EXISTS temp.csv_text');
  }
}

async function writeTable(conn: DuckDBConnection, table: OutputTable, dir: string): Promise<void> {
  const columns = await outputColumns(conn, table.name);
  if (columns.length === 0)
    throw new Error(`table ${table.name} is missing: run the ingest and the analytics first`);
  const file = path.join(dir, `${table.name}.parquet`);
  await conn.run(`COPY (${orderedRows(table)}) TO ${literal(file)} (FORMAT parquet)`);
  await writeCsv(conn, table, columns, path.join(dir, `${table.name}.csv`));
}

/**
 * Writes the SPEC §3 tables into the existing folder `dir` as NAME.parquet and NAME.csv: CSV in
 * UTF-8 with BOM, decimals as plain text with two places, booleans true/false, none = empty,
 * text that a spreadsheet would run as a formula behind an apostrophe (writeCsv).
 */
export async function writeTablesInto(conn: DuckDBConnection, dir: string): Promise<void> {
  await withInsertionOrder(conn, async () => {
    for (const table of OUTPUT_TABLES) await writeTable(conn, table, dir);
  });
}

/**
 * Writes the SPEC §3 tables into `outDir` (see writeTablesInto), atomically (../atomic.ts
 * `replaceDir`): a failure leaves the previous `outDir` as it was. `outDir` is replaced as a whole.
 */
export function writeTables(conn: DuckDBConnection, outDir: string): Promise<void> {
  return replaceDir(path.resolve(outDir), (dir) => writeTablesInto(conn, dir));
}
