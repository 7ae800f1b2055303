import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import {
  type Department,
  parseBoolean,
  parseDepartments,
  parseMembers,
  readRoster,
} from '../../src/config/roster.ts';
import { ConfigError } from '../../src/errors.ts';

function errors(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected a ConfigError');
}

const TREE = `dept_id,name,parent_id,kind,sort
D01,测试党委,,党委,1
D02,第一党支部,D01,党支部,2
D03,第一党小组,D02,党小组,
`;

describe('parseBoolean', () => {
  test('accepts 1/0, true/false, 是/否, Y/N in any case, and empty as false', () => {
    for (const t of ['1', 'true', 'TRUE', '是', 'Y', 'y', ' yes ']) expect(parseBoolean(t)).toBe(true);
    for (const f of ['', '0', 'false', 'False', '否', 'N', 'n', 'no']) expect(parseBoolean(f)).toBe(false);
    for (const x of ['2', 'maybe', '对']) expect(parseBoolean(x)).toBeNull();
  });
});

describe('parseDepartments', () => {
  test('reads the tree', () => {
    expect(parseDepartments(TREE)).toEqual([
      { deptId: 'D01', name: '测试党委', parentId: null, kind: '党委', sort: 1 },
      { deptId: 'D02', name: '第一党支部', parentId: 'D01', kind: '党支部', sort: 2 },
      { deptId: 'D03', name: '第一党小组', parentId: 'D02', kind: '党小组', sort: null },
    ]);
  });

  test('accepts Chinese headers and tabs', () => {
    const text = '组织编号\t名称\t上级编号\nD01\t党委\t\nD02\t支部\tD01\n';
    expect(parseDepartments(text).map((d) => d.parentId)).toEqual([null, 'D01']);
  });

  test('names a missing required column', () => {
    expect(errors(() => parseDepartments('id,name\nD01,党委\n'))).toEqual([
      'departments.csv: 缺少 dept_id 列（也可写作 部门编号、组织编号、支部编号、编号）；第 1 行表头现有：id, name',
    ]);
  });

  test('names file:row: column for each problem', () => {
    const text = `dept_id,name,parent_id,kind,sort
D01,党委,,党委,1
D02,一支部,D01,支部,x
D02,重复,D01,,
D04,孤儿,D99,,
D05,,D01,,
D06,第二个根,,,
`;
    expect(errors(() => parseDepartments(text))).toEqual([
      'departments.csv:3: kind: “支部”应为 党委、党总支、党支部、党小组 之一，或留空',
      'departments.csv:3: sort: “x”应为整数，或留空',
      'departments.csv:4: dept_id: D02 与第 3 行重复；每个组织的编号必须唯一',
      'departments.csv:5: parent_id: 上级组织 D99 不存在；请填写已有的 dept_id，根组织留空',
      'departments.csv:6: name: 不能为空',
      'departments.csv:7: parent_id: 为空，但第 2 行的 D01 已是根组织；只能有一个根组织，请填写上级组织编号',
    ]);
  });

  test('finds cycles and a missing root', () => {
    const text = `dept_id,name,parent_id
D01,党委,
D02,甲,D03
D03,乙,D02
`;
    expect(errors(() => parseDepartments(text))).toEqual([
      'departments.csv:3: parent_id: 上级关系成环：D02 → D03 → D02；请改正其中一个上级组织编号',
    ]);
    expect(errors(() => parseDepartments('dept_id,name,parent_id\nD01,甲,D01\n'))).toEqual([
      'departments.csv: 没有根组织；请把最上级组织（如党委）的 parent_id 留空',
      'departments.csv:2: parent_id: 上级关系成环：D01 → D01；请改正其中一个上级组织编号',
    ]);
  });
});

describe('parseMembers', () => {
  const tree: Department[] = parseDepartments(TREE);

  test('reads the roster with its flags', () => {
    const text = 'member_id,name,dept_id,exemplar,exempt\nM1,张三,D02,是,\nM2,李四,D03,0,Y\n';
    expect(parseMembers(text, tree)).toEqual([
      { memberId: 'M1', name: '张三', deptId: 'D02', exemplar: true, exempt: false },
      { memberId: 'M2', name: '李四', deptId: 'D03', exemplar: false, exempt: true },
    ]);
  });

  test('optional flag columns may be absent; Chinese headers work', () => {
    expect(parseMembers('党员编号,姓名,所在支部\nM1,张三,D02\n', tree)).toEqual([
      { memberId: 'M1', name: '张三', deptId: 'D02', exemplar: false, exempt: false },
    ]);
  });

  test('names file:row: column for each problem', () => {
    const text = `member_id,name,dept_id,exemplar,exempt
M1,张三,D02,,
M1,张三二,D02,,
M2,,D09,maybe,
M3,王五,D02,1,2
M4,赵六
`;
    expect(errors(() => parseMembers(text, tree))).toEqual([
      'members.csv:3: member_id: M1 与第 2 行重复；每名党员的编号必须唯一',
      'members.csv:4: name: 不能为空',
      'members.csv:4: dept_id: 组织 D09 不在 departments.csv 中；请填写已有的 dept_id',
      'members.csv:4: exemplar: “maybe”应为 1/0、true/false、是/否、Y/N，或留空',
      'members.csv:5: exempt: “2”应为 1/0、true/false、是/否、Y/N，或留空',
      'members.csv:6: 该行有 2 列，表头有 5 列；请检查多余或缺少的逗号',
    ]);
  });
});

describe('readRoster', () => {
  test('reads GB18030 files as Excel saves them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'liangbang-roster-'));
    await writeFile(
      join(dir, 'departments.csv'),
      iconv.encode('组织编号,名称,上级编号\r\nD01,测试党委,\r\n', 'gbk'),
    );
    await writeFile(
      join(dir, 'members.csv'),
      iconv.encode('党员编号,姓名,支部编号\r\nM1,张三,D01\r\n', 'gbk'),
    );
    expect(await readRoster(dir)).toEqual({
      departments: [{ deptId: 'D01', name: '测试党委', parentId: null, kind: null, sort: null }],
      members: [{ memberId: 'M1', name: '张三', deptId: 'D01', exemplar: false, exempt: false }],
    });
  });

  test('a roster that is not text is a ConfigError', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'liangbang-roster-'));
    await writeFile(join(dir, 'departments.csv'), Buffer.from('dept_id,name\nD1,Caf\xe9\n', 'latin1'));
    await expect(readRoster(dir)).rejects.toThrow(/departments.csv: 文件既不是 UTF-8 也不是 GB18030/);
  });
});
