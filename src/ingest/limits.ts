// The bounds that keep a run's memory flat whatever the size of the exports (docs/ingest.md,
// "Limits"): DuckDB works within a memory limit and spills the rest to a temporary folder of
// its own; JavaScript only ever holds a chunk of a file, and at most MAX_RECORD_CHARS of one row.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { removeOrphans } from '../atomic.ts';
import { UserError } from '../errors.ts';

/**
 * DuckDB's working memory for a whole run. The analytics need it as the organisation grows: a
 * 50,000-member, 24-month set needs about 1 GB (at 512 MB its ranking query cannot spill and
 * fails). DuckDB's own default is 80 % of the machine's memory. LIANGBANG_MEMORY_LIMIT changes it.
 */
export const MEMORY_LIMIT = '1GB';

/**
 * DuckDB's working memory while the exports are read (ingest()), the step whose memory would
 * otherwise grow with their size: past it, the rows spill to disk. Measured: `check` of a 1 GB
 * export peaks at ~0.5 GB RSS with it, at 3.6 GB with DuckDB's default; reading is no slower.
 */
export const INGEST_MEMORY_LIMIT = '256MB';

const SPILL_PREFIX = 'liangbang-duckdb-';

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** Bytes of a DuckDB memory size (`1GB`, `953.6 MiB`), or null. Pure. */
export function parseMemorySize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)\s*$/i.exec(text);
  const unit = m ? UNITS[(m[2] as string).toLowerCase()] : undefined;
  return m && unit !== undefined ? Number(m[1]) * unit : null;
}

/** MEMORY_LIMIT, or LIANGBANG_MEMORY_LIMIT when set (a usage error when it is not a size). */
export function memoryLimit(): string {
  const text = process.env['LIANGBANG_MEMORY_LIMIT'];
  if (text === undefined || text === '') return MEMORY_LIMIT;
  const bytes = parseMemorySize(text);
  if (bytes === null || bytes < 64e6)
    throw new UserError(
      `环境变量 LIANGBANG_MEMORY_LIMIT 应为不小于 64MB 的内存大小，如 2GB、4GB，实际是“${text}”。`,
      2,
    );
  return text.trim();
}

/**
 * The settings for a DuckDB instance that ingests exports: the memory limit, and a spill folder
 * for this process alone (DuckDB names its spill files the same in every process, so two runs
 * sharing one folder would overwrite each other's). Spill folders of killed runs are removed.
 */
export async function duckdbSettings(): Promise<Record<string, string>> {
  const parent = tmpdir();
  await removeOrphans(parent, new RegExp(`^${SPILL_PREFIX}(\\d+)$`));
  return { memory_limit: memoryLimit(), temp_directory: join(parent, `${SPILL_PREFIX}${process.pid}`) };
}

/**
 * Lowers `conn`'s instance to INGEST_MEMORY_LIMIT (never raises it) and returns what puts the
 * previous limit back. The limit is the instance's: ingest runs alone on it.
 */
export async function withIngestMemory(conn: DuckDBConnection): Promise<() => Promise<void>> {
  const reader = await conn.runAndReadAll("SELECT current_setting('memory_limit') AS v");
  const before = String(reader.getRowObjectsJson()[0]?.['v'] ?? '');
  const bytes = parseMemorySize(before);
  if (bytes === null || bytes <= (parseMemorySize(INGEST_MEMORY_LIMIT) as number)) return async () => {};
  await conn.run(`SET memory_limit = '${INGEST_MEMORY_LIMIT}'`);
  return async () => {
    await conn.run(`SET memory_limit = '${before}'`);
  };
}

/** DuckDB's out-of-memory error: an operator that cannot spill, past the limit. */
export function isOutOfMemory(error: unknown): error is Error {
  return error instanceof Error && /Out of Memory Error/i.test(error.message);
}

/** DuckDB's out-of-memory error as a person can act on it; any other error as it is. */
export function explainOutOfMemory(error: unknown): unknown {
  if (!isOutOfMemory(error)) return error;
  return new UserError(
    `内存不足：这些数据所需的内存超过了上限 ${memoryLimit()}。` +
      '请在内存更大的电脑上运行，或设置环境变量 LIANGBANG_MEMORY_LIMIT（如 LIANGBANG_MEMORY_LIMIT=4GB）后重试。',
    3,
  );
}
