// Node-only: query results → Arrow IPC streams (apache-arrow), the format the browser's
// duckdb-wasm inserts with insertArrowFromIPCStream (it cannot read Parquet offline).
//
// A table is read from DuckDB once, as numbers only: text columns arrive as codes into a sorted
// dictionary (DuckDB's node client converts each text value to a JS string slowly; a million
// rows of five text columns took seconds). Each department's slice is then a subset of rows,
// written with its own, smaller dictionaries.
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  Bool,
  type Data,
  type DataType,
  Dictionary,
  Field,
  Float64,
  Int8,
  Int16,
  Int32,
  makeData,
  makeVector,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import type { ColumnKind } from '../../explore/tables.ts';

/** Column name → how it is stored: `dict` for text (each distinct value once, rows hold an index). */
export type ArrowSchema = Readonly<Record<string, ColumnKind>>;

interface ColumnData {
  kind: ColumnKind;
  /** Dictionary codes (dict), integers, doubles, or 0/1 (bool); one per row. */
  values: Int32Array | Float64Array | Uint8Array;
  /** 1 where the row has a value. */
  valid: Uint8Array;
  /** dict: the values the codes point at. */
  dictionary: string[];
}

export interface TableData {
  length: number;
  columns: Record<string, ColumnData>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function arrayFor(kind: ColumnKind, length: number): Int32Array | Float64Array | Uint8Array {
  return kind === 'float64'
    ? new Float64Array(length)
    : kind === 'bool'
      ? new Uint8Array(length)
      : new Int32Array(length);
}

/**
 * Runs `fn` with DuckDB's `preserve_insertion_order` on (a table created with ORDER BY is then
 * stored in that order), restoring the setting afterwards.
 */
async function inInsertionOrder<T>(conn: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  const reader = await conn.runAndReadAll("SELECT current_setting('preserve_insertion_order') AS on");
  if (reader.getRowObjectsJS()[0]?.on === true) return fn();
  await conn.run('SET preserve_insertion_order = true');
  try {
    return await fn();
  } finally {
    await conn.run('SET preserve_insertion_order = false');
  }
}

/**
 * Reads the rows of `sql`, in its ORDER BY, in the columns of `schema` plus the text columns
 * named in `extra` (as dict). `sql` runs once, into a temp table that is dropped.
 */
export async function readTable(
  conn: DuckDBConnection,
  sql: string,
  schema: ArrowSchema,
  extra: readonly string[] = [],
): Promise<TableData> {
  const kinds: [string, ColumnKind][] = [
    ...Object.entries(schema),
    ...extra.map((e): [string, ColumnKind] => [e, 'dict']),
  ];
  await inInsertionOrder(conn, () => conn.run(`CREATE OR REPLACE TEMP TABLE explore_base AS ${sql}`));
  try {
    const dictionaries: Record<string, string[]> = {};
    const select: string[] = [];
    const joins: string[] = [];
    for (const [i, [name, kind]] of kinds.entries()) {
      if (kind !== 'dict') {
        select.push(`b.${quote(name)}`);
        continue;
      }
      const dict = `explore_dict_${i}`;
      await conn.run(
        `CREATE OR REPLACE TEMP TABLE ${dict} AS SELECT value, (row_number() OVER (ORDER BY value) - 1)::INTEGER AS code
         FROM (SELECT DISTINCT ${quote(name)}::VARCHAR AS value FROM explore_base WHERE ${quote(name)} IS NOT NULL)`,
      );
      const values = await conn.runAndReadAll(`SELECT value FROM ${dict} ORDER BY code`);
      dictionaries[name] = values.getRowObjectsJS().map((row) => String(row.value));
      select.push(`${dict}.code`);
      joins.push(`LEFT JOIN ${dict} ON ${dict}.value = b.${quote(name)}::VARCHAR`);
    }
    const result = await conn.run(
      `SELECT ${select.join(', ')} FROM explore_base b ${joins.join(' ')} ORDER BY b.rowid`,
    );
    const chunks = await result.fetchAllChunks();
    const length = chunks.reduce((sum, chunk) => sum + chunk.rowCount, 0);
    const columns: Record<string, ColumnData> = {};
    for (const [i, [name, kind]] of kinds.entries()) {
      const values = arrayFor(kind, length);
      const valid = new Uint8Array(length);
      let row = 0;
      for (const chunk of chunks) {
        const vector = chunk.getColumnVector(i);
        // rowCount is a native call: read once per chunk, not once per row.
        const count = chunk.rowCount;
        for (let j = 0; j < count; j++, row++) {
          const value = vector.getItem(j);
          if (value === null) continue;
          valid[row] = 1;
          values[row] = typeof value === 'boolean' ? (value ? 1 : 0) : Number(value);
        }
      }
      columns[name] = { kind, values, valid, dictionary: dictionaries[name] ?? [] };
    }
    return { length, columns };
  } finally {
    await conn.run('DROP TABLE IF EXISTS temp.explore_base');
    for (const i of kinds.keys()) await conn.run(`DROP TABLE IF EXISTS temp.explore_dict_${i}`);
  }
}

/** The narrowest index type that holds `distinct` dictionary entries. */
function indexType(distinct: number): {
  type: Int8 | Int16 | Int32;
  array: (n: number) => Int8Array | Int16Array | Int32Array;
} {
  if (distinct <= 0x7f) return { type: new Int8(), array: (n) => new Int8Array(n) };
  if (distinct <= 0x7fff) return { type: new Int16(), array: (n) => new Int16Array(n) };
  return { type: new Int32(), array: (n) => new Int32Array(n) };
}

/** Arrow's validity (and boolean) layout: one bit per row, least significant first. */
function packBits(flags: Uint8Array): Uint8Array {
  const bits = new Uint8Array(Math.ceil(flags.length / 8));
  for (let i = 0; i < flags.length; i++) if (flags[i]) bits[i >> 3] = (bits[i >> 3] ?? 0) | (1 << (i & 7));
  return bits;
}

function sliceColumn(column: ColumnData, rows: Int32Array): Vector {
  const n = rows.length;
  const valid = new Uint8Array(n);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    valid[i] = column.valid[rows[i] ?? 0] ?? 0;
    if (!valid[i]) nulls++;
  }
  const nullBitmap = nulls > 0 ? packBits(valid) : undefined;
  const base = { length: n, nullCount: nulls, ...(nullBitmap ? { nullBitmap } : {}) };
  if (column.kind === 'dict') {
    // Local codes in order of first appearance; the slice's dictionary holds only what it uses.
    const local = new Int32Array(column.dictionary.length).fill(-1);
    const used: string[] = [];
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (!valid[i]) continue;
      const global = column.values[rows[i] ?? 0] ?? 0;
      if (local[global] === -1) {
        local[global] = used.length;
        used.push(column.dictionary[global] ?? '');
      }
      codes[i] = local[global] ?? 0;
    }
    const index = indexType(used.length);
    const data = index.array(n);
    data.set(codes);
    const type = new Dictionary(new Utf8(), index.type);
    return makeVector(makeData({ ...base, type, data, dictionary: vectorFromArray(used, new Utf8()) }));
  }
  if (column.kind === 'bool') {
    const flags = new Uint8Array(n);
    for (let i = 0; i < n; i++) flags[i] = column.values[rows[i] ?? 0] ?? 0;
    return makeVector(makeData({ ...base, type: new Bool(), data: packBits(flags) }));
  }
  if (column.kind === 'float64') {
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) data[i] = column.values[rows[i] ?? 0] ?? 0;
    return makeVector(makeData({ ...base, type: new Float64(), data }));
  }
  const data = new Int32Array(n);
  for (let i = 0; i < n; i++) data[i] = column.values[rows[i] ?? 0] ?? 0;
  return makeVector(makeData({ ...base, type: new Int32() as DataType as Int32, data }));
}

/**
 * An Arrow IPC stream of some rows (in the given order) of a table, in the columns of `schema`.
 * One record batch, built explicitly: a table made from empty vectors would be written without
 * its dictionaries, which duckdb-wasm refuses (a department without members of its own).
 */
export function sliceToIPC(table: TableData, schema: ArrowSchema, rows: Int32Array): Uint8Array {
  const fields: Field[] = [];
  const children: Data[] = [];
  for (const name of Object.keys(schema)) {
    const column = table.columns[name];
    if (!column) throw new Error(`invalid column: ${name} is missing from the query result`);
    const vector = sliceColumn(column, rows);
    fields.push(new Field(name, vector.type, true));
    children.push(...vector.data);
  }
  const arrowSchema = new Schema(fields);
  const data = makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children });
  return tableToIPC(new Table([new RecordBatch(arrowSchema, data)]), 'stream');
}
