import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { CsvTokenizer, detectDelimiter, firstLine, parseCsv } from '../../src/config/csv.ts';
import { decodeBytes, incompleteUtf8Tail, Utf8Validator } from '../../src/config/encoding.ts';

const rows = (text: string) => parseCsv(text, ',').map((r) => [r.row, r.fields, r.problem]);

describe('parseCsv', () => {
  test('numbers rows as a spreadsheet: blank lines count, quoted line breaks do not', () => {
    expect(rows('a,b\r\n1,"x\r\ny"\r\n\r\n2,3')).toEqual([
      [1, ['a', 'b'], null],
      [2, ['1', 'x\r\ny'], null],
      [3, [''], null],
      [4, ['2', '3'], null],
    ]);
  });

  test('unescapes doubled quotes and keeps a stray quote in an unquoted field', () => {
    expect(rows('"he said ""hi""",x"y\n')).toEqual([[1, ['he said "hi"', 'x"y'], null]]);
  });

  test('a quote that never closes spoils only its own row', () => {
    expect(rows('a,b\n1,"open\n2,3\n')).toEqual([
      [1, ['a', 'b'], null],
      [2, ['1', 'open'], '引号未闭合：这一行开始的引号直到文件末尾都没有结束'],
      [3, ['2', '3'], null],
    ]);
  });

  test('text right after a closing quote marks the row', () => {
    expect(rows('1,"a"b,2\n3,4\n')).toEqual([
      [1, ['1', 'a"b', '2'], '引号位置不对：引号结束后紧跟着其他字符'],
      [2, ['3', '4'], null],
    ]);
  });

  test('gives the same records whatever the chunking', () => {
    const text = 'a,b\r\n1,"x\r\n""y"""\r\n\r\n2,"open\r\n3,4\r';
    const whole = parseCsv(text, ',');
    for (const size of [1, 2, 3, 7]) {
      const got: unknown[] = [];
      const t = new CsvTokenizer(',', (r) => got.push(r));
      for (let i = 0; i < text.length; i += size) t.push(text.slice(i, i + size));
      t.end();
      expect(got).toEqual(whole);
    }
  });
});

describe('header sniffing', () => {
  test('detects comma or tab from the header line', () => {
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('"x\ty",b')).toBe(',');
    expect(detectDelimiter('only')).toBe(',');
  });

  test('takes the first line without the BOM', () => {
    expect(firstLine('\uFEFFa,"b\nc"\r\n1,2')).toBe('a,"b\nc"');
  });
});

describe('encodings', () => {
  test('UTF-8 with or without BOM, GB18030, and neither', () => {
    expect(decodeBytes(Buffer.from('\uFEFF党员,1'))).toEqual({ ok: true, text: '党员,1', encoding: 'utf-8' });
    expect(decodeBytes(iconv.encode('党员编号,姓名', 'gbk'))).toEqual({
      ok: true,
      text: '党员编号,姓名',
      encoding: 'gb18030',
    });
    // é followed by a comma is no GB18030 character. (Latin-1 text can happen to be valid GB18030:
    // "ço" is; such a file reads as mojibake, which the roster and export checks then catch.)
    expect(decodeBytes(Buffer.from('Café,1', 'latin1'))).toEqual({
      ok: false,
      problem:
        '文件既不是 UTF-8 也不是 GB18030/GBK 编码，无法读取；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”',
    });
    const damaged = decodeBytes(
      Buffer.concat([Buffer.from('党员编号,姓名,月份\n张三,李四\n'), Buffer.from([0xff])]),
    );
    expect(damaged).toEqual({
      ok: false,
      problem: '文件大部分是 UTF-8，但含有无效字节（约第 3 行），文件可能已损坏；请从系统重新导出',
    });
  });

  test('validates UTF-8 across chunk boundaries', () => {
    const bytes = Buffer.from('党员编号');
    expect(incompleteUtf8Tail(bytes.subarray(0, 4))).toBe(1);
    const v = new Utf8Validator();
    for (let i = 0; i < bytes.length; i += 2) expect(v.push(bytes.subarray(i, i + 2))).toBe(true);
    expect(v.end()).toBe(true);
    const cut = new Utf8Validator();
    cut.push(bytes.subarray(0, 5));
    expect(cut.end()).toBe(false);
  });
});
