// The JavaScript path for a file DuckDB's strict reader refuses (ragged rows, stray quotes) or
// whose row numbers it would shift (blank lines): stream it through the forgiving CSV reader
// and append every row, malformed ones marked, to a table shaped like read_csv's output plus
// `row` and `bad`. Slower than DuckDB, but exact, and only for that file.
import { open } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { type CsvRecord, CsvTokenizer, type Delimiter, isBlankRecord } from '../config/csv.ts';

export const FALLBACK_TABLE = 'ingest_fallback';

/** Why a row does not fit the header, or null. Extra empty cells at the end are harmless. */
export function rowProblem(record: CsvRecord, width: number): string | null {
  if (record.problem) return record.problem;
  const n = record.fields.length;
  if (n < width || record.fields.slice(width).some((f) => f.trim() !== '')) {
    return `该行有 ${n} 列，表头有 ${width} 列；请检查多余或缺少的分隔符`;
  }
  return null;
}

/**
 * Loads a UTF-8 file into FALLBACK_TABLE (replacing it). Returns false when the file turns
 * out not to be valid UTF-8 (the caller then tries GB18030).
 */
export async function loadFallback(
  conn: DuckDBConnection,
  path: string,
  delimiter: Delimiter,
  width: number,
): Promise<boolean> {
  const columns = Array.from({ length: width }, (_, i) => `c${i} VARCHAR`).join(', ');
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${FALLBACK_TABLE} (row INTEGER, bad VARCHAR, ${columns})`);
  const appender = await conn.createAppender(FALLBACK_TABLE, 'main', 'temp');
  let header = true;
  const tokenizer = new CsvTokenizer(delimiter, (record) => {
    if (header) {
      header = false;
      return;
    }
    if (record.problem === null && isBlankRecord(record.fields)) return;
    const problem = rowProblem(record, width);
    appender.appendInteger(record.row);
    if (problem === null) appender.appendNull();
    else appender.appendVarchar(problem);
    for (let i = 0; i < width; i++) {
      const value = record.fields[i];
      if (value === undefined || value === '') appender.appendNull();
      else appender.appendVarchar(value);
    }
    appender.endRow();
  });
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      tokenizer.push(decoder.decode(buf.subarray(0, bytesRead), { stream: true }));
    }
    tokenizer.push(decoder.decode());
    tokenizer.end();
    appender.closeSync();
    return true;
  } catch (error) {
    appender.closeSync();
    if (
      error instanceof TypeError &&
      (error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA'
    ) {
      await conn.run(`DELETE FROM ${FALLBACK_TABLE}`);
      return false;
    }
    throw error;
  } finally {
    await fh.close();
  }
}
