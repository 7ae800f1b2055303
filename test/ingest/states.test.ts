// What happens to each row (SPEC §1.4): every rejection reason, pending, duplicates and
// conflicting record ids (across files too), a member in two departments in one month,
// warnings, and the accounting identity per file, in the result and in ingest_report.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { counts, dataDir, ingestCase, runIngest, where } from './helpers.ts';

describe('rejections', () => {
  test('each reason names file, row and column, in Chinese', async () => {
    const { result } = await ingestCase('rejections');
    const file = 'exports/2026-03.csv';
    expect(counts(result, file)).toBe('16/5/1/0/10');
    const problems = result.problems.map((p) => `${p.row} ${p.column}: ${p.message} (${p.code})`);
    expect(problems).toEqual([
      '3 member_id: M9999 不在花名册（members.csv）中 (unknown_member)',
      '4 dept_id: D99 不在组织树（departments.csv）中 (unknown_department)',
      '5 month: “2026-13”不是可识别的月份；请写作 2026-03、2026/3、2026年3月 或 202603 (bad_month)',
      '6 points: “abc”不是数字 (bad_points)',
      '7 points: “1.234”超过两位小数 (too_many_decimals)',
      '8 item_code: “X77”不在积分项目目录中；自定义项目须填写积分类别 (unknown_item)',
      '9 category: “duty”与积分项目目录不符：该项目属于 basic（基础评价分） (category_mismatch)',
      '10 category: “nosuch”不是方案中的类别；请填写类别 id 或名称（basic/基础评价分、duty/履职尽责分、incentive/激励约束分、veto/一票否决项） (unknown_category)',
      '11 item_code: “ZZ9”不在积分项目目录中，而同一行的项目名称是目录项 B02；请改正编码 (unknown_item)',
      '12 item: 积分项目编码和积分项目都为空 (unknown_item)',
      '15 status: “待审核”不是已审定状态，暂不计分 (pending)',
    ]);
    expect(result.problems.every((p) => p.file === file)).toBe(true);
    expect(result.problemCounts).toEqual({
      unknown_member: 1,
      unknown_department: 1,
      bad_month: 1,
      bad_points: 1,
      too_many_decimals: 1,
      unknown_item: 3,
      category_mismatch: 1,
      unknown_category: 1,
      pending: 1,
    });
  });

  test('accepted rows are cleaned: spaces, code case, category and department by name', async () => {
    const { rows } = await ingestCase('rejections');
    expect(
      await rows(
        'SELECT row, member_id, dept_id, item_code, item_name, category_id, points FROM accepted_rows ORDER BY row',
      ),
    ).toEqual([
      {
        row: 2,
        member_id: 'M001',
        dept_id: 'D02',
        item_code: 'B01',
        item_name: '按时参加组织生活',
        category_id: 'basic',
        points: '5.00',
      },
      {
        row: 13,
        member_id: 'M001',
        dept_id: 'D02',
        item_code: 'B01',
        item_name: '按时参加组织生活',
        category_id: 'basic',
        points: '5.00',
      },
      {
        row: 14,
        member_id: 'M001',
        dept_id: 'D02',
        item_code: '自创项目',
        item_name: '自创项目',
        category_id: 'incentive',
        points: '2.00',
      },
      {
        row: 16,
        member_id: 'M001',
        dept_id: 'D02',
        item_code: 'B01',
        item_name: '按时参加组织生活',
        category_id: 'basic',
        points: '5.00',
      },
      {
        row: 17,
        member_id: 'M002',
        dept_id: 'D02',
        item_code: 'B01',
        item_name: '按时参加组织生活',
        category_id: 'basic',
        points: '5.00',
      },
    ]);
  });

  test('a name that differs from the roster is a warning, not a rejection', async () => {
    const { result } = await ingestCase('rejections');
    expect(result.warnings).toEqual([
      {
        file: 'exports/2026-03.csv',
        row: 17,
        column: 'name',
        code: 'name_mismatch',
        message: '“李四四”与花名册中 M002 的姓名“李四”不一致；仍按党员编号计分，请核对',
      },
    ]);
    expect(result.warningCounts).toEqual({ name_mismatch: 1 });
  });

  test('custom items are unknown items when the scheme does not allow them', async () => {
    const scheme = `organization: 测试党委
categories:
  - { id: basic, name: 基础评价分 }
items:
  - { code: B01, name: 按时参加组织生活, category: basic }
allow_custom_items: false
`;
    const csv =
      'member_id,month,item_code,item,category,points\nM001,2026-03,X1,自创,basic,5\nM001,2026-03,B01,,,5\n';
    const { result } = await ingestCase(null, { 'scheme.yaml': scheme, 'exports/c.csv': csv });
    expect(counts(result, 'exports/c.csv')).toBe('2/1/0/0/1');
    expect(result.problems[0]?.message).toBe(
      '“X1”不在积分项目目录中，且方案不允许自定义项目（allow_custom_items: false）',
    );
  });
});

