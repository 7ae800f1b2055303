// The tables the drill-down ships (Arrow IPC, written by src/tables/explore-data.ts) and loads
// into the browser's DuckDB: one definition for both sides. Pure: bundled into the browser.
//
// Month rows only: a quarter's points are the sum of its months' (SPEC §2.5), so every range of
// months or quarters is a sum of month rows. Points travel as DOUBLE (exact for two decimals)
// and become DECIMAL(18,2) again when loaded, so that sums in the browser are exact.

/**
 * How a column travels (src/tables/explore/arrow.ts): `dict` for text (each distinct value once
 * per file, rows hold a small index), and its type in the browser's DuckDB.
 */
export type ColumnKind = 'dict' | 'int32' | 'float64' | 'bool';
export type Column = readonly [kind: ColumnKind, sqlType: string];

/** Each table ships as one file per department: the rows of its subtree (explore/<dept>/<table>.arrow). */
export interface TableDef {
  columns: Readonly<Record<string, Column>>;
}

const POINTS: Column = ['float64', 'DECIMAL(18,2)'];
const ID: Column = ['dict', 'VARCHAR'];
const INT: Column = ['int32', 'INTEGER'];
const BOOL: Column = ['bool', 'BOOLEAN'];

export const TABLES = {
  /** SPEC §3 standings, month rows of the slice (name as published). */
  standings: {
    columns: {
      period: ID,
      member_id: ID,
      name: ID,
      dept_id: ID,
      points: POINTS,
      vetoed: BOOL,
      exempt: BOOL,
      rank_dept: INT,
      rank_company: INT,
      prev_points: POINTS,
      points_change: POINTS,
      rank_dept_change: INT,
      rank_company_change: INT,
    },
  },
  /** SPEC §3 category_points, month rows of the slice. */
  category_points: {
    columns: { period: ID, member_id: ID, category_id: ID, points: POINTS },
  },
  /** SPEC §3 gaps, month rows of the slice (`_total` included). */
  gaps: {
    columns: {
      period: ID,
      member_id: ID,
      category_id: ID,
      member_points: POINTS,
      exemplar_avg: POINTS,
      gap: POINTS,
    },
  },
  /**
   * Items per member and month from accepted_rows (never notes, approvers, record ids, files or
   * rows): `points` as recorded, `counted` clamped to the item's bounds (0 for veto rows).
   */
  items: {
    columns: {
      period: ID,
      member_id: ID,
      dept_id: ID,
      category_id: ID,
      item_code: ID,
      item_name: ID,
      points: POINTS,
      counted: POINTS,
      records: INT,
    },
  },
  /** SPEC §3 weak_areas of the slice's departments. */
  weak_areas: {
    columns: {
      period: ID,
      dept_id: ID,
      category_id: ID,
      members: INT,
      dept_avg: POINTS,
      company_avg: POINTS,
      diff: POINTS,
      std_gap: POINTS,
      weakest: BOOL,
      prev_dept_avg: POINTS,
      change: POINTS,
    },
  },
} as const satisfies Record<string, TableDef>;

export type TableName = keyof typeof TABLES;

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The file of a table in a slice's folder. */
export const tableFile = (table: TableName): string => `${table}.arrow`;

/** `CREATE TABLE` for the browser's copy of a table. */
export function createTableSql(table: TableName): string {
  const columns = Object.entries(TABLES[table].columns as Record<string, Column>)
    .map(([name, [, type]]) => `${name} ${type}`)
    .join(', ');
  return `CREATE TABLE ${table} (${columns})`;
}

/**
 * Moves rows inserted from Arrow into `staging` into the typed table (those matching `where`, a
 * SQL condition, when given), then drops `staging`.
 */
export function fillTableSql(table: TableName, staging: string, where?: string): string {
  const names = Object.keys(TABLES[table].columns).join(', ');
  const filter = where ? ` WHERE ${where}` : '';
  return `INSERT INTO ${table} (${names}) SELECT ${names} FROM ${staging}${filter}; DROP TABLE ${staging}`;
}

/**
 * The engine's settings, run once it is open: nothing is ever fetched from the internet (no
 * extension is installed or loaded), and the settings cannot be changed afterwards.
 */
export const ENGINE_SETTINGS = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET enable_external_access = false',
  'SET lock_configuration = true',
] as const;

/** Macros the panel's queries use (see ./queries.ts): the exact mean of src/tables/explore/functions.sql. */
export const MACROS = `
CREATE MACRO explore_mean(total, n) AS CASE WHEN n > 0 THEN
  (sign((total * 100)::HUGEINT) * ((2 * abs((total * 100)::HUGEINT) + n) // (2 * n)))::DOUBLE / 100
END;
`;
