// The text `liangbang check` prints: a per-file summary table, then each problem as
// `file:row: column: 中文原因 (code)` grouped by code (the first few per code), then warnings.
import {
  type IngestResult,
  type IngestWarning,
  type Problem,
  REASON_TITLES,
  REJECT_CODES,
  type ReasonCode,
  WARNING_TITLES,
  type WarningCode,
} from './types.ts';

/** Display width in a terminal: CJK and full-width characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000
        ? 2
        : 1;
  }
  return w;
}

const padEnd = (text: string, n: number) => text + ' '.repeat(Math.max(0, n - width(text)));
const padStart = (text: string, n: number) => ' '.repeat(Math.max(0, n - width(text))) + text;

/** Text columns (the first and the last) align left, numbers right. */
function table(head: readonly string[], body: readonly (readonly string[])[]): string[] {
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((r) => width(r[i] ?? ''))));
  const last = head.length - 1;
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) =>
        i === 0 || i === last ? padEnd(c, widths[i] as number) : padStart(c, widths[i] as number),
      )
      .join('  ')
      .trimEnd();
  return [line(head), ...body.map(line)];
}

function location(file: string | null, row: number | null, column: string | null): string {
  let at = file ?? '';
  if (row !== null) at += `:${row}`;
  if (column) at += `${at === '' ? '' : ': '}${column}`;
  return at;
}

export function formatProblem(p: Problem): string {
  return `${location(p.file, p.row, p.column)}: ${p.message} (${p.code})`;
}

export function formatWarning(w: IngestWarning): string {
  const at = location(w.file, w.row, w.column);
  return `${at === '' ? '' : `${at}: `}${w.message} (${w.code})`;
}

const ENCODINGS: Record<string, string> = { 'utf-8': 'UTF-8', gb18030: 'GB18030' };

export interface CheckReportOptions {
  /** Problems shown per code before "…以及另外 N 条". Default 20. */
  perCode?: number;
}

/** The text report of an ingest. Pure. */
export function formatCheckReport(result: IngestResult, options: CheckReportOptions = {}): string {
  const perCode = options.perCode ?? 20;
  const out: string[] = [];
  const t = result.totals;
  out.push(`导入检查：${t.files} 个导出文件，读取 ${t.read} 行`, '');
  if (result.files.length > 0) {
    const body = result.files.map((f) => [
      f.file,
      String(f.read),
      String(f.accepted),
      String(f.pending),
      String(f.duplicate),
      String(f.rejected),
      [
        f.encoding ? ENCODINGS[f.encoding] : '',
        f.bom ? 'BOM' : '',
        f.delimiter === 'tab' ? '制表符' : '',
        f.form === 'wide' ? '宽表' : '',
      ]
        .filter((s) => s !== '')
        .join(' '),
    ]);
    body.push([
      '合计',
      String(t.read),
      String(t.accepted),
      String(t.pending),
      String(t.duplicate),
      String(t.rejected),
      '',
    ]);
    out.push(...table(['文件', '读取', '接受', '待审', '重复', '拒绝', '格式'], body), '');
  }

  const groups: { title: string; codes: readonly ReasonCode[]; total: number }[] = [
    { title: '拒绝', codes: REJECT_CODES, total: t.rejected },
    { title: '待审（未计分）', codes: ['pending'], total: t.pending },
    { title: '重复（只计一次）', codes: ['duplicate'], total: t.duplicate },
  ];
  for (const group of groups) {
    if (group.total === 0) continue;
    out.push(`${group.title} ${group.total} 行：`);
    for (const code of group.codes) {
      const count = result.problemCounts[code] ?? 0;
      if (count === 0) continue;
      out.push(`  ${REASON_TITLES[code]}（${code}）：${count} 行`);
      const shown = result.problems.filter((p) => p.code === code).slice(0, perCode);
      for (const p of shown) out.push(`    ${formatProblem(p)}`);
      if (count > shown.length) out.push(`    …以及另外 ${count - shown.length} 条`);
    }
    out.push('');
  }

  if (result.warnings.length > 0) {
    out.push('警告：');
    const codes = Object.keys(WARNING_TITLES) as WarningCode[];
    for (const code of codes) {
      const count = result.warningCounts[code] ?? 0;
      if (count === 0) continue;
      out.push(`  ${WARNING_TITLES[code]}（${code}）：${count} 处`);
      const shown = result.warnings.filter((w) => w.code === code).slice(0, perCode);
      for (const w of shown) out.push(`    ${formatWarning(w)}`);
      if (count > shown.length) out.push(`    …以及另外 ${count - shown.length} 处`);
    }
    out.push('');
  }

  out.push(
    t.rejected > 0
      ? `有 ${t.rejected} 行被拒绝，不会计入结果；请按上面的提示修改导出文件后重新检查。`
      : '没有被拒绝的行。',
  );
  return out.join('\n');
}