describe('pending', () => {
  test('a status that is not approved is pending; no status column means approved', async () => {
    const csv = [
      'member_id,month,item_code,points,状态',
      'M001,2026-03,B01,1,已审定',
      'M001,2026-03,B01,2,待审核',
      'M001,2026-03,B01,3,',
      'M001,2026-03,B01,4,APPROVED',
      'M001,2026-03,B01,5, 通过 ',
      'M001,2026-03,B01,6,驳回',
    ].join('\n');
    const { result } = await ingestCase(null, {
      'exports/a.csv': csv,
      'exports/b.csv': 'member_id,month,item_code,points\nM001,2026-04,B01,1\n',
    });
    expect(counts(result, 'exports/a.csv')).toBe('6/3/3/0/0');
    expect(counts(result, 'exports/b.csv')).toBe('1/1/0/0/0');
    expect(where(result, 'pending')).toEqual(['exports/a.csv:3', 'exports/a.csv:4', 'exports/a.csv:7']);
    expect(result.problems.map((p) => p.message)).toEqual([
      '“待审核”不是已审定状态，暂不计分',
      '为空，视为未审定，暂不计分',
      '“驳回”不是已审定状态，暂不计分',
    ]);
    expect(result.problems.every((p) => p.status === 'pending' && p.column === '状态')).toBe(true);
  });
});

describe('record ids', () => {
  test('identical copies count once; different content rejects every copy, across files', async () => {
    const { result, rows } = await ingestCase('records');
    expect(counts(result, 'exports/a.csv')).toBe('6/2/0/1/3');
    expect(counts(result, 'exports/b.csv')).toBe('3/1/0/1/1');
    expect(where(result, 'duplicate')).toEqual(['exports/a.csv:3', 'exports/b.csv:3']);
    expect(where(result, 'record_conflict')).toEqual([
      'exports/a.csv:4',
      'exports/a.csv:6',
      'exports/a.csv:7',
      'exports/b.csv:2',
    ]);
    const byRow = Object.fromEntries(result.problems.map((p) => [`${p.file}:${p.row}`, p.message]));
    expect(byRow['exports/b.csv:3']).toBe('R3 与 exports/a.csv:5 的记录完全相同，只计一次');
    expect(byRow['exports/b.csv:2']).toBe(
      'R2 共出现 2 次且内容不同（第一次在 exports/a.csv:4），各次均不计分；请保留正确的一条',
    );
    expect(await rows('SELECT file, row, record_id FROM accepted_rows ORDER BY file, row')).toEqual([
      { file: 'exports/a.csv', row: 2, record_id: 'R1' },
      { file: 'exports/a.csv', row: 5, record_id: 'R3' },
      { file: 'exports/b.csv', row: 4, record_id: null },
    ]);
  });

  test('a pending copy does not make an approved one a duplicate', async () => {
    const csv = (status: string) =>
      `member_id,month,item_code,points,record_id,status\nM001,2026-03,B01,5,R1,${status}\n`;
    const { result } = await ingestCase(null, {
      'exports/a.csv': csv('待审核'),
      'exports/b.csv': csv('已审定'),
    });
    expect(counts(result, 'exports/a.csv')).toBe('1/0/1/0/0');
    expect(counts(result, 'exports/b.csv')).toBe('1/1/0/0/0');
  });
});

describe('two departments', () => {
  test('a member named in two departments in one month loses all that month’s rows, across files', async () => {
    const { result, rows } = await ingestCase('two-departments');
    expect(counts(result, 'exports/a.csv')).toBe('4/2/0/0/2');
    expect(counts(result, 'exports/b.csv')).toBe('2/1/0/0/1');
    expect(where(result, 'two_departments')).toEqual([
      'exports/a.csv:2',
      'exports/a.csv:3',
      'exports/b.csv:2',
    ]);
    expect(result.problems[0]?.message).toBe(
      '党员 M001 在 2026-03 同时记在 D02、D03 名下，该党员当月各行均不计分；请统一为一个支部',
    );
    expect(result.problems[0]?.column).toBe('dept_id');
    expect(await rows('SELECT file, row, member_id, dept_id FROM accepted_rows ORDER BY file, row')).toEqual([
      { file: 'exports/a.csv', row: 4, member_id: 'M001', dept_id: 'D02' },
      { file: 'exports/a.csv', row: 5, member_id: 'M003', dept_id: 'D03' },
      { file: 'exports/b.csv', row: 3, member_id: 'M003', dept_id: 'D03' },
    ]);
  });
});

