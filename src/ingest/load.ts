// One export file into ingest_rows. JavaScript sniffs the file (encoding, delimiter, header)
// and looks for blank lines; DuckDB's read_csv parses it and rows.sql decides each row's
// state, set-based. A file read_csv refuses goes through the JavaScript reader instead
// (fallback.ts); a file that is not text, or lacks required columns, is rejected whole.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { CsvTokenizer, type Delimiter, isBlankRecord } from '../config/csv.ts';
import type { Scheme } from '../config/scheme.ts';
import { FALLBACK_TABLE, loadFallback } from './fallback.ts';
import { FIELDS, type Field, type HeaderMapping, type HeaderWarning, mapHeader } from './header.ts';
import { isOutOfMemory } from './limits.ts';
import { type Head, readHead, scanUtf8, transcodeGb18030 } from './scan.ts';
import { fill, literal, sqlFile } from './sql.ts';
import type { FileSummary, IngestWarning, RejectCode } from './types.ts';

export interface ExportFile {
  /** Index in name order: earlier files come first for duplicates. */
  idx: number;
  /** Relative to the data folder. */
  file: string;
  path: string;
}

export interface LoadContext {
  conn: DuckDBConnection;
  scheme: Scheme;
  /** Where GB18030 files are transcoded to. */
  tempDir: string;
}

/** What loading a file found out, besides its rows. */
export type Loaded = Pick<FileSummary, 'file' | 'encoding' | 'bom' | 'delimiter' | 'form' | 'reader'> & {
  warnings: IngestWarning[];
  /** Each field found (`cat:<id>` for a wide-form category column) and its header as written. */
  columns: [field: string, header: string][];
};

/** Whether a loaded file has a column for `field`. */
export const hasColumn = (l: Loaded, field: Field): boolean => l.columns.some(([f]) => f === field);

export function readCsvSource(path: string, delimiter: Delimiter, width: number): string {
  const columns = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return (
    `read_csv(${literal(path)}, header = true, columns = {${columns}}, delim = ${literal(delimiter)}, ` +
    `quote = '"', escape = '"', auto_detect = false, strict_mode = true, null_padding = false, encoding = 'utf-8') ` +
    'WITH ORDINALITY'
  );
}

/** The SQL that puts a file's rows into ingest_rows. */
export function rowsSql(
  ctx: Pick<LoadContext, 'scheme'>,
  fileIdx: number,
  mapping: HeaderMapping,
  source: string,
  reader: 'duckdb' | 'javascript',
): string {
  const width = mapping.headers.length;
  const column = (i: number | undefined) => (i === undefined ? 'NULL::VARCHAR' : `c${i}`);
  const values: Record<string, string> = {
    source,
    row: reader === 'duckdb' ? '(ordinality + 1)::INTEGER' : 'row',
    bad: reader === 'duckdb' ? 'NULL::VARCHAR' : 'bad',
    nonblank:
      (reader === 'duckdb' ? '' : 'bad IS NOT NULL OR ') +
      `coalesce(${Array.from({ length: width }, (_, i) => `c${i}`).join(', ')}) IS NOT NULL`,
    file_idx: String(fileIdx),
    has_status: String(mapping.fields.status !== undefined),
    allow_custom: String(ctx.scheme.allowCustomItems),
    veto_id: vetoLiteral(ctx.scheme),
    wide: String(mapping.form === 'wide'),
    item_category_keys: itemCategoryKeys(ctx.scheme),
    item_is_veto: itemIsVeto(ctx.scheme),
    cells: `[${mapping.categories.map((c) => `{'category_id': ${literal(c.categoryId)}, 'cell': c${c.index}}`).join(', ')}]`,
  };
  for (const field of FIELDS) values[field] = column(mapping.fields[field]);
  const src = fill(sqlFile(mapping.form === 'wide' ? 'src-wide' : 'src-long'), values);
  return fill(sqlFile('rows'), { ...values, src });
}

/** Per catalogue item, in ENUM order: the texts its category may be written as (id or name). */
function itemCategoryKeys(scheme: Scheme): string {
  if (scheme.items.length === 0) return '[]::VARCHAR[][]';
  const names = new Map(scheme.categories.map((c) => [c.id, c.name]));
  return `[${scheme.items.map((i) => `[${literal(i.category)}, ${literal(names.get(i.category) ?? i.category)}]`).join(', ')}]`;
}

/** Per catalogue item, in ENUM order: is it in the veto category? */
function itemIsVeto(scheme: Scheme): string {
  if (scheme.items.length === 0) return '[]::BOOLEAN[]';
  const veto = new Set(scheme.categories.filter((c) => c.veto).map((c) => c.id));
  return `[${scheme.items.map((i) => String(veto.has(i.category))).join(', ')}]`;
}

export function vetoLiteral(scheme: Scheme): string {
  const veto = scheme.categories.find((c) => c.veto);
  return veto ? literal(veto.id) : 'NULL::VARCHAR';
}

/**
 * Passes the row number of each of a file's data rows to `onRow`, for rejecting it whole, as
 * they are read (a large file's row numbers are not held). Read as single bytes: quotes,
 * separators and line breaks are ASCII in UTF-8 and GB18030 alike (UTF-16 is decoded).
 */
async function dataRows(
  path: string,
  delimiter: Delimiter,
  utf16: 'utf-16le' | 'utf-16be' | null,
  onRow: (row: number) => void,
): Promise<void> {
  const tokenizer = new CsvTokenizer(delimiter, (r) => {
    if (r.row > 1 && (r.problem !== null || !isBlankRecord(r.fields))) onRow(r.row);
  });
  const decoder = utf16 ? new TextDecoder(utf16) : null;
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      tokenizer.push(decoder ? decoder.decode(chunk, { stream: true }) : chunk.toString('latin1'));
    }
    if (decoder) tokenizer.push(decoder.decode());
    tokenizer.end();
  } finally {
    await fh.close();
  }
}

