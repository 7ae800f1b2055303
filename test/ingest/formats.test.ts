// What export files ingest can read (SPEC §1.3): encodings, separators, quoting, value forms,
// wide form, empty files, and files DuckDB's strict reader refuses.
import { describe, expect, test } from 'vitest';
import { counts, gbk, ingestCase, where } from './helpers.ts';

const HEADER = 'member_id,name,month,item_code,item,category,points,status,record_id,note,dept_id';
/** No status column: every row counts as approved. */
const SHORT = 'member_id,month,item_code,points,note';

describe('long form', () => {
  test('reads catalogued, name-only, custom and veto rows into accepted_rows', async () => {
    const { result, rows } = await ingestCase('long-basic');
    expect(counts(result, 'exports/2026-03.csv')).toBe('5/5/0/0/0');
    expect(result.files[0]).toMatchObject({
      encoding: 'utf-8',
      bom: false,
      delimiter: 'comma',
      form: 'long',
      reader: 'duckdb',
    });
    // What `check --json` reports of a file, and nothing of ingest's own bookkeeping.
    expect(Object.keys(result.files[0] ?? {}).sort()).toEqual([
      'accepted',
      'bom',
      'delimiter',
      'duplicate',
      'encoding',
      'file',
      'form',
      'pending',
      'read',
      'reader',
      'rejected',
    ]);
    expect(await rows('SELECT * FROM accepted_rows ORDER BY row')).toEqual([
      {
        file: 'exports/2026-03.csv',
        row: 2,
        member_id: 'M001',
        dept_id: 'D02',
        month: '2026-03-01',
        item_code: 'B01',
        item_name: '按时参加组织生活',
        category_id: 'basic',
        points: '8.00',
        record_id: 'R1',
        note: null,
        approver: null,
        approved_at: null,
      },
      expect.objectContaining({
        row: 3,
        item_code: 'D01',
        category_id: 'duty',
        points: '10.50',
        note: '加班,抢修',
      }),
      // A catalogued item named without its code; the department comes from the roster.
      expect.objectContaining({
        row: 4,
        member_id: 'M002',
        dept_id: 'D02',
        item_code: 'I01',
        item_name: '志愿服务',
        category_id: 'incentive',
      }),
      // A custom item is identified by its own name.
      expect.objectContaining({
        row: 5,
        item_code: '抗洪抢险',
        item_name: '抗洪抢险',
        category_id: 'duty',
        points: '5.00',
      }),
      // A veto row needs no points.
      expect.objectContaining({ row: 6, item_code: 'V01', category_id: 'veto', points: '0.00' }),
    ]);
  });

  test('accepted_rows has the contract column types', async () => {
    const { rows } = await ingestCase('long-basic');
    const types = await rows(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'accepted_rows'",
    );
    expect(Object.fromEntries(types.map((t) => [t['column_name'], t['data_type']]))).toEqual({
      file: 'VARCHAR',
      row: 'INTEGER',
      member_id: 'VARCHAR',
      dept_id: 'VARCHAR',
      month: 'DATE',
      item_code: 'VARCHAR',
      item_name: 'VARCHAR',
      category_id: 'VARCHAR',
      points: 'DECIMAL(18,2)',
      record_id: 'VARCHAR',
      note: 'VARCHAR',
      approver: 'VARCHAR',
      approved_at: 'VARCHAR',
    });
  });
});

