// Browser-only: starts duckdb-wasm from the files the site serves itself (duckdb/<version>/,
// copied there by src/tables/explore-data.ts) and loads the shipped tables on demand.
import * as duckdb from '@duckdb/duckdb-wasm';
import { slug } from '../site/slug.ts';
import { type Db, loadTable, type Row, rowsOf } from './db.ts';
import { ExploreError } from './errors.ts';
import { ItemsLoader } from './items.ts';
import type { Meta } from './meta.ts';
import { ENGINE_SETTINGS, MACROS, type TableName, tableFile } from './tables.ts';

export interface EngineUrls {
  /** The folder holding `<version>/duckdb-eh.wasm` … (absolute or relative to the page). */
  engine: string;
  /** explore/ (meta.json, and every department's slice below it). */
  shared: string;
  /** explore/<dept>/, the page's slice. */
  slice: string;
}

/** Engine start takes seconds; a minute means something is wrong (a file, the network). */
const START_TIMEOUT_MS = 60_000;

const absolute = (url: string): string => new URL(url, window.location.href).href;

/** Fetches a file of the site, as bytes; a failure names the file (in Chinese). */
export async function fetchBytes(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new ExploreError('network', url, error);
  }
  if (!response.ok) throw new ExploreError('fetch', `${url}（HTTP ${response.status}）`);
  return new Uint8Array(await response.arrayBuffer());
}

export function checkSupport(): void {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    throw new ExploreError('no-wasm');
  }
  if (typeof Worker !== 'function') throw new ExploreError('no-worker');
}

/** Rejects when the worker fails to load or run (duckdb-wasm would otherwise wait forever). */
function workerFailure(worker: Worker): Promise<never> {
  return new Promise((_, reject) => {
    worker.addEventListener('error', (event) => {
      const message = event.message || '工作线程加载失败';
      reject(new ExploreError(/MIME/i.test(message) ? 'mime' : 'engine', message));
    });
  });
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new ExploreError('timeout')), ms));
}

export class BrowserDb implements Db {
  readonly #conn: duckdb.AsyncDuckDBConnection;
  readonly #urls: EngineUrls;
  readonly #loads = new Map<TableName, Promise<void>>();
  /** The items, loaded a department's slice at a time (./items.ts). */
  readonly items: ItemsLoader;

  constructor(conn: duckdb.AsyncDuckDBConnection, urls: EngineUrls) {
    this.#conn = conn;
    this.#urls = urls;
    this.items = new ItemsLoader(this, (dept) =>
      fetchBytes(`${urls.shared}${slug(dept)}/${tableFile('items')}`),
    );
  }

  async query<T extends Row = Row>(sql: string): Promise<T[]> {
    return rowsOf<T>(await this.#conn.query(sql));
  }

  async exec(sql: string): Promise<void> {
    await this.#conn.query(sql);
  }

  async insertArrow(table: string, ipc: Uint8Array): Promise<void> {
    await this.#conn.insertArrowFromIPCStream(ipc, { name: table });
  }

  /**
   * Loads a table of the page's slice once (later calls wait for the same load); `bytes` when
   * already fetched. Not for `items` (see `items`).
   */
  ensure(table: TableName, bytes?: Promise<Uint8Array>): Promise<void> {
    let load = this.#loads.get(table);
    if (!load) {
      const data = bytes ?? fetchBytes(`${this.#urls.slice}${tableFile(table)}`);
      load = data.then((ipc) => loadTable(this, table, ipc));
      load.catch(() => this.#loads.delete(table));
      this.#loads.set(table, load);
    }
    return load;
  }
}

/**
 * Starts the engine and loads the slice's standings (fetched while the engine compiles). Throws
 * ExploreError with a Chinese message.
 */
export async function startEngine(urls: EngineUrls): Promise<BrowserDb> {
  checkSupport();
  const standings = fetchBytes(`${urls.slice}${tableFile('standings')}`);
  // Unhandled until awaited below: keep the rejection for then.
  standings.catch(() => undefined);
  const dir = absolute(`${urls.engine}${duckdb.PACKAGE_VERSION}/`);
  const bundle = await duckdb.selectBundle({
    // liangbang-*.worker.js start duckdb-wasm's workers so that the compiled engine can be
    // cached by the browser (src/tables/explore/engine-files.ts).
    mvp: { mainModule: `${dir}duckdb-mvp.wasm`, mainWorker: `${dir}liangbang-mvp.worker.js` },
    eh: { mainModule: `${dir}duckdb-eh.wasm`, mainWorker: `${dir}liangbang-eh.worker.js` },
  });
  if (!bundle.mainWorker) throw new ExploreError('engine', '没有可用的引擎文件');
  const worker = new Worker(bundle.mainWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  const conn = await Promise.race([
    (async () => {
      try {
        await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
      } catch (error) {
        throw new ExploreError('engine', error instanceof Error ? error.message : String(error), error);
      }
      performance.mark('explore:instantiated');
      await db.open({ query: { castBigIntToDouble: true } });
      return db.connect();
    })(),
    workerFailure(worker),
    timeout(START_TIMEOUT_MS),
  ]);
  performance.mark('explore:engine');
  const browserDb = new BrowserDb(conn, urls);
  for (const setting of ENGINE_SETTINGS) await browserDb.exec(setting);
  await browserDb.exec(MACROS);
  await browserDb.ensure('standings', standings);
  performance.mark('explore:data');
  return browserDb;
}

export interface Explorer {
  db: BrowserDb;
  meta: Meta;
}

/** The engine with the slice's standings, and meta.json, fetched and started side by side. */
export async function startExplorer(urls: EngineUrls): Promise<Explorer> {
  const meta = fetchBytes(`${urls.shared}meta.json`).then(
    (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as Meta,
  );
  meta.catch(() => undefined);
  const db = await startEngine(urls);
  return { db, meta: await meta };
}
