/**
 * How the demo files are written: CSV quoting, the export file formats (UTF-8 with or without
 * BOM, or GB18030 with Chinese headers and CRLF as Excel saves it), and the text of each row.
 */
import { CATEGORY_NAMES, type ItemDef } from './catalogue.ts';
import { compactMonth, isoMonth, type Month, zhMonth } from './month.ts';
import type { Department } from './org.ts';
import type { DemoPlan } from './plan.ts';
import type { DemoRow } from './rows.ts';

/** RFC 4180: quoted only when the field holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(fields: readonly string[], eol = '\n'): string {
  return fields.map(csvField).join(',') + eol;
}

/** Export columns in file order: English header, Chinese header. */
export const EXPORT_COLUMNS = [
  ['member_id', '党员编号'],
  ['name', '姓名'],
  ['month', '月份'],
  ['item_code', '项目编码'],
  ['item', '积分项目'],
  ['category', '积分类别'],
  ['points', '分值'],
  ['status', '审核状态'],
  ['record_id', '记录编号'],
  ['note', '备注'],
  ['dept_id', '支部编号'],
] as const;

export const STATUS = { approved: '已审定', pending: '待审核' } as const;

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface ExportFormat {
  readonly encoding: 'utf8' | 'gb18030';
  readonly bom: boolean;
  readonly eol: '\n' | '\r\n';
  /** Chinese headers, `2026年3月` months and category names; otherwise English headers, `2026-03`, category ids. */
  readonly chinese: boolean;
}

/**
 * Month index 0, 3, 6…: UTF-8 with BOM and CRLF (Excel's "CSV UTF-8"); 1, 4, 7…: UTF-8 without
 * BOM, LF; 2, 5, 8…: GB18030, Chinese headers, CRLF (Excel's plain "CSV" in a Chinese locale).
 */
export function exportFormat(monthIndex: number): ExportFormat {
  switch (monthIndex % 3) {
    case 0:
      return { encoding: 'utf8', bom: true, eol: '\r\n', chinese: false };
    case 1:
      return { encoding: 'utf8', bom: false, eol: '\n', chinese: false };
    default:
      return { encoding: 'gb18030', bom: false, eol: '\r\n', chinese: true };
  }
}

export function exportHeader(format: ExportFormat): string {
  return EXPORT_COLUMNS.map(([en, zh]) => (format.chinese ? zh : en)).join(',') + format.eol;
}

/** `5`, `2.5`, `-2` (never `-0`). */
export function formatPoints(points: number): string {
  return points === 0 ? '0' : String(points);
}

/**
 * Collects bytes into a fixed buffer and hands it to `flush` whenever it is full (and on
 * `drain`). The chunk passed to `flush` is reused afterwards: write or copy it during the call.
 */
export class ChunkWriter {
  readonly #buffer: Buffer;
  readonly #flush: (chunk: Buffer) => void;
  #pos = 0;

  constructor(size: number, flush: (chunk: Buffer) => void) {
    this.#buffer = Buffer.allocUnsafe(size);
    this.#flush = flush;
  }

  #room(bytes: number): void {
    if (this.#pos + bytes > this.#buffer.length) this.drain();
  }

  put(bytes: Uint8Array): void {
    if (bytes.length > this.#buffer.length) {
      this.drain();
      this.#flush(Buffer.from(bytes));
      return;
    }
    this.#room(bytes.length);
    this.#buffer.set(bytes, this.#pos);
    this.#pos += bytes.length;
  }

  /** A non-negative integer, zero-padded to `width` digits. */
  digits(n: number, width: number): void {
    let len = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) len++;
    len = Math.max(len, width);
    this.#room(len);
    let x = n;
    for (let i = this.#pos + len - 1; i >= this.#pos; i--) {
      this.#buffer[i] = 48 + (x % 10);
      x = Math.floor(x / 10);
    }
    this.#pos += len;
  }

  drain(): void {
    if (this.#pos === 0) return;
    this.#flush(this.#buffer.subarray(0, this.#pos));
    this.#pos = 0;
  }
}

