// The public's masked names (src/audience/mask.sql), hand-checked: the one place masking is tested.
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createMaskMacros, dropMaskMacros } from '../../src/audience/apply.ts';

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await createMaskMacros(conn);
});

afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

async function masked(name: string | null): Promise<unknown> {
  const reader = await conn.runAndReadAll('SELECT audience_masked_name($1::VARCHAR) AS v', [name]);
  return reader.getRowObjectsJS()[0]?.v;
}

async function expectMasks(cases: [string, string][]): Promise<void> {
  for (const [name, expected] of cases) expect(await masked(name), name).toBe(expected);
}

test('a one-character surname and the last character stay; what lies between is masked', async () => {
  await expectMasks([
    ['张', '张'],
    ['张三', '张*'],
    ['张三明', '张*明'],
    ['张三明华', '张**华'],
    ['阿不都热合曼', '阿****曼'],
  ]);
});

test('a compound surname stays whole when a given name follows it', async () => {
  await expectMasks([
    ['欧阳华', '欧阳*'],
    ['欧阳明华', '欧阳*华'],
    ['司马相如', '司马*如'],
    ['诸葛亮', '诸葛*'],
    ['上官婉儿', '上官*儿'],
    ['歐陽明華', '歐陽*華'],
    // Two characters are a surname and a given name, never a bare compound surname.
    ['欧阳', '欧*'],
    // 欧 alone is a surname too: only the listed pairs count as one.
    ['欧明华', '欧*华'],
  ]);
});

test('other scripts and emoji follow the same rule by code point, never splitting a surrogate pair', async () => {
  await expectMasks([
    ['A', 'A'],
    ['Li', 'L*'],
    ['John', 'J**n'],
    ['John Smith', 'J********h'],
    ['😀', '😀'],
    ['😀😁', '😀*'],
    ['😀😁😂', '😀*😂'],
    ['王😀明', '王*明'],
    ['张明😀', '张*😀'],
    ['𠀋三明', '𠀋*明'],
    ['<b>王</b>', '<******>'],
  ]);
  for (const name of ['😀😁', '😀😁😂', '张明😀', '𠀋三明']) {
    expect((await masked(name)) as string, name).toSatisfy((s: string) => s.isWellFormed());
  }
});

test('nothing to mask: an empty name and NULL come back as they are', async () => {
  await expectMasks([['', '']]);
  expect(await masked(null)).toBe(null);
});

test('dropMaskMacros leaves no macro behind', async () => {
  const other = await instance.connect();
  try {
    await createMaskMacros(other);
    await dropMaskMacros(other);
    const left = await other.runAndReadAll(
      "SELECT function_name FROM duckdb_functions() WHERE function_name LIKE 'audience%'",
    );
    expect(left.getRowObjectsJS()).toEqual([]);
  } finally {
    other.closeSync();
  }
});
