// Builds a data folder for an ingest case: the shared scheme, tree and roster of
// test/fixtures/ingest/_base, the case folder's files over them, then any files the test
// writes itself (binary ones such as GBK). Runs ingest on a fresh in-memory DuckDB.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import iconv from 'iconv-lite';
import { afterAll } from 'vitest';
import { type IngestResult, ingest } from '../../src/ingest/index.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'ingest');
const made: string[] = [];

afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

export type Files = Record<string, string | Uint8Array>;

/** A data folder: `_base`, then `fixtures/ingest/<fixture>` if given, then `files`. */
export async function dataDir(fixture: string | null, files: Files = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'liangbang-ingest-test-'));
  made.push(dir);
  await cp(join(FIXTURES, '_base'), dir, { recursive: true });
  if (fixture) await cp(join(FIXTURES, fixture), dir, { recursive: true });
  await mkdir(join(dir, 'exports'), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

/** Real GBK bytes, as Excel saves a CSV in a Chinese locale. */
export function gbk(text: string): Uint8Array {
  return iconv.encode(text, 'gbk');
}

export interface Ingested {
  result: IngestResult;
  conn: DuckDBConnection;
  rows: (sql: string) => Promise<Record<string, unknown>[]>;
}

const open: { close: () => void }[] = [];
afterAll(() => {
  for (const o of open) o.close();
});

/** Ingests on a fresh in-memory DuckDB; `parallel` gives ingest the instance (several files at once). */
export async function runIngest(dir: string, parallel = true): Promise<Ingested> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  open.push({
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  });
  const result = await ingest(conn, dir, parallel ? { instance } : {});
  const rows = async (sql: string) =>
    (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  return { result, conn, rows };
}

/** Ingests a data folder made of `_base`, a fixture and files. */
export async function ingestCase(fixture: string | null, files: Files = {}): Promise<Ingested> {
  return runIngest(await dataDir(fixture, files));
}

/** `file:row` of each problem with the given code, in order. */
export function where(result: IngestResult, code: string): string[] {
  return result.problems.filter((p) => p.code === code).map((p) => `${p.file}:${p.row}`);
}

/** A file's counts as `read/accepted/pending/duplicate/rejected`. */
export function counts(result: IngestResult, file: string): string {
  const f = result.files.find((x) => x.file === file);
  if (!f) throw new Error(`no summary for ${file}`);
  return `${f.read}/${f.accepted}/${f.pending}/${f.duplicate}/${f.rejected}`;
}
