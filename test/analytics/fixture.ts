import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { runAnalytics } from '../../src/analytics/run.ts';
import { CONTRACT_DDL, insertRows } from '../helpers/contract.ts';

/**
 * A scheme, roster and accepted rows written as TypeScript literals, loaded into the DuckDB
 * contract tables of docs/architecture.md (independent of src/ingest). Points are strings or
 * numbers; months are `YYYY-MM`.
 */
export interface Fixture {
  categories: readonly {
    id: string;
    name?: string;
    weight?: string | number;
    min?: string | number;
    max?: string | number;
    veto?: boolean;
  }[];
  items?: readonly { code: string; category: string; min?: string | number; max?: string | number }[];
  tieBreak?: readonly string[];
  tiers?: readonly { name: string; topPercent?: string | number; minPoints?: string | number }[];
  yearPoints?: 'sum' | 'quarter_average';
  exemplars?: { mode: 'top_percent'; percent: string | number } | { mode: 'designated' };
  vetoTier?: string;
  departments?: readonly { id: string; name?: string; parent?: string; sort?: number }[];
  members: readonly { id: string; name?: string; dept: string; exemplar?: boolean; exempt?: boolean }[];
  rows: readonly {
    member: string;
    month: string;
    category: string;
    points: string | number;
    item?: string | null;
    dept?: string;
  }[];
}

/** The two-category scheme most tests use: basic (0..60) and duty, plus a veto category. */
export const SCHEME = {
  categories: [
    { id: 'basic', name: '基础评价分', max: 60, min: 0 },
    { id: 'duty', name: '履职尽责分' },
    { id: 'veto', name: '一票否决项', veto: true },
  ],
} as const satisfies Pick<Fixture, 'categories'>;

/** Creates and fills the contract tables on `conn`. */
export async function loadFixture(conn: DuckDBConnection, f: Fixture): Promise<void> {
  await conn.run(CONTRACT_DDL);
  const str = (v: string | number | undefined): string | undefined =>
    v === undefined ? undefined : String(v);
  await insertRows(
    conn,
    'scheme_categories',
    f.categories.map((c, i) => [
      c.id,
      c.name ?? c.id,
      str(c.weight ?? 1),
      str(c.min),
      str(c.max),
      c.veto ?? false,
      i,
    ]),
  );
  await insertRows(
    conn,
    'scheme_items',
    (f.items ?? []).map((i) => [i.code, i.code, i.category, str(i.min), str(i.max)]),
  );
  await insertRows(
    conn,
    'scheme_tie_break',
    (f.tieBreak ?? []).map((id, i) => [i, id]),
  );
  await insertRows(
    conn,
    'scheme_tiers',
    (f.tiers ?? []).map((t, i) => [i, t.name, str(t.topPercent), str(t.minPoints)]),
  );
  const exemplars = f.exemplars ?? { mode: 'top_percent', percent: 10 };
  await insertRows(conn, 'scheme_settings', [
    [
      f.yearPoints ?? 'sum',
      exemplars.mode,
      exemplars.mode === 'top_percent' ? String(exemplars.percent) : null,
      f.vetoTier ?? '不合格',
    ],
  ]);
  const departments: Fixture['departments'] =
    f.departments ?? [...new Set(f.members.map((m) => m.dept))].map((id) => ({ id, name: `${id}支部` }));
  await insertRows(
    conn,
    'departments',
    departments.map((d) => [d.id, d.name ?? d.id, d.parent, null, d.sort]),
  );
  await insertRows(
    conn,
    'members',
    f.members.map((m) => [m.id, m.name ?? m.id, m.dept, m.exemplar ?? false, m.exempt ?? false]),
  );
  const deptOf = new Map(f.members.map((m) => [m.id, m.dept]));
  await insertRows(
    conn,
    'accepted_rows',
    f.rows.map((r, i) => [
      'exports/test.csv',
      i + 2,
      r.member,
      r.dept ?? deptOf.get(r.member),
      `${r.month}-01`,
      r.item === undefined ? `${r.category}-item` : r.item,
      r.item ?? null,
      r.category,
      String(r.points),
      null,
      null,
      null,
      null,
    ]),
  );
}

export type Row = Record<string, unknown>;

/** Runs a query and returns its rows as JSON-friendly objects (DECIMALs are strings). */
export async function query(conn: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Row[];
}

export interface Analysed {
  conn: DuckDBConnection;
  /** Rows of `table` matching `where`, with only `columns`, in a stable order. */
  rows(table: string, columns: string, where?: string): Promise<Row[]>;
  /** The same as arrays of values, for compact expectations. */
  values(table: string, columns: string, where?: string): Promise<unknown[][]>;
  close(): void;
}

/** Loads `f` into a fresh in-memory database and runs the analytics. */
export async function analyse(f: Fixture): Promise<Analysed> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await loadFixture(conn, f);
  await runAnalytics(conn);
  const select = (table: string, columns: string, where?: string): string =>
    `SELECT ${columns} FROM ${table} ${where ? `WHERE ${where}` : ''} ORDER BY ALL`;
  return {
    conn,
    rows: (table, columns, where) => query(conn, select(table, columns, where)),
    values: async (table, columns, where) =>
      (await conn.runAndReadAll(select(table, columns, where))).getRowsJson() as unknown[][],
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
