// The floor of any ingest that meets issue item 5, shared by bench/ingest.ts and
// bench/analytics.ts (bench/README.md).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { mapHeader } from '../src/ingest/header.ts';
import { readCsvSource } from '../src/ingest/load.ts';
import { readHead } from '../src/ingest/scan.ts';

/**
 * The least SPEC §1 / issue item 5 asks of any design: every row in a DuckDB table with its file
 * and row number, member, month and item as text and points as DECIMAL; no check at all. Read as
 * ingest reads (its read_csv call): a statement per file (row numbers need WITH ORDINALITY), two
 * files at once.
 */
export async function floorStatements(dir: string): Promise<string[]> {
  const names = (await readdir(join(dir, 'exports'))).sort();
  const statements: string[] = [];
  for (const [idx, name] of names.entries()) {
    const path = join(dir, 'exports', name);
    const head = await readHead(path);
    if (!head.header) continue;
    const mapped = mapHeader(head.header, []);
    if (!mapped.ok) throw new Error(`${name}: ${mapped.message}`);
    const { fields } = mapped.mapping;
    const c = (i: number | undefined) => (i === undefined ? 'NULL' : `c${i}`);
    statements.push(
      `INSERT INTO floor SELECT ${idx}, ordinality::INTEGER, ${c(fields.member_id)}, ${c(fields.month)}, ` +
        `${c(fields.item_code)}, TRY_CAST(${c(fields.points)} AS DECIMAL(18, 2)) ` +
        `FROM ${readCsvSource(path, head.delimiter, head.header.length)}`,
    );
  }
  return statements;
}

export async function runFloor(instance: DuckDBInstance, statements: readonly string[]): Promise<void> {
  const conns = [await instance.connect(), await instance.connect()];
  await conns[0]?.run(
    'CREATE TABLE floor (file_idx INTEGER, row INTEGER, member VARCHAR, month VARCHAR, item VARCHAR, points DECIMAL(18, 2))',
  );
  let next = 0;
  await Promise.all(
    conns.map(async (conn) => {
      for (let sql = statements[next++]; sql !== undefined; sql = statements[next++]) await conn.run(sql);
    }),
  );
  for (const conn of conns) conn.closeSync();
}