describe('encodings and separators', () => {
  test('a GBK file with Chinese headers is transcoded', async () => {
    const text = [
      '党员编号,姓名,月份,积分项目编码,积分项目,积分类别,分值,审核状态,记录编号,备注,支部编号',
      'M001,张三,2026年3月,B01,按时参加组织生活,基础评价分,8,已审定,G1,主题党日,D02',
      'M003,王五,2026年3月,,完成岗位任务,履职尽责分,9,待审核,G2,,D03',
      'M9999,无名,2026年3月,B01,按时参加组织生活,基础评价分,8,已审定,G3,,D02',
    ].join('\r\n');
    const { result, rows } = await ingestCase(null, { 'exports/gbk.csv': gbk(text) });
    expect(result.files[0]).toMatchObject({ encoding: 'gb18030', delimiter: 'comma' });
    expect(counts(result, 'exports/gbk.csv')).toBe('3/1/1/0/1');
    expect(await rows('SELECT member_id, item_name, category_id, note FROM accepted_rows')).toEqual([
      { member_id: 'M001', item_name: '按时参加组织生活', category_id: 'basic', note: '主题党日' },
    ]);
    expect(result.problems.map((p) => [p.row, p.column, p.code, p.message])).toEqual([
      [3, '审核状态', 'pending', '“待审核”不是已审定状态，暂不计分'],
      [4, '党员编号', 'unknown_member', 'M9999 不在花名册（members.csv）中'],
    ]);
  });

  test('a UTF-8 BOM and tab separators are understood', async () => {
    const text = `\uFEFF${HEADER.replaceAll(',', '\t')}\r\nM001\t张三\t2026-03\tB01\t\t\t5\t已审定\tT1\t\t\r\n`;
    const { result, rows } = await ingestCase(null, { 'exports/tab.csv': text });
    expect(result.files[0]).toMatchObject({
      encoding: 'utf-8',
      bom: true,
      delimiter: 'tab',
      reader: 'duckdb',
    });
    expect(counts(result, 'exports/tab.csv')).toBe('1/1/0/0/0');
    expect(await rows('SELECT member_id, item_code, points FROM accepted_rows')).toEqual([
      { member_id: 'M001', item_code: 'B01', points: '5.00' },
    ]);
  });

  test('a file valid as UTF-8 at its start but GBK further on is GBK', async () => {
    const ascii = Array.from({ length: 3000 }, (_, i) => `M001,,2026-03,B01,,,1,approved,A${i},,`).join(
      '\r\n',
    );
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\r\n${ascii}\r\n`),
      Buffer.from(gbk('M002,李四,2026-03,B02,按时交纳党费,基础评价分,2,已审定,Z1,补交,D02\r\n')),
    ]);
    const { result, rows } = await ingestCase(null, { 'exports/late.csv': bytes });
    expect(result.files[0]).toMatchObject({ encoding: 'gb18030' });
    expect(counts(result, 'exports/late.csv')).toBe('3001/3001/0/0/0');
    expect(
      await rows('SELECT row, note FROM accepted_rows WHERE record_id = $1'.replace('$1', "'Z1'")),
    ).toEqual([{ row: 3002, note: '补交' }]);
  });

  test('a file that is neither UTF-8 nor GB18030 is rejected whole', async () => {
    const latin1 = Buffer.from(
      `${SHORT}\nM001,2026-03,B01,5,Jos\xe9\nM002,2026-03,B01,5,Fran\xe7ois\n`,
      'latin1',
    );
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`${SHORT}\nM001,2026-03,B01,5,\n`, 'utf16le'),
    ]);
    const { result } = await ingestCase(null, {
      'exports/a-latin1.csv': latin1,
      'exports/b-utf16.csv': utf16,
    });
    expect(counts(result, 'exports/a-latin1.csv')).toBe('2/0/0/0/2');
    expect(counts(result, 'exports/b-utf16.csv')).toBe('1/0/0/0/1');
    expect(where(result, 'bad_encoding')).toEqual([
      'exports/a-latin1.csv:2',
      'exports/a-latin1.csv:3',
      'exports/b-utf16.csv:2',
    ]);
    const messages = result.problems.map((p) => p.message);
    expect(messages[0]).toContain('既不是 UTF-8 也不是 GB18030');
    expect(messages[2]).toContain('UTF-16LE');
  });
});

describe('quoting and row numbers', () => {
  test('a quoted field spanning lines is one row; later row numbers stay right', async () => {
    const text = [
      HEADER,
      'M001,张三,2026-03,B01,,,5,已审定,Q1,"第一行',
      '第二行，含""引号""和,逗号",D02',
      ',,,,,,,,,,', // a row of empty cells: no data, but a row
      'M9999,某人,2026-03,B01,,,5,已审定,Q2,,D02',
    ].join('\n');
    const { result, rows } = await ingestCase(null, { 'exports/q.csv': text });
    expect(result.files[0]).toMatchObject({ reader: 'duckdb' });
    expect(counts(result, 'exports/q.csv')).toBe('2/1/0/0/1');
    expect(where(result, 'unknown_member')).toEqual(['exports/q.csv:4']);
    expect(await rows('SELECT row, note FROM accepted_rows')).toEqual([
      { row: 2, note: '第一行\n第二行，含"引号"和,逗号' },
    ]);
  });

  test('blank lines count as rows, as a spreadsheet shows them', async () => {
    const text = [
      SHORT,
      'M001,2026-03,B01,5,',
      '',
      'M9999,2026-03,B01,5,',
      ',,,,',
      'M9998,2026-03,B01,5,',
      '',
      '',
    ].join('\r\n');
    const { result } = await ingestCase(null, { 'exports/blank.csv': text });
    expect(result.files[0]).toMatchObject({ reader: 'javascript' });
    expect(counts(result, 'exports/blank.csv')).toBe('3/1/0/0/2');
    expect(where(result, 'unknown_member')).toEqual(['exports/blank.csv:4', 'exports/blank.csv:6']);
  });

  test('ragged rows and a stray quote go through the JavaScript reader, rejected with exact rows', async () => {
    const text = [
      SHORT,
      'M001,2026-03,B01,1,',
      'M001,2026-03,B01,2', // too few columns
      'M001,2026-03,B01,3,,extra', // an extra non-empty column
      'M001,2026-03,B01,4,,', // an extra empty column is harmless
      'M001,2026-03,B01,5,"unterminated note,',
      'M002,2026-03,B01,6,',
      'M002,2026-03,B01,7,"a"b',
      'M002,2026-03,B01,8,',
    ].join('\n');
    const { result, rows } = await ingestCase(null, { 'exports/ragged.csv': text });
    expect(result.files[0]).toMatchObject({ reader: 'javascript' });
    expect(counts(result, 'exports/ragged.csv')).toBe('8/4/0/0/4');
    expect(where(result, 'bad_row')).toEqual([
      'exports/ragged.csv:3',
      'exports/ragged.csv:4',
      'exports/ragged.csv:6',
      'exports/ragged.csv:8',
    ]);
    expect(result.problems.find((p) => p.row === 3)?.message).toContain('该行有 4 列，表头有 5 列');
    // The quote opened on row 6 "closes" on row 8: row 6 is spoilt, reading resumes on row 7.
    expect(result.problems.find((p) => p.row === 6)?.message).toContain('引号不匹配');
    expect(result.problems.find((p) => p.row === 8)?.message).toContain('引号位置不对');
    expect(await rows('SELECT row, points FROM accepted_rows ORDER BY row')).toEqual([
      { row: 2, points: '1.00' },
      { row: 5, points: '4.00' },
      { row: 7, points: '6.00' },
      { row: 9, points: '8.00' },
    ]);
  });
});

describe('value forms', () => {
  test('every month form reads as that month; others are rejected', async () => {
    const months = [
      '2026-03',
      '2026/3',
      '2026年3月',
      '202603',
      '2026-03-01',
      ' 2026-3 ',
      '２０２６年３月',
      '2026/3/15',
    ];
    const bad = ['2026-13', '三月', '2026-02-30', ''];
    const lines = [...months, ...bad].map((m) => `M001,"${m}",B01,1,`);
    const { result, rows } = await ingestCase(null, { 'exports/m.csv': [SHORT, ...lines].join('\n') });
    expect(counts(result, 'exports/m.csv')).toBe('12/8/0/0/4');
    expect(await rows("SELECT DISTINCT strftime(month, '%Y-%m') AS m FROM accepted_rows")).toEqual([
      { m: '2026-03' },
    ]);
    expect(where(result, 'bad_month')).toEqual([
      'exports/m.csv:10',
      'exports/m.csv:11',
      'exports/m.csv:12',
      'exports/m.csv:13',
    ]);
    expect(result.problems.find((p) => p.row === 13)?.message).toBe('为空');
  });

  test('every points form reads exactly; more than two decimals and non-numbers are rejected', async () => {
    const good: [string, string][] = [
      ['5', '5.00'],
      ['5.0', '5.00'],
      ['+3', '3.00'],
      ['-2', '-2.00'],
      ['\u22122', '-2.00'],
      ['５', '5.00'],
      ['  4 ', '4.00'],
      ['１．５', '1.50'],
      ['－１', '-1.00'],
      ['1.230', '1.23'],
      ['.5', '0.50'],
      ['0.1', '0.10'],
    ];
    const decimals = ['1.234', '0.001'];
    const notNumbers = ['abc', '1e2', '1,5', ''];
    const values = [...good.map(([v]) => v), ...decimals, ...notNumbers];
    const lines = values.map((v) => `M001,2026-03,B01,"${v}",`);
    const { result, rows } = await ingestCase(null, { 'exports/p.csv': [SHORT, ...lines].join('\n') });
    expect(counts(result, 'exports/p.csv')).toBe('18/12/0/0/6');
    const read = await rows('SELECT points FROM accepted_rows ORDER BY row');
    expect(read.map((r) => r['points'])).toEqual(good.map(([, v]) => v));
    expect(where(result, 'too_many_decimals')).toEqual(['exports/p.csv:14', 'exports/p.csv:15']);
    expect(where(result, 'bad_points')).toEqual([
      'exports/p.csv:16',
      'exports/p.csv:17',
      'exports/p.csv:18',
      'exports/p.csv:19',
    ]);
    // Exact decimals: ten times 0.1 is exactly 1.
    expect(
      await rows(
        'SELECT sum(points) = 1 AS exact FROM (SELECT 0.1::DECIMAL(18, 2) AS points FROM range(10))',
      ),
    ).toEqual([{ exact: true }]);
    expect(await rows('SELECT sum(points)::VARCHAR AS s FROM accepted_rows WHERE row = 13')).toEqual([
      { s: '0.10' },
    ]);
  });
});

describe('wide form', () => {
  test('each non-empty category cell is a row, by category id or name; a "no" in the veto column is no row', async () => {
    const text = [
      '党员编号,月份,basic,履职尽责分,incentive,一票否决项,姓名',
      'M001,2026-03,50,30,,0,张三',
      'M002,2026-03,45.5,,-3,1,李四',
      'M9999,2026-03,40,,,,无名',
      'M003,2026-03,abc,20,,,王五',
    ].join('\n');
    const { result, rows } = await ingestCase(null, { 'exports/wide.csv': text });
    expect(result.files[0]).toMatchObject({ form: 'wide' });
    // Cells: 2 + 3 + 1 + 2 = 8; M9999's cell and M003's bad basic cell are rejected.
    expect(counts(result, 'exports/wide.csv')).toBe('8/6/0/0/2');
    expect(
      await rows(
        'SELECT row, member_id, item_code, category_id, points FROM accepted_rows ORDER BY row, category_id',
      ),
    ).toEqual([
      { row: 2, member_id: 'M001', item_code: null, category_id: 'basic', points: '50.00' },
      { row: 2, member_id: 'M001', item_code: null, category_id: 'duty', points: '30.00' },
      { row: 3, member_id: 'M002', item_code: null, category_id: 'basic', points: '45.50' },
      { row: 3, member_id: 'M002', item_code: null, category_id: 'incentive', points: '-3.00' },
      { row: 3, member_id: 'M002', item_code: null, category_id: 'veto', points: '1.00' },
      { row: 5, member_id: 'M003', item_code: null, category_id: 'duty', points: '20.00' },
    ]);
    expect(result.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [4, '党员编号', 'unknown_member'],
      [5, 'basic', 'bad_points'],
    ]);
  });
});

describe('schemes without a catalogue or a veto category', () => {
  test('wide and custom rows still work', async () => {
    const scheme =
      'organization: 测试党委\ncategories:\n  - { id: basic, name: 基础评价分 }\n  - { id: duty, name: 履职尽责分 }\n';
    const { result, rows } = await ingestCase(null, {
      'scheme.yaml': scheme,
      'exports/a-wide.csv': 'member_id,month,basic,duty\nM001,2026-03,10,\nM002,2026-03,,x\n',
      'exports/b-long.csv':
        'member_id,month,item,category,points\nM003,2026-03,自创,duty,2\nM003,2026-03,B01,,2\n',
    });
    expect(counts(result, 'exports/a-wide.csv')).toBe('2/1/0/0/1');
    expect(counts(result, 'exports/b-long.csv')).toBe('2/1/0/0/1');
    expect(result.problems.map((p) => `${p.file}:${p.row} ${p.code}`)).toEqual([
      'exports/a-wide.csv:3 bad_points',
      'exports/b-long.csv:3 unknown_item',
    ]);
    expect(
      await rows('SELECT member_id, item_code, category_id, points FROM accepted_rows ORDER BY file'),
    ).toEqual([
      { member_id: 'M001', item_code: null, category_id: 'basic', points: '10.00' },
      { member_id: 'M003', item_code: '自创', category_id: 'duty', points: '2.00' },
    ]);
  });
});

describe('empty and incomplete files', () => {
  test('an empty file and a header-only file read 0 rows', async () => {
    const { result } = await ingestCase(null, {
      'exports/a-empty.csv': '',
      'exports/b-header.csv': `${HEADER}\r\n`,
    });
    expect(counts(result, 'exports/a-empty.csv')).toBe('0/0/0/0/0');
    expect(counts(result, 'exports/b-header.csv')).toBe('0/0/0/0/0');
    expect(result.warnings.map((w) => [w.file, w.code])).toEqual([['exports/a-empty.csv', 'empty_file']]);
    expect(result.totals).toEqual({ files: 2, read: 0, accepted: 0, pending: 0, duplicate: 0, rejected: 0 });
  });

  test('a file without the required columns is rejected whole, naming the columns', async () => {
    const { result } = await ingestCase(null, {
      'exports/x.csv': 'member_id,month,note\nM001,2026-03,a\nM002,2026-03,b\n',
    });
    expect(counts(result, 'exports/x.csv')).toBe('2/0/0/0/2');
    expect(where(result, 'missing_columns')).toEqual(['exports/x.csv:2', 'exports/x.csv:3']);
    expect(result.problems[0]?.message).toMatch(/缺少必需的列：分值（points.*积分项目编码（item_code/);
  });

  test('no exports at all is a warning, not an error', async () => {
    const { result } = await ingestCase(null);
    expect(result.totals.files).toBe(0);
    expect(result.warnings.map((w) => w.code)).toEqual(['no_exports']);
  });
});
