// Browser-only: starts duckdb-wasm from the files the site serves itself (duckdb/<version>/,
// copied there by src/tables/explore-data.ts) and loads the shipped tables on demand.
import * as duckdb from '@duckdb/duckdb-wasm';
import { slug } from '../site/slug.ts';
import { type Db, loadTable, type Row, rowsOf } from './db.ts';
import { ExploreError } from './errors.ts';
import { ItemsLoader } from './items.ts';
import { type Meta, type Slice, slicesOf } from './meta.ts';
import { ENGINE_SETTINGS, MACROS, type TableName, tableFile } from './tables.ts';
import { type EngineWorker, startEngineWorker } from './worker.ts';

export interface EngineUrls {
  /** The folder holding the engine's version, `duckdb/<version>/` (absolute or relative to the page). */
  engine: string;
  /** explore/ (meta.json, and every department's files below it). */
  shared: string;
}

/** Engine start takes seconds; a minute means something is wrong (a file, the network). */
const START_TIMEOUT_MS = 60_000;

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
async function workerFailure(start: EngineWorker): Promise<never> {
  const message = await start.failure;
  throw new ExploreError(/MIME/i.test(message) ? 'mime' : 'engine', message);
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new ExploreError('timeout')), ms));
}

/** A table's file of a department's slice. */
const sliceFile = (urls: EngineUrls, dept: string, table: TableName): string =>
  `${urls.shared}${slug(dept)}/${tableFile(table)}`;

/** A table's files of the page's slices, fetched side by side. */
const fetchSlices = (urls: EngineUrls, slices: readonly Slice[], table: TableName): Promise<Uint8Array[]> =>
  Promise.all(slices.map((s) => fetchBytes(sliceFile(urls, s.dept, table))));

export class BrowserDb implements Db {
  readonly #conn: duckdb.AsyncDuckDBConnection;
  readonly #urls: EngineUrls;
  /** The slices that hold the page's department and everything below it (meta.ts `slicesOf`). */
  readonly #slices: readonly Slice[];
  readonly #loads = new Map<TableName, Promise<void>>();
  /** The items, loaded a department's slice at a time (./items.ts). */
  readonly items: ItemsLoader;

  constructor(conn: duckdb.AsyncDuckDBConnection, urls: EngineUrls, slices: readonly Slice[]) {
    this.#conn = conn;
    this.#urls = urls;
    this.#slices = slices;
    this.items = new ItemsLoader(this, (dept) => fetchBytes(sliceFile(urls, dept, 'items')));
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
   * Loads a table of the page's slices once (later calls wait for the same load); `files` when
   * already fetched. Not for `items` (see `items`).
   */
  ensure(table: TableName, files?: Promise<Uint8Array[]>): Promise<void> {
    let load = this.#loads.get(table);
    if (!load) {
      const data = files ?? fetchSlices(this.#urls, this.#slices, table);
      load = data.then((ipcs) => loadTable(this, table, ipcs));
      load.catch(() => this.#loads.delete(table));
      this.#loads.set(table, load);
    }
    return load;
  }
}

/**
 * Starts the engine and loads the standings of the page's slices (fetched while the engine
 * compiles). `early` is the worker ./mount.ts started when the panel opened (one is started here
 * without it). Throws ExploreError with a Chinese message.
 */
export async function startEngine(
  urls: EngineUrls,
  slices: Promise<readonly Slice[]>,
  early: EngineWorker | null = null,
): Promise<BrowserDb> {
  checkSupport();
  const standings = slices.then((list) => fetchSlices(urls, list, 'standings'));
  // Unhandled until awaited below: keep the rejection for then.
  standings.catch(() => undefined);
  let start: EngineWorker | null;
  try {
    start = early ?? startEngineWorker(urls.engine);
  } catch (error) {
    throw new ExploreError('engine', error instanceof Error ? error.message : String(error), error);
  }
  if (!start) throw new ExploreError('no-wasm');
  const { worker, mainModule } = start;
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  const conn = await Promise.race([
    (async () => {
      try {
        await db.instantiate(mainModule);
      } catch (error) {
        throw new ExploreError('engine', error instanceof Error ? error.message : String(error), error);
      }
      performance.mark('explore:instantiated');
      await db.open({ query: { castBigIntToDouble: true } });
      return db.connect();
    })(),
    workerFailure(start),
    timeout(START_TIMEOUT_MS),
  ]);
  performance.mark('explore:engine');
  const browserDb = new BrowserDb(conn, urls, await slices);
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

/**
 * The engine with the standings of `scope` (the page's department), and meta.json, which says
 * which files hold them: fetched and started side by side.
 */
export async function startExplorer(
  urls: EngineUrls,
  scope: string,
  early: EngineWorker | null = null,
): Promise<Explorer> {
  const meta = fetchBytes(`${urls.shared}meta.json`).then(
    (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as Meta,
  );
  meta.catch(() => undefined);
  const db = await startEngine(
    urls,
    meta.then((m) => slicesOf(m, scope)),
    early,
  );
  return { db, meta: await meta };
}
