// Reading a small CSV table (the roster, the tree) into rows keyed by field, with header
// aliases matched as in exports: case-insensitively, in English or Chinese.
import { type CsvRecord, detectDelimiter, firstLine, isBlankRecord, parseCsv } from './csv.ts';

/** How a header cell is compared: NFKC (full-width letters), lower case, no spaces, _ or -. */
export function headerKey(cell: string): string {
  return cell
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

export interface ColumnSpec {
  field: string;
  aliases: readonly string[];
  required: boolean;
}

export interface TableRow {
  row: number;
  /** Trimmed values by field; absent columns are missing from the record. */
  values: Record<string, string>;
}

export interface Table {
  rows: TableRow[];
  /** The header text of each field's column, as the file writes it. */
  headers: Record<string, string>;
  problems: string[];
}

/** Parses a decoded table; problems are `file:row: column: 原因` lines. */
export function readTable(text: string, fileLabel: string, specs: readonly ColumnSpec[]): Table {
  const problems: string[] = [];
  const headers: Record<string, string> = {};
  if (text.trim() === '') return { rows: [], headers, problems: [`${fileLabel}: 文件为空；第 1 行应为表头`] };
  const records = parseCsv(text, detectDelimiter(firstLine(text)));
  const [head, ...body] = records as [CsvRecord, ...CsvRecord[]];
  const lookup = new Map<string, ColumnSpec>();
  for (const spec of specs)
    for (const name of [spec.field, ...spec.aliases]) lookup.set(headerKey(name), spec);
  const index = new Map<string, number>();
  head.fields.forEach((cell, i) => {
    const spec = lookup.get(headerKey(cell));
    if (spec && !index.has(spec.field)) {
      index.set(spec.field, i);
      headers[spec.field] = cell.trim();
    }
  });
  for (const spec of specs) {
    if (spec.required && !index.has(spec.field)) {
      const also = spec.aliases.length > 0 ? `（也可写作 ${spec.aliases.join('、')}）` : '';
      problems.push(`${fileLabel}: 缺少 ${spec.field} 列${also}；第 1 行表头现有：${head.fields.join(', ')}`);
    }
  }
  if (problems.length > 0) return { rows: [], headers, problems };
  const width = head.fields.length;
  const rows: TableRow[] = [];
  for (const record of body) {
    if (isBlankRecord(record.fields)) continue;
    if (record.problem) {
      problems.push(`${fileLabel}:${record.row}: ${record.problem}`);
      continue;
    }
    const extra = record.fields.slice(width);
    if (record.fields.length < width || extra.some((f) => f.trim() !== '')) {
      problems.push(
        `${fileLabel}:${record.row}: 该行有 ${record.fields.length} 列，表头有 ${width} 列；请检查多余或缺少的逗号`,
      );
      continue;
    }
    const values: Record<string, string> = {};
    for (const [field, i] of index) values[field] = (record.fields[i] ?? '').trim();
    rows.push({ row: record.row, values });
  }
  return { rows, headers, problems };
}

/** Problem lines in row order (whole-file lines first), at most `limit`, then a count of the rest. */
export function capProblems(lines: readonly string[], limit = 50): string {
  const row = (line: string) => Number(/^[^:]*:(\d+):/.exec(line)?.[1] ?? 0);
  const sorted = lines
    .map((line, i) => ({ line, i, row: row(line) }))
    .sort((a, b) => a.row - b.row || a.i - b.i);
  const shown = sorted.slice(0, limit).map((x) => x.line);
  if (lines.length > limit) shown.push(`…以及另外 ${lines.length - limit} 处问题`);
  return shown.join('\n');
}
