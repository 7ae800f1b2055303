// The steps every command shares: open DuckDB, ingest the data folder, refuse rejected rows.
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { readScheme, type Scheme } from './config/scheme.ts';
import { ConfigError, RejectedRowsError } from './errors.ts';
import { formatCheckReport, type IngestResult, ingest } from './ingest/index.ts';
import { duckdbSettings } from './ingest/limits.ts';

export interface Ingested {
  conn: DuckDBConnection;
  scheme: Scheme;
  result: IngestResult;
  close: () => void;
}

/** Resolves a folder given on the command line (relative to where the CLI runs) and checks it exists. */
export async function resolveDataDir(dir: string): Promise<string> {
  const path = resolve(dir);
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) {
    throw new ConfigError(
      `数据文件夹不存在：${path}\n请用 --data 指定含 scheme.yaml、departments.csv、members.csv 和 exports/ 的文件夹。`,
    );
  }
  return path;
}

export async function openIngested(dataDir: string): Promise<Ingested> {
  const scheme = await readScheme(join(dataDir, 'scheme.yaml'));
  // Bounded memory whatever the size of the exports (docs/ingest.md, "Limits").
  const instance = await DuckDBInstance.create(':memory:', await duckdbSettings());
  const conn = await instance.connect();
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    conn.closeSync();
    instance.closeSync();
  };
  try {
    // With the instance, ingest reads two files at once on extra connections.
    return { conn, scheme, result: await ingest(conn, dataDir, { instance, scheme }), close };
  } catch (error) {
    close();
    throw error;
  }
}

/** SPEC §1.4: `data` and `build` publish nothing while rows are rejected, unless allowed. */
export function refuseRejects(result: IngestResult, allowRejects: boolean): void {
  if (result.totals.rejected === 0) return;
  if (allowRejects) {
    console.error(`注意：${result.totals.rejected} 行被拒绝，未计入结果（--allow-rejects）。`);
    return;
  }
  throw new RejectedRowsError(
    `${formatCheckReport(result)}\n\n有 ${result.totals.rejected} 行被拒绝，未生成任何输出，原有输出保持不变。` +
      '\n请修正上述行后重试，或加 --allow-rejects 在不计这些行的情况下生成。',
  );
}
