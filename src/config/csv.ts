// A small, forgiving CSV reader for the roster, the tree and the ingest fallback path
// (files DuckDB's strict reader refuses). Rows are numbered as a spreadsheet shows them: the
// header is row 1, a blank line is a row too, and a quoted field spanning lines is one row.
// Malformed rows are reported with their row and the reader carries on, so nothing is lost:
// a quote that never closes (or closes in the wrong place after spanning lines) spoils only
// the row it opens in, and reading resumes on the next line. A row is held in memory while it
// is read, so one longer than MAX_RECORD_CHARS (a file with no line breaks, a quote that never
// closes in a huge file) is reported as malformed and skipped, instead of exhausting memory.

export type Delimiter = ',' | '\t';

export interface CsvRecord {
  /** Spreadsheet row: the header is row 1. */
  row: number;
  fields: string[];
  /** Why the row is malformed (Chinese), or null. */
  problem: string | null;
}

/**
 * The longest row read: 10 million characters, ten times the longest note anyone writes and far
 * below what a JavaScript string can hold (about 500 million).
 */
export const MAX_RECORD_CHARS = 10_000_000;

/** Why a row past MAX_RECORD_CHARS is not read. */
export const TOO_LONG_PROBLEM = '该行超过 1000 万个字符，过长无法读取；请检查是否缺少换行，或有未闭合的引号';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const St = {
  fieldStart: 0,
  unquoted: 1,
  quoted: 2,
  /** Just read a quote inside a quoted field: an escaped quote, the closing quote, or an error. */
  quoteInQuoted: 3,
  /** After a closing quote: only a delimiter or a line break may follow. */
  afterClose: 4,
  /** The rest of a row too long to read, up to its line break, is passed over. */
  skipping: 5,
} as const;
type State = (typeof St)[keyof typeof St];

/**
 * Streaming tokenizer: `push` text chunks, then `end`; `onRecord` receives each record in
 * order. A chunk may end anywhere (inside a field, between CR and LF).
 */
export class CsvTokenizer {
  readonly #delim: number;
  readonly #onRecord: (record: CsvRecord) => void;
  #buf = '';
  /** Next index of #buf to read. */
  #i = 0;
  #state: State = St.fieldStart;
  #fields: string[] = [];
  #field = '';
  /** Start of the current unquoted run in #buf (when state is unquoted). */
  #runStart = 0;
  #row = 1;
  #problem: string | null = null;
  /** Where the current record began in #buf, and the current quoted field's opening quote. */
  #recordStart = 0;
  #quoteOpen = -1;
  #quoteSpansLines = false;

  readonly #maxRecord: number;

  constructor(
    delimiter: Delimiter,
    onRecord: (record: CsvRecord) => void,
    maxRecordChars: number = MAX_RECORD_CHARS,
  ) {
    this.#delim = delimiter.charCodeAt(0);
    this.#onRecord = onRecord;
    this.#maxRecord = maxRecordChars;
  }

  push(text: string): void {
    this.#buf = this.#buf.slice(this.#recordStart) + text;
    this.#i -= this.#recordStart;
    this.#runStart -= this.#recordStart;
    if (this.#quoteOpen >= 0) this.#quoteOpen -= this.#recordStart;
    this.#recordStart = 0;
    this.#scan(false);
    this.#bound(false);
  }

  end(): void {
    this.#scan(true);
    this.#bound(true);
    if (this.#state === St.skipping) return; // its row was reported when it grew too long
    while (this.#state === St.quoted) {
      this.#recover('引号未闭合：这一行开始的引号直到文件末尾都没有结束');
      this.#scan(true);
    }
    if (this.#state === St.unquoted) this.#field += this.#buf.slice(this.#runStart, this.#i);
    // A last line without a line break, or a file ending right after a closing quote.
    if (this.#state !== St.fieldStart || this.#fields.length > 0) {
      this.#fields.push(this.#field);
      this.#emit();
    }
  }

  #emit(): void {
    this.#onRecord({ row: this.#row, fields: this.#fields, problem: this.#problem });
    this.#row++;
    this.#fields = [];
    this.#field = '';
    this.#problem = null;
    this.#state = St.fieldStart;
    this.#recordStart = this.#i;
    this.#quoteOpen = -1;
    this.#quoteSpansLines = false;
  }

  /**
   * A quote that spanned lines did not close properly: the record is the text up to the end of
   * the line the quote opened on, and reading resumes on the next line.
   */
  #recover(problem: string): void {
    const lineEnd = this.#lineBreakAfter(this.#quoteOpen);
    const rest = lineEnd < 0 ? this.#buf.length : lineEnd;
    this.#fields.push(this.#buf.slice(this.#quoteOpen + 1, rest));
    this.#problem = problem;
    this.#i = lineEnd < 0 ? this.#buf.length : this.#skipLineBreak(lineEnd);
    this.#emit();
  }

  /**
   * Checked after each chunk: a row read past #maxRecord is reported as malformed, without its
   * fields. Reading resumes at the row's first line break (inside a quoted field, as after a
   * quote that never closes), or, when it has none yet, after the next one.
   */
  #bound(final: boolean): void {
    while (this.#state !== St.skipping && this.#i - this.#recordStart > this.#maxRecord) {
      const lineEnd = this.#lineBreakAfter(this.#recordStart - 1);
      this.#fields = [];
      this.#field = '';
      this.#problem = TOO_LONG_PROBLEM;
      this.#i = lineEnd < 0 ? this.#buf.length : lineEnd;
      this.#emit();
      this.#state = St.skipping;
      this.#scan(final);
    }
  }

