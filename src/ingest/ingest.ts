// ingest(conn, dataDir): the data folder into the DuckDB contract tables of
// docs/architecture.md, deciding the state of every export row (SPEC §1.4).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { readRoster } from '../config/roster.ts';
import { readScheme, type Scheme } from '../config/scheme.ts';
import { insertRows, loadRoster, loadScheme } from './contract.ts';
import { FIELD_LABELS, FIELDS } from './header.ts';
import { withIngestMemory } from './limits.ts';
import { type ExportFile, hasColumn, type Loaded, loadFile, vetoLiteral } from './load.ts';
import { monthForms } from './months.ts';
import { collect } from './result.ts';
import { fill, literal, sqlFile } from './sql.ts';
import type { IngestResult } from './types.ts';

export interface IngestOptions {
  /** Non-accepted rows listed per reason code in the result (all are in ingest_report). Default 1000. */
  maxProblemsPerCode?: number;
  /** Name mismatches listed in the result. Default 1000. */
  maxWarningsPerCode?: number;
  /**
   * The instance `conn` belongs to: with it, ingest reads several files at once, one per extra
   * connection (DuckDB numbers a file's rows on one thread). Without it, files are read in turn.
   */
  instance?: DuckDBInstance;
  /** The scheme, when the caller has read it already (the CLI needs it after ingest too). */
  scheme?: Scheme;
  /** Called after each step with the milliseconds since ingest began (bench/ingest.ts). */
  onStep?: (step: string, elapsedMs: number) => void;
}

/** `exports/*.csv` in name order, skipping hidden files and Excel's `~$` lock files. */
async function listExports(dataDir: string): Promise<ExportFile[]> {
  const dir = join(dataDir, 'exports');
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter(
      (e) => e.isFile() && /\.csv$/i.test(e.name) && !e.name.startsWith('.') && !e.name.startsWith('~$'),
    )
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name, idx) => ({ idx, file: `exports/${name}`, path: join(dir, name) }));
}

async function prepare(conn: DuckDBConnection, scheme: Scheme): Promise<void> {
  const list = (values: readonly string[]) => [...new Set(values)].map(literal).join(', ');
  await conn.run(
    fill(sqlFile('setup'), {
      items: list(scheme.items.map((i) => i.code)),
      categories: list(scheme.categories.map((c) => c.id)),
      statuses: list(scheme.approvedStatuses),
      months: monthForms().map(literal).join(', '),
    }),
  );
  await conn.run(`
    CREATE OR REPLACE TABLE ingest_files (file_idx INTEGER, file VARCHAR, has_status BOOLEAN, wide BOOLEAN);
    CREATE OR REPLACE TABLE ingest_columns (file_idx INTEGER, field VARCHAR, header VARCHAR);
    CREATE OR REPLACE TEMP TABLE ingest_field_labels (field VARCHAR, label VARCHAR);
    CREATE OR REPLACE TEMP TABLE ingest_statuses (key VARCHAR);
  `);
  await insertRows(
    conn,
    'ingest_field_labels',
    FIELDS.map((field) => [field, FIELD_LABELS[field]]),
  );
  await insertRows(
    conn,
    'ingest_statuses',
    [...new Set(scheme.approvedStatuses.map((s) => s.trim().toLowerCase()))].map((status) => [status]),
  );
}

async function any(conn: DuckDBConnection, table: string): Promise<boolean> {
  const reader = await conn.runAndReadAll(`SELECT EXISTS (FROM ${table}) AS x`);
  return reader.getRowObjectsJson()[0]?.['x'] === true;
}

async function withOptimizerDisabled(conn: DuckDBConnection, name: string): Promise<() => Promise<void>> {
  const reader = await conn.runAndReadAll("SELECT current_setting('disabled_optimizers') AS v");
  const before = String(reader.getRowObjectsJson()[0]?.['v'] ?? '');
  const names = new Set(
    before
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
  names.add(name);
  await conn.run(`SET disabled_optimizers = '${[...names].join(',')}'`);
  return async () => {
    await conn.run(`SET disabled_optimizers = '${before}'`);
  };
}

/** setup.sql's macros, dropped at the end. */
const MACROS = [
  'ingest_clean',
  'ingest_shown',
  'ingest_ascii_number',
  'ingest_points_ok',
  'ingest_number_like',
  'ingest_month_fast',
  'ingest_month_of_code',
  'ingest_month_parts',
  'ingest_month_from_parts',
];

/**
 * Loads every file, in turn on `conn`, or, given the instance, on several connections at
 * once. The result is in file order.
 */
async function loadFiles(
  conn: DuckDBConnection,
  instance: DuckDBInstance | undefined,
  files: readonly ExportFile[],
  scheme: Scheme,
  tempDir: string,
): Promise<Loaded[]> {
  const extra = instance ? Math.min(files.length, availableParallelism(), 4) - 1 : 0;
  const conns = [conn];
  for (let i = 0; i < extra; i++) {
    const c = await instance?.connect();
    if (!c) break;
    await c.run("SET disabled_optimizers = 'build_side_probe_side'");
    conns.push(c);
  }
  const loaded: Loaded[] = [];
  let next = 0;
  const work = async (c: DuckDBConnection) => {
    for (let f = files[next++]; f !== undefined; f = files[next++])
      loaded[f.idx] = await loadFile({ conn: c, scheme, tempDir }, f);
  };
  const outcomes = await Promise.allSettled(conns.map(work));
  for (const c of conns.slice(1)) c.closeSync();
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) throw failed.reason;
  return loaded;
}

