// CSV built in the browser for the panel's 下载 CSV: UTF-8 with a BOM (Excel in a Chinese locale
// then reads it as UTF-8), CRLF, fields quoted when needed. Pure: unit-tested.

export type Cell = string | number | null;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return, first)
 * gets a leading apostrophe, which spreadsheets show as text; a number such as -5 stays as it
 * is. The same rule as the CSV files written at build time (src/tables/csv.sql).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

function field(cell: Cell): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? String(cell) : neutraliseFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document (a string starting with the BOM) of a header and rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(field).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** A file name without characters that file systems refuse. */
export function safeFileName(name: string): string {
  const visible = [...name].map((c) => ((c.codePointAt(0) ?? 0) < 0x20 ? '_' : c)).join('');
  return visible.replace(/[\\/:*?"<>|]+/g, '_').slice(0, 120);
}