describe('accounting', () => {
  test('per file, read = accepted + pending + duplicate + rejected, in the result and in ingest_report', async () => {
    const { result, rows } = await ingestCase('rejections', {
      'exports/records-a.csv':
        'member_id,month,item_code,points,record_id\nM001,2026-05,B01,5,Q1\nM001,2026-05,B01,5,Q1\n',
    });
    for (const f of result.files) expect(f.read).toBe(f.accepted + f.pending + f.duplicate + f.rejected);
    const sum = (key: 'read' | 'accepted' | 'pending' | 'duplicate' | 'rejected') =>
      result.files.reduce((n, f) => n + f[key], 0);
    expect(result.totals).toEqual({
      files: 2,
      read: sum('read'),
      accepted: sum('accepted'),
      pending: sum('pending'),
      duplicate: sum('duplicate'),
      rejected: sum('rejected'),
    });
    expect(
      await rows("SELECT file, reason FROM ingest_report WHERE status = 'summary' ORDER BY file"),
    ).toEqual([
      { file: 'exports/2026-03.csv', reason: 'read=16 accepted=5 pending=1 duplicate=0 rejected=10' },
      { file: 'exports/records-a.csv', reason: 'read=2 accepted=1 pending=0 duplicate=1 rejected=0' },
    ]);
    expect(await rows("SELECT count(*) AS n FROM ingest_report WHERE status <> 'summary'")).toEqual([
      { n: String(result.totals.read - result.totals.accepted) },
    ]);
    expect(await rows('SELECT count(*) AS n FROM accepted_rows')).toEqual([
      { n: String(result.totals.accepted) },
    ]);
    expect(
      await rows(
        "SELECT file, row, member_id, month, status, reason FROM ingest_report WHERE row = 3 AND file = 'exports/2026-03.csv'",
      ),
    ).toEqual([
      {
        file: 'exports/2026-03.csv',
        row: 3,
        member_id: 'M9999',
        month: '2026-03',
        status: 'rejected',
        reason: 'unknown_member: member_id M9999 不在花名册（members.csv）中',
      },
    ]);
  });
});

describe('reading files at once or in turn', () => {
  test('gives the same result and the same rows', async () => {
    const dir = await dataDir('records', await filesOf('two-departments'));
    const parallel = await runIngest(dir, true);
    const sequential = await runIngest(dir, false);
    expect(parallel.result).toEqual(sequential.result);
    const all = 'SELECT * FROM accepted_rows ORDER BY file, row';
    expect(await parallel.rows(all)).toEqual(await sequential.rows(all));
    const report = 'SELECT * FROM ingest_report ORDER BY file, row NULLS FIRST';
    expect(await parallel.rows(report)).toEqual(await sequential.rows(report));
  });
});

/** A fixture's exports as files for dataDir, renamed so they sort after the others. */
async function filesOf(fixture: string): Promise<Record<string, string>> {
  const dir = new URL(`../fixtures/ingest/${fixture}/exports/`, import.meta.url);
  const files: Record<string, string> = {};
  for (const name of await readdir(dir))
    files[`exports/z-${name}`] = await readFile(new URL(name, dir), 'utf8');
  return files;
}

describe('contract tables', () => {
  test('the scheme, tree and roster are loaded as docs/architecture.md describes', async () => {
    const { rows } = await ingestCase('long-basic');
    expect(await rows('SELECT * FROM scheme_categories ORDER BY sort')).toEqual([
      {
        category_id: 'basic',
        name: '基础评价分',
        weight: '1.0000',
        min_points: '0.00',
        max_points: '60.00',
        is_veto: false,
        sort: 0,
      },
      {
        category_id: 'duty',
        name: '履职尽责分',
        weight: '1.0000',
        min_points: null,
        max_points: null,
        is_veto: false,
        sort: 1,
      },
      {
        category_id: 'incentive',
        name: '激励约束分',
        weight: '1.0000',
        min_points: '-20.00',
        max_points: '20.00',
        is_veto: false,
        sort: 2,
      },
      {
        category_id: 'veto',
        name: '一票否决项',
        weight: '1.0000',
        min_points: null,
        max_points: null,
        is_veto: true,
        sort: 3,
      },
    ]);
    expect(await rows("SELECT * FROM scheme_items WHERE item_code = 'B01'")).toEqual([
      {
        item_code: 'B01',
        name: '按时参加组织生活',
        category_id: 'basic',
        min_points: null,
        max_points: '10.00',
      },
    ]);
    expect(await rows('SELECT * FROM scheme_settings')).toEqual([
      { year_points: 'sum', exemplar_mode: 'top_percent', exemplar_percent: '10.0000', veto_tier: '不合格' },
    ]);
    expect(await rows('SELECT count(*) AS n FROM scheme_tiers')).toEqual([{ n: '0' }]);
    expect(await rows('SELECT * FROM departments ORDER BY dept_id LIMIT 2')).toEqual([
      { dept_id: 'D01', name: '测试党委', parent_id: null, kind: '党委', sort: 1 },
      { dept_id: 'D02', name: '第一党支部', parent_id: 'D01', kind: '党支部', sort: 1 },
    ]);
    expect(
      await rows("SELECT * FROM members WHERE member_id IN ('M004', 'M005') ORDER BY member_id"),
    ).toEqual([
      { member_id: 'M004', name: '赵六', dept_id: 'D03', exemplar: true, exempt: false },
      { member_id: 'M005', name: '钱七', dept_id: 'D04', exemplar: false, exempt: true },
    ]);
  });
});
