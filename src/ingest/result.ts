// The IngestResult, read back from the tables ingest leaves: per-file counts, the problems
// (capped per code), warnings and totals.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { IngestOptions } from './ingest.ts';
import type { Loaded } from './load.ts';
import type {
  FileSummary,
  IngestResult,
  IngestWarning,
  Problem,
  ReasonCode,
  RowStatus,
  WarningCode,
} from './types.ts';

type Row = Record<string, string | number | boolean | null>;

async function rows(conn: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Row[];
}

const num = (v: unknown) => Number(v ?? 0);
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

export async function collect(
  conn: DuckDBConnection,
  loaded: readonly Loaded[],
  options: IngestOptions,
): Promise<IngestResult> {
  const maxProblems = options.maxProblemsPerCode ?? 1000;
  const maxWarnings = options.maxWarningsPerCode ?? 1000;
  const counts = await rows(conn, 'SELECT * FROM ingest_summary ORDER BY file_idx');
  const files: FileSummary[] = loaded.map((l, i) => {
    const c = counts[i] ?? {};
    const { warnings: _w, columns: _c, ...info } = l;
    return {
      ...info,
      read: num(c['read']),
      accepted: num(c['accepted']),
      pending: num(c['pending']),
      duplicate: num(c['duplicate']),
      rejected: num(c['rejected']),
    };
  });
  const problems: Problem[] = (
    await rows(
      conn,
      `SELECT file, row, column_name, status, code, message, member_id, month FROM ingest_issues
       QUALIFY row_number() OVER (PARTITION BY code ORDER BY file_idx, row) <= ${maxProblems}
       ORDER BY file_idx, row NULLS FIRST, code`,
    )
  ).map((r) => ({
    file: String(r['file']),
    row: r['row'] === null ? null : num(r['row']),
    column: text(r['column_name']),
    status: r['status'] as RowStatus,
    code: r['code'] as ReasonCode,
    message: String(r['message']),
    memberId: text(r['member_id']),
    month: text(r['month']),
  }));
  const problemCounts: Partial<Record<ReasonCode, number>> = {};
  for (const r of await rows(conn, 'SELECT code, count(*) AS n FROM ingest_problems GROUP BY code')) {
    problemCounts[r['code'] as ReasonCode] = num(r['n']);
  }
  const warnings: IngestWarning[] = loaded.flatMap((l) => l.warnings);
  const warningCounts: Partial<Record<WarningCode, number>> = {};
  for (const w of warnings) warningCounts[w.code] = (warningCounts[w.code] ?? 0) + 1;
  const mismatches = await rows(
    conn,
    `SELECT f.file, r.row, coalesce(c.header, '姓名') AS header, ingest_shown(r.name_given) AS name_given,
       m.name AS roster_name, m.member_id,
       count(*) OVER () AS total
     FROM ingest_rows r
     JOIN ingest_files f USING (file_idx)
     JOIN members m ON m.member_id::ingest_member = r.member
     LEFT JOIN ingest_columns c ON c.file_idx = r.file_idx AND c.field = 'name'
     WHERE r.name_given IS NOT NULL AND r.raw IS NULL
     ORDER BY r.file_idx, r.row
     LIMIT ${maxWarnings}`,
  );
  for (const r of mismatches) {
    warnings.push({
      file: String(r['file']),
      row: num(r['row']),
      column: text(r['header']),
      code: 'name_mismatch',
      message: `“${r['name_given']}”与花名册中 ${r['member_id']} 的姓名“${r['roster_name']}”不一致；仍按党员编号计分，请核对`,
    });
  }
  if (mismatches.length > 0) warningCounts.name_mismatch = num(mismatches[0]?.['total']);
  const totals = { files: files.length, read: 0, accepted: 0, pending: 0, duplicate: 0, rejected: 0 };
  for (const f of files) {
    totals.read += f.read;
    totals.accepted += f.accepted;
    totals.pending += f.pending;
    totals.duplicate += f.duplicate;
    totals.rejected += f.rejected;
  }
  return { files, problems, problemCounts, warnings, warningCounts, totals };
}
