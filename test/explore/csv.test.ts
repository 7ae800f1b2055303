// The CSV the panel builds in the browser, the table columns' sorting, and SQL literals.
import { expect, test } from 'vitest';
import { type Column, sortRows, tableCells } from '../../src/explore/columns.ts';
import { neutraliseFormula, safeFileName, toCsv } from '../../src/explore/csv.ts';
import { literal } from '../../src/explore/queries.ts';

test('CSV starts with a BOM, uses CRLF and quotes what needs quoting', () => {
  const csv = toCsv(
    ['姓名', '积分'],
    [
      ['张伟', 85.5],
      ['王, "芳"', -2],
      ['多\n行', null],
    ],
  );
  expect(csv.startsWith('\ufeff姓名,积分\r\n')).toBe(true);
  expect(csv).toContain('\r\n"王, ""芳""",-2\r\n');
  expect(csv).toContain('"多\n行",\r\n');
  expect(csv.endsWith('\r\n')).toBe(true);
});

test('text that a spreadsheet would run as a formula is neutralised; numbers are not', () => {
  const csv = toCsv(
    ['a', 'b'],
    [
      ['=HYPERLINK("x")', -3],
      ['@SUM(A1)', 0],
      ['+1', '-x'],
    ],
  );
  expect(csv).toContain(`"'=HYPERLINK(""x"")",-3`);
  expect(csv).toContain("'@SUM(A1),0");
  expect(csv).toContain("+1,'-x");
});

test('neutraliseFormula: formulas, signs and @ behind an apostrophe; numbers and names as they are', () => {
  const cases: [string, string][] = [
    ['=1+1', "'=1+1"],
    ['+86 138 0013 8000', "'+86 138 0013 8000"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-', "'-"],
    ['+', "'+"],
    ['-2+3', "'-2+3"],
    ['=-5', "'=-5"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['-5', '-5'],
    ['+3.5', '+3.5'],
    ['-0.25', '-0.25'],
    ['-.5', '-.5'],
    ['-1e3', '-1e3'],
    ['张伟', '张伟'],
    ['欧阳*华', '欧阳*华'],
    ['a=b', 'a=b'],
    ['2026-03', '2026-03'],
    [' =1', ' =1'],
    ['', ''],
  ];
  for (const [input, expected] of cases)
    expect(neutraliseFormula(input), JSON.stringify(input)).toBe(expected);
});

test('file names lose the characters file systems refuse', () => {
  expect(safeFileName('数据探索_a/b:c*?.csv')).toBe('数据探索_a_b_c_.csv');
});

interface R {
  name: string;
  value: number | null;
}
const columns: Column<R>[] = [
  { key: 'name', label: '姓名', numeric: false, value: (r) => r.name, text: (r) => r.name },
  { key: 'value', label: '积分', numeric: true, value: (r) => r.value, text: (r) => String(r.value) },
];
const rows: R[] = [
  { name: '王芳', value: 10 },
  { name: '张伟', value: null },
  { name: '李娜', value: 85.25 },
  { name: '陈静', value: 10 },
];

test('rows sort by a column either way, empty values last, ties in their order', () => {
  expect(sortRows(rows, columns, 'value').map((r) => r.name)).toEqual(['王芳', '陈静', '李娜', '张伟']);
  expect(sortRows(rows, columns, '-value').map((r) => r.name)).toEqual(['李娜', '王芳', '陈静', '张伟']);
  expect(sortRows(rows, columns, null)).toEqual(rows);
  expect(sortRows(rows, columns, 'unknown')).toEqual(rows);
  expect(tableCells(rows.slice(0, 1), columns)).toEqual({ header: ['姓名', '积分'], cells: [['王芳', 10]] });
});

test('SQL literals quote text and refuse what is not a value', () => {
  expect(literal("O'Brien")).toBe("'O''Brien'");
  expect(literal(null)).toBe('NULL');
  expect(literal(-2.5)).toBe('-2.5');
  expect(() => literal(Number.NaN)).toThrow('invalid number');
});
