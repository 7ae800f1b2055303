// Node-only: writes what the in-browser drill-down (src/explore/) loads: Arrow IPC slices of the
// SPEC §3 tables and of the items, one folder per department, plus the duckdb-wasm engine files.
// Every shipped file gets a precompressed .gz beside it, the engine also a .br (docs/explore.md).
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { type Column, TABLE_NAMES, TABLES, type TableName, tableFile } from '../explore/tables.ts';
import { slug } from '../site/slug.ts';
import { type ArrowSchema, readTable, sliceToIPC, type TableData } from './explore/arrow.ts';
import { copyPrecompressed, precompress } from './explore/compress.ts';
import {
  ENGINE_FILES,
  ENGINE_WRAPPERS,
  engineCacheDir,
  engineSource,
  wrapperSource,
} from './explore/engine-files.ts';

export interface ExploreOptions {
  /**
   * Write .gz beside every shipped file, and .br beside the engine's (default true). The engine's
   * copies are made once per duckdb-wasm version and cached in node_modules/.cache/liangbang-explore/.
   */
  precompress?: boolean;
}

export interface ExploreSummary {
  /** The duckdb-wasm version whose files ship in `duckdb/<version>/`. */
  engineVersion: string;
  /** Bytes of each engine file as shipped (uncompressed). */
  engineBytes: Record<string, number>;
  /** Per department: bytes of each of its slice's files (uncompressed). */
  sliceBytes: Record<string, Partial<Record<TableName, number>>>;
}

/** Site paths (below the root) of the drill-down's files; the browser builds the same ones. */
export const EXPLORE_DIR = 'explore';
export const ENGINE_DIR = 'duckdb';

const CLEANUP = `
DROP TABLE IF EXISTS temp.explore_slices;
DROP TABLE IF EXISTS temp.explore_standings; DROP TABLE IF EXISTS temp.explore_items;
DROP MACRO IF EXISTS temp.explore_mean;`;

function readQuery(name: string): Promise<string> {
  return readFile(new URL(`./explore/${name}.sql`, import.meta.url), 'utf8');
}

function arrowSchema(table: TableName): ArrowSchema {
  const columns = TABLES[table].columns as Record<string, Column>;
  return Object.fromEntries(Object.entries(columns).map(([name, [kind]]) => [name, kind]));
}

/**
 * The rows of each department (the `_slice` column), in table order: read once per table, so
 * that a slice costs its own rows rather than a pass over the whole table per department.
 */
function rowsByDept(data: TableData): Map<string, number[]> {
  const slice = data.columns._slice;
  const byCode: number[][] = (slice?.dictionary ?? []).map(() => []);
  if (slice) {
    for (let i = 0; i < data.length; i++) if (slice.valid[i]) byCode[slice.values[i] ?? 0]?.push(i);
  }
  return new Map((slice?.dictionary ?? []).map((id, code) => [id, byCode[code] ?? []]));
}

/** The rows of some departments, in table order. */
function sliceRows(byDept: Map<string, number[]>, depts: ReadonlySet<string>): Int32Array {
  const parts = [...depts].map((id) => byDept.get(id) ?? []);
  const rows = new Int32Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    rows.set(part, at);
    at += part.length;
  }
  return parts.length > 1 ? rows.sort() : rows;
}

/**
 * Writes, below `siteDataDir/public/` (copied verbatim to the site root):
 * - `explore/meta.json`: the tree, categories, items and months the filters offer, and the
 *   company's monthly averages;
 * - `explore/<dept>/{standings,category_points,gaps,items,weak_areas}.arrow`: the month rows of
 *   the department's own members, except for the top department, whose files hold the whole
 *   organisation (a 党总支's page loads its own files and those below it);
 * - `duckdb/<version>/`: the eh and mvp engine files, and the workers that start them
 *   (ENGINE_WRAPPERS: they let the browser cache the compiled engine).
 * Reads the SPEC §3 tables and the contract tables on `conn`; leaves nothing behind on it.
 * Names are published as the tables hold them (the audience step, src/audience/, masks them).
 */
export async function writeExploreData(
  conn: DuckDBConnection,
  siteDataDir: string,
  options: ExploreOptions = {},
): Promise<ExploreSummary> {
  const compress = options.precompress ?? true;
  const publicDir = join(siteDataDir, 'public');
  const exploreDir = join(publicDir, EXPLORE_DIR);
  await mkdir(exploreDir, { recursive: true });
  const written: { file: string; data: Uint8Array }[] = [];
  const write = async (file: string, data: Uint8Array) => {
    await writeFile(file, data);
    if (compress) written.push({ file, data });
  };
  // Compress a few files at a time (zlib runs on libuv's thread pool), after each table.
  const flush = async () => {
    for (let i = 0; i < written.length; i += 8) {
      await Promise.all(written.slice(i, i + 8).map(({ file, data }) => precompress(file, data)));
    }
    written.length = 0;
  };
  const sliceBytes: ExploreSummary['sliceBytes'] = {};

  try {
    await conn.run(await readQuery('functions'));
    const meta = (await conn.runAndReadAll(await readQuery('meta'))).getRowObjectsJS()[0]?.doc;
    // The departments whose rows each department's files hold (explore_slices in functions.sql).
    const covers = new Map<string, Set<string>>();
    for (const row of (
      await conn.runAndReadAll('SELECT slice_id, dept_id FROM explore_slices')
    ).getRowObjectsJS()) {
      const slice = String(row.slice_id);
      covers.set(slice, (covers.get(slice) ?? new Set()).add(String(row.dept_id)));
    }
    const depts = [...covers.keys()].sort();
    for (const dept of depts) await mkdir(join(exploreDir, slug(dept)), { recursive: true });
    for (const table of TABLE_NAMES) {
      let data: TableData;
      try {
        data = await readTable(conn, await readQuery(table), arrowSchema(table), ['_slice']);
      } catch (error) {
        throw new Error(`explore query ${table} failed: ${error instanceof Error ? error.message : error}`, {
          cause: error,
        });
      }
      const byDept = rowsByDept(data);
      for (const dept of depts) {
        const ipc = sliceToIPC(data, arrowSchema(table), sliceRows(byDept, covers.get(dept) ?? new Set()));
        sliceBytes[dept] = { ...sliceBytes[dept], [table]: ipc.byteLength };
        await write(join(exploreDir, slug(dept), tableFile(table)), ipc);
      }
      await flush();
    }
    // Last, with the slices' sizes: the panel decides from them what to load ahead.
    const doc = { ...(JSON.parse(String(meta ?? '{}')) as Record<string, unknown>), slices: sliceBytes };
    await write(join(exploreDir, 'meta.json'), new TextEncoder().encode(JSON.stringify(doc)));
    await flush();
  } finally {
    await conn.run(CLEANUP);
  }

  const { dir, version } = await engineSource();
  const engineDir = join(publicDir, ENGINE_DIR, version);
  await mkdir(engineDir, { recursive: true });
  const engineBytes: Record<string, number> = {};
  await Promise.all(
    ENGINE_FILES.map(async (name) => {
      const source = join(dir, name);
      const target = join(engineDir, name);
      if (compress) await copyPrecompressed(source, target, engineCacheDir(version));
      else await copyFile(source, target);
      engineBytes[name] = (await stat(target)).size;
    }),
  );
  for (const [name, files] of Object.entries(ENGINE_WRAPPERS)) {
    const source = wrapperSource(files);
    await writeFile(join(engineDir, name), source);
    engineBytes[name] = Buffer.byteLength(source);
  }
  return { engineVersion: version, engineBytes, sliceBytes };
}