/** Rejects every data row of a file for one reason (bad encoding, missing columns). */
async function rejectFile(ctx: LoadContext, f: ExportFile, head: Head, code: RejectCode, message: string) {
  const bom = head.utf16 === 'UTF-16LE' ? 'utf-16le' : head.utf16 === 'UTF-16BE' ? 'utf-16be' : null;
  await ctx.conn.run('CREATE OR REPLACE TEMP TABLE ingest_file_rows (row INTEGER)');
  const appender = await ctx.conn.createAppender('ingest_file_rows', 'main', 'temp');
  try {
    await dataRows(f.path, head.delimiter, bom, (row) => {
      appender.appendInteger(row);
      appender.endRow();
    });
  } finally {
    appender.closeSync();
  }
  await ctx.conn.run(
    'INSERT INTO ingest_rows (file_idx, row, problem) SELECT $1, row, concat($2, chr(31), chr(31), chr(31), $3) FROM ingest_file_rows',
    [f.idx, code, message],
  );
  await ctx.conn.run('DROP TABLE ingest_file_rows');
}

/** Each field the mapping found, and its header as the file writes it. */
function columnsOf(mapping: HeaderMapping): [string, string][] {
  const columns: [string, string][] = [];
  for (const field of FIELDS) {
    const i = mapping.fields[field];
    if (i !== undefined) columns.push([field, mapping.headers[i] as string]);
  }
  for (const c of mapping.categories)
    columns.push([`cat:${c.categoryId}`, mapping.headers[c.index] as string]);
  return columns;
}

function isUnicodeError(error: unknown): boolean {
  return error instanceof Error && /invalid unicode/i.test(error.message);
}

/** Loads one export file; every data row ends in ingest_rows. */
export async function loadFile(ctx: LoadContext, f: ExportFile): Promise<Loaded> {
  const head = await readHead(f.path);
  const loaded: Loaded = {
    file: f.file,
    encoding: null,
    bom: head.bom,
    delimiter: null,
    form: null,
    reader: null,
    warnings: [],
    columns: [],
  };
  const warn = (w: HeaderWarning | { column: null; code: 'empty_file'; message: string }) =>
    loaded.warnings.push({ file: f.file, row: w.column === null ? null : 1, ...w });
  if (head.problem) {
    await rejectFile(ctx, f, head, 'bad_encoding', head.problem);
    return loaded;
  }
  if (head.header === null) {
    warn({
      column: null,
      code: 'empty_file',
      message: head.size === 0 ? '文件为空（0 字节），没有数据' : '文件没有内容',
    });
    return loaded;
  }
  loaded.delimiter = head.delimiter === '\t' ? 'tab' : 'comma';

  // UTF-8 is read in place; anything else is transcoded from GB18030 or rejected.
  let path = f.path;
  let blankLines = false;
  const toUtf8 = async (): Promise<boolean> => {
    path = join(ctx.tempDir, `${f.idx}.csv`);
    const t = await transcodeGb18030(f.path, path);
    if (!t.ok) {
      loaded.encoding = null;
      await rejectFile(ctx, f, head, 'bad_encoding', t.problem);
      return false;
    }
    loaded.encoding = 'gb18030';
    blankLines = t.blankLines;
    return true;
  };
  if (head.utf8) {
    loaded.encoding = 'utf-8';
    blankLines = (await scanUtf8(path)).blankLines;
  } else if (!(await toUtf8())) return loaded;

  const mapped = mapHeader(head.header, ctx.scheme.categories);
  if (!mapped.ok) {
    await rejectFile(ctx, f, head, 'missing_columns', mapped.message);
    return loaded;
  }
  const mapping = mapped.mapping;
  for (const w of mapping.warnings) warn(w);
  loaded.form = mapping.form;
  loaded.columns = columnsOf(mapping);

  const width = mapping.headers.length;
  const viaDuckdb = async (): Promise<'done' | 'unicode' | 'broken'> => {
    if (blankLines) return 'broken';
    try {
      await ctx.conn.run(rowsSql(ctx, f.idx, mapping, readCsvSource(path, head.delimiter, width), 'duckdb'));
      loaded.reader = 'duckdb';
      return 'done';
    } catch (error) {
      // Out of memory is not the file's fault: the JavaScript reader would only hide it.
      if (isOutOfMemory(error)) throw error;
      return isUnicodeError(error) ? 'unicode' : 'broken';
    }
  };
  let outcome = await viaDuckdb();
  if (outcome === 'unicode' && loaded.encoding === 'utf-8') {
    // Invalid UTF-8 past the sniffed start: GB18030 after all, or not text.
    if (!(await toUtf8())) return loaded;
    outcome = await viaDuckdb();
  }
  if (outcome === 'done') return loaded;
  if (!(await loadFallback(ctx.conn, path, head.delimiter, width))) {
    if (loaded.encoding !== 'utf-8') throw new Error(`${path}: transcoded text is not UTF-8`);
    if (!(await toUtf8())) return loaded;
    if (!(await loadFallback(ctx.conn, path, head.delimiter, width)))
      throw new Error(`${path}: transcoded text is not UTF-8`);
  }
  await ctx.conn.run(rowsSql(ctx, f.idx, mapping, FALLBACK_TABLE, 'javascript'));
  await ctx.conn.run(`DROP TABLE ${FALLBACK_TABLE}`);
  loaded.reader = 'javascript';
  return loaded;
}
