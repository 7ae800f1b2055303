// The little the panel needs of a DuckDB: run SQL, insert an Arrow IPC stream.
// The browser implements it over duckdb-wasm's worker (./engine.ts); tests over duckdb-wasm's
// blocking Node bindings, so the same queries run in both.
import { createTableSql, fillTableSql, type TableName } from './tables.ts';

/** A value put into SQL as a literal (./queries.ts `literal`). */
export type Param = string | number | boolean | null;
export type Row = Record<string, unknown>;

export interface Db {
  /** Rows of a query: numbers as JS numbers, text as strings, NULL as null. */
  query<T extends Row = Row>(sql: string): Promise<T[]>;
  /** Runs statements that return nothing of interest. */
  exec(sql: string): Promise<void>;
  /** Creates `table` from an Arrow IPC stream. */
  insertArrow(table: string, ipc: Uint8Array): Promise<void>;
}

/** Loads a shipped table: created with its browser types, filled from its Arrow files. */
export async function loadTable(db: Db, table: TableName, ipcs: readonly Uint8Array[]): Promise<void> {
  const staging = `_load_${table}`;
  await db.exec(createTableSql(table));
  for (const ipc of ipcs) {
    await db.insertArrow(staging, ipc);
    await db.exec(fillTableSql(table, staging));
  }
}

/** The rows of a duckdb-wasm result (an Arrow table) as plain objects. */
export function rowsOf<T extends Row>(table: { toArray(): readonly ({ toJSON(): unknown } | null)[] }): T[] {
  return table.toArray().map((row) => (row?.toJSON() ?? {}) as T);
}