  #lineBreakAfter(pos: number): number {
    for (let j = pos + 1; j < this.#buf.length; j++) {
      const c = this.#buf.charCodeAt(j);
      if (c === LF || c === CR) return j;
    }
    return -1;
  }

  #skipLineBreak(pos: number): number {
    return this.#buf.charCodeAt(pos) === CR && this.#buf.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
  }

  #scan(final: boolean): void {
    const buf = this.#buf;
    const n = buf.length;
    const delim = this.#delim;
    let i = this.#i;
    while (i < n) {
      const c = buf.charCodeAt(i);
      switch (this.#state) {
        case St.fieldStart:
          if (c === QUOTE) {
            this.#state = St.quoted;
            this.#quoteOpen = i;
            this.#field = '';
            this.#runStart = i + 1;
            i++;
            continue;
          }
          this.#state = St.unquoted;
          this.#runStart = i;
          continue; // re-read c as part of an unquoted field
        case St.unquoted:
          if (c === delim) {
            this.#fields.push(this.#field + buf.slice(this.#runStart, i));
            this.#field = '';
            this.#state = St.fieldStart;
            i++;
            continue;
          }
          if (c === LF || c === CR) {
            if (c === CR && i + 1 === n && !final) {
              this.#i = i;
              return; // wait for a possible LF
            }
            this.#fields.push(this.#field + buf.slice(this.#runStart, i));
            i = c === CR && buf.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
            this.#i = i;
            this.#emit();
            continue;
          }
          i++; // a stray quote inside an unquoted field is kept as text, as a spreadsheet does
          continue;
        case St.quoted:
          if (c === QUOTE) {
            this.#field += buf.slice(this.#runStart, i);
            this.#state = St.quoteInQuoted;
          } else if (c === LF || c === CR) {
            this.#quoteSpansLines = true;
          }
          i++;
          continue;
        case St.quoteInQuoted:
          if (c === QUOTE) {
            this.#field += '"';
            this.#state = St.quoted;
            this.#runStart = i + 1;
            i++;
            continue;
          }
          this.#state = St.afterClose;
          continue;
        case St.afterClose:
          if (c === delim) {
            this.#fields.push(this.#field);
            this.#field = '';
            this.#state = St.fieldStart;
            i++;
            continue;
          }
          if (c === LF || c === CR) {
            if (c === CR && i + 1 === n && !final) {
              this.#i = i;
              return;
            }
            this.#fields.push(this.#field);
            i = c === CR && buf.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
            this.#i = i;
            this.#emit();
            continue;
          }
          if (this.#quoteSpansLines) {
            this.#i = i;
            this.#recover('引号不匹配：引号跨行后没有正确结束');
            i = this.#i;
            continue;
          }
          // "abc"def on one line: keep the text, mark the row.
          this.#problem ??= '引号位置不对：引号结束后紧跟着其他字符';
          this.#field += '"';
          this.#state = St.unquoted;
          this.#runStart = i;
          continue;
        case St.skipping: {
          const lf = buf.indexOf('\n', i);
          const cr = buf.indexOf('\r', i);
          const at = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
          if (at < 0) {
            // None of the row is kept: the next chunk is read from its start.
            i = n;
            this.#recordStart = n;
            continue;
          }
          if (at + 1 === n && !final && buf.charCodeAt(at) === CR) {
            this.#recordStart = at;
            this.#i = at;
            return; // wait for a possible LF
          }
          i = this.#skipLineBreak(at);
          this.#recordStart = i;
          this.#state = St.fieldStart;
          continue;
        }
      }
    }
    this.#i = i;
  }
}

/** Reads a whole text (no BOM) into records. */
export function parseCsv(text: string, delimiter: Delimiter): CsvRecord[] {
  const records: CsvRecord[] = [];
  const tokenizer = new CsvTokenizer(delimiter, (r) => records.push(r));
  tokenizer.push(text);
  tokenizer.end();
  return records;
}

/** A blank line (or a line of empty cells) is a row a spreadsheet shows, but holds no data. */
export function isBlankRecord(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

/**
 * Comma or tab, from the header line: whichever occurs more often outside quotes
 * (a one-column header is comma-separated).
 */
export function detectDelimiter(headerLine: string): Delimiter {
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === '\t') tabs++;
  }
  return tabs > commas ? '\t' : ',';
}

/** The first line of a text (up to a line break outside quotes), without the BOM. */
export function firstLine(text: string): string {
  let quoted = false;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) return text.slice(start, i);
  }
  return text.slice(start);
}