/**
 * Encodes export rows in one format. The parts that repeat (a member's id and name, an item's
 * code, name and category, a department id, points, notes) are escaped and encoded once.
 */
export class ExportEncoder {
  readonly format: ExportFormat;
  readonly #encode: (text: string) => Buffer;
  readonly #members: (Buffer | undefined)[] = [];
  readonly #items = new Map<ItemDef, Buffer>();
  readonly #depts = new Map<Department, Buffer>();
  readonly #points = new Map<number, Buffer>();
  readonly #notes = new Map<string, Buffer>();
  readonly #approved: Buffer;
  readonly #pending: Buffer;
  readonly #comma: Buffer;
  #month: Buffer;
  #recordPrefix: Buffer;
  #recordWidth = 5;

  constructor(format: ExportFormat, encode: (text: string) => Buffer) {
    this.format = format;
    this.#encode = encode;
    this.#approved = encode(`${STATUS.approved},`);
    this.#pending = encode(`${STATUS.pending},`);
    this.#comma = encode(',');
    this.#month = this.#comma;
    this.#recordPrefix = this.#comma;
  }

  /** BOM (when the format has one) and the header line. */
  header(): Buffer {
    const header = this.#encode(exportHeader(this.format));
    return this.format.bom ? Buffer.concat([UTF8_BOM, header]) : header;
  }

  /** Sets the month of the rows that follow; record ids are `YYYYMM-` + the row's sequence number. */
  startMonth(month: Month, members: number): void {
    this.#month = this.#encode(`${csvField(this.format.chinese ? zhMonth(month) : isoMonth(month))},`);
    this.#recordPrefix = this.#encode(`${compactMonth(month)}-`);
    this.#recordWidth = Math.max(5, String(members * 20).length);
  }

  row(row: DemoRow, out: ChunkWriter): void {
    const { member, item, dept } = row;
    let who = this.#members[member.index];
    if (who === undefined) {
      who = this.#encode(`${csvField(member.id)},${csvField(member.name)},`);
      this.#members[member.index] = who;
    }
    let what = this.#items.get(item);
    if (what === undefined) {
      const category = this.format.chinese ? CATEGORY_NAMES[item.category] : item.category;
      what = this.#encode(`${csvField(item.code)},${csvField(item.name)},${csvField(category)},`);
      this.#items.set(item, what);
    }
    let points = this.#points.get(row.points);
    if (points === undefined) {
      points = this.#encode(`${formatPoints(row.points)},`);
      this.#points.set(row.points, points);
    }
    let where = this.#depts.get(dept);
    if (where === undefined) {
      where = this.#encode(`,${csvField(dept.id)}${this.format.eol}`);
      this.#depts.set(dept, where);
    }
    out.put(who);
    out.put(this.#month);
    out.put(what);
    out.put(points);
    out.put(row.pending ? this.#pending : this.#approved);
    out.put(this.#recordPrefix);
    out.digits(row.seq, this.#recordWidth);
    out.put(this.#comma);
    if (row.note !== '') {
      let note = this.#notes.get(row.note);
      if (note === undefined) {
        note = this.#encode(csvField(row.note));
        this.#notes.set(row.note, note);
      }
      out.put(note);
    }
    out.put(where);
  }
}

export function departmentsCsv(plan: DemoPlan): string {
  const lines = [csvLine(['dept_id', 'name', 'parent_id', 'kind', 'sort'])];
  for (const d of plan.departments)
    lines.push(csvLine([d.id, d.name, d.parent?.id ?? '', d.kind, String(d.sort)]));
  return lines.join('');
}

export function membersCsv(plan: DemoPlan): string {
  const flag = (b: boolean) => (b ? '1' : '0');
  const lines = [csvLine(['member_id', 'name', 'dept_id', 'exemplar', 'exempt'])];
  for (const m of plan.members)
    lines.push(csvLine([m.id, m.name, m.dept.id, flag(m.exemplar), flag(m.exempt)]));
  return lines.join('');
}
