// duckdb-wasm in Node (its blocking bindings): the same engine and queries as the browser panel,
// without a browser, over the Arrow files writeExploreData wrote.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { type Db, loadTable, type Row, rowsOf } from '../../src/explore/db.ts';
import { ENGINE_SETTINGS, MACROS, TABLE_NAMES, type TableName } from '../../src/explore/tables.ts';

const dist = dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));

export interface WasmDb extends Db {
  close(): void;
}

/** Opens duckdb-wasm with the panel's settings and loads the shipped tables of one slice. */
export async function openWasmDb(exploreDir: string, slice: string, tables?: TableName[]): Promise<WasmDb> {
  const bindings = await duckdb.createDuckDB(
    {
      mvp: {
        mainModule: join(dist, 'duckdb-mvp.wasm'),
        mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs'),
      },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await bindings.instantiate();
  bindings.open({ query: { castBigIntToDouble: true } });
  const conn = bindings.connect();
  const db: WasmDb = {
    async query<T extends Row>(sql: string) {
      return rowsOf<T>(conn.query(sql));
    },
    async exec(sql) {
      conn.query(sql);
    },
    async insertArrow(table, ipc) {
      conn.insertArrowFromIPCStream(ipc, { name: table });
    },
    close() {
      conn.close();
      bindings.reset();
    },
  };
  for (const setting of ENGINE_SETTINGS) await db.exec(setting);
  await db.exec(MACROS);
  for (const table of tables ?? TABLE_NAMES) {
    await loadTable(db, table, [new Uint8Array(await readFile(join(exploreDir, slice, `${table}.arrow`)))]);
  }
  return db;
}