/** Every file into ingest_files and each one's columns into ingest_columns, in one go. */
async function registerFiles(
  conn: DuckDBConnection,
  files: readonly ExportFile[],
  loaded: readonly Loaded[],
) {
  const of = (f: ExportFile) => loaded[f.idx] as Loaded;
  await insertRows(
    conn,
    'ingest_files',
    files.map((f) => [f.idx, f.file, hasColumn(of(f), 'status'), of(f).form === 'wide']),
  );
  await insertRows(
    conn,
    'ingest_columns',
    files.flatMap((f) => of(f).columns.map(([field, header]) => [f.idx, field, header])),
  );
}

/** Working tables dropped at the end; ingest_rows and ingest_files stay behind accepted_rows. */
const TEMP_TABLES = [
  'ingest_problems',
  'ingest_columns',
  'ingest_field_labels',
  'ingest_statuses',
  'ingest_summary',
  'ingest_unsettled',
  'ingest_repeated',
  'ingest_record_copies',
  'ingest_two_departments',
  'ingest_two_department_names',
  'ingest_dept_keys',
  'ingest_item_codes',
  'ingest_item_names',
  'ingest_category_keys',
];

/**
 * Reads the data folder into the contract tables on `conn`: scheme_*, departments, members,
 * accepted_rows and ingest_report. Throws ConfigError (exit 2) when the scheme, tree or
 * roster is invalid; rejected rows are reported in the result, not thrown. The exports, the
 * one input of unbounded size, are read within INGEST_MEMORY_LIMIT (docs/ingest.md, "Limits");
 * the instance's own limit is back in force when it returns.
 */
export async function ingest(
  conn: DuckDBConnection,
  dataDir: string,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const restoreMemory = await withIngestMemory(conn);
  try {
    return await ingestRows(conn, dataDir, options);
  } finally {
    await restoreMemory();
  }
}

async function ingestRows(
  conn: DuckDBConnection,
  dataDir: string,
  options: IngestOptions,
): Promise<IngestResult> {
  const started = performance.now();
  const step = (name: string) => options.onStep?.(name, performance.now() - started);
  const scheme = options.scheme ?? (await readScheme(join(dataDir, 'scheme.yaml')));
  const roster = await readRoster(dataDir);
  await loadScheme(conn, scheme);
  await loadRoster(conn, roster);
  await prepare(conn, scheme);
  step('config');

  const files = await listExports(dataDir);
  const tempDir = await mkdtemp(join(tmpdir(), 'liangbang-ingest-'));
  const loaded: Loaded[] = [];
  // read_csv tells the optimizer a file holds a few dozen rows, so it would build its hash
  // tables on the export instead of the roster; keep the build side as written.
  const restore = await withOptimizerDisabled(conn, 'build_side_probe_side');
  try {
    loaded.push(...(await loadFiles(conn, options.instance, files, scheme, tempDir)));
    await registerFiles(conn, files, loaded);
    step('files');
    await conn.run(
      fill(sqlFile('resolve'), {
        allow_custom: String(scheme.allowCustomItems),
        veto_id: vetoLiteral(scheme),
      }),
    );
    step('resolve');
    if (loaded.some((l) => hasColumn(l, 'record_id'))) {
      await conn.run(sqlFile('record-ids'));
      if (await any(conn, 'ingest_repeated')) await conn.run(sqlFile('record-copies'));
    }
    step('record ids');
    if (loaded.some((l) => hasColumn(l, 'dept_id'))) {
      await conn.run(sqlFile('two-departments'));
      if (await any(conn, 'ingest_two_departments')) await conn.run(sqlFile('two-departments-mark'));
    }
    step('two departments');
    await conn.run(sqlFile('finish'));
    step('report');
  } finally {
    await restore();
    await rm(tempDir, { recursive: true, force: true });
  }

  const result = await collect(conn, loaded, options);
  if (files.length === 0) {
    result.warnings.unshift({
      file: null,
      row: null,
      column: null,
      code: 'no_exports',
      message: '数据文件夹的 exports/ 中没有 .csv 导出文件',
    });
    result.warningCounts.no_exports = 1;
  }
  await conn.run(
    [
      ...TEMP_TABLES.map((t) => `DROP TABLE IF EXISTS ${t};`),
      'DROP VIEW IF EXISTS ingest_issues;',
      ...MACROS.map((m) => `DROP MACRO IF EXISTS ${m};`),
    ].join('\n'),
  );
  step('result');
  return result;
}
