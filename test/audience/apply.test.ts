// The audience step (src/audience/apply.ts) on a real ingest of a small data folder and on the
// site fixture: what the public build keeps, what it drops, and that the committee's is untouched.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runAnalytics } from '../../src/analytics/run.ts';
import { applyAudience } from '../../src/audience/apply.ts';
import { type Ingested, openIngested } from '../../src/pipeline.ts';
import { writeExploreData } from '../../src/tables/explore-data.ts';
import { writeScreenData } from '../../src/tables/screen-data.ts';
import { addExploreInputs } from '../explore/fixture.ts';
import { HTML_NAME, openFixture, SECRETS } from '../site/fixture.ts';

const MEMBERS = [
  { id: 'M1', name: '欧阳明华', masked: '欧阳*华' },
  { id: 'M2', name: '张三', masked: '张*' },
  { id: 'M3', name: 'John Smith', masked: 'J********h' },
  { id: 'M4', name: '王😀明', masked: '王*明' },
];
const NOTES = ['加班备注甲', '待审备注乙', '拒绝备注丙'];
const APPROVERS = ['审定人赵书记', '审定人钱委员'];
const APPROVED_AT = '2026-04-02';
const PENDING_RECORD = 'R-PEND-1';
const REJECTED_RECORD = 'R-REJ-1';
/** A name an export writes differently from the roster: kept by the ingest for its warning. */
const NAME_AS_WRITTEN = '张叁';

const HEADER = 'member_id,name,month,item_code,category,points,status,record_id,note,approver,approved_at';
const ROWS = [
  `M1,欧阳明华,2026-03,B01,basic,5,已审定,R-ACC-1,${NOTES[0]},${APPROVERS[0]},${APPROVED_AT}`,
  `M2,张三,2026-03,B01,basic,4,已审定,R-ACC-2,,${APPROVERS[0]},${APPROVED_AT}`,
  `M3,John Smith,2026-03,B01,basic,3,已审定,R-ACC-3,,${APPROVERS[0]},${APPROVED_AT}`,
  `M4,王😀明,2026-03,B01,basic,2,已审定,R-ACC-4,,${APPROVERS[0]},${APPROVED_AT}`,
  `M2,${NAME_AS_WRITTEN},2026-03,B01,basic,9,待审核,${PENDING_RECORD},${NOTES[1]},,`,
  `M9,查无此人,2026-03,B01,basic,1,已审定,${REJECTED_RECORD},${NOTES[2]},${APPROVERS[1]},2026-04-03`,
];

/** What the public may never find in the database after the step. */
const PRIVATE = [
  ...MEMBERS.map((m) => m.name),
  NAME_AS_WRITTEN,
  ...NOTES,
  ...APPROVERS,
  APPROVED_AT,
  PENDING_RECORD,
  REJECTED_RECORD,
  'R-ACC-1',
];

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'liangbang-audience-'));
  await mkdir(join(dataDir, 'exports'));
  await writeFile(
    join(dataDir, 'scheme.yaml'),
    [
      'organization: 受众测试党委',
      'categories:',
      '  - { id: basic, name: 基础评价分 }',
      '  - { id: veto, name: 一票否决项, veto: true }',
      'items:',
      '  - { code: B01, name: 按时参加组织生活, category: basic }',
      'privacy:',
      '  public_names: masked',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dataDir, 'departments.csv'),
    'dept_id,name,parent_id\nD1,受众测试党委,\nD2,第一党支部,D1\n',
  );
  await writeFile(
    join(dataDir, 'members.csv'),
    `member_id,name,dept_id\n${MEMBERS.map((m) => `${m.id},${m.name},D2`).join('\n')}\n`,
  );
  await writeFile(join(dataDir, 'exports', '2026-03.csv'), `${HEADER}\n${ROWS.join('\n')}\n`);
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function ingested(): Promise<Ingested> {
  const run = await openIngested(dataDir);
  await runAnalytics(run.conn);
  return run;
}

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

/** Every row of every table and view, and every user type's labels, as one text. */
async function everything(conn: DuckDBConnection): Promise<string> {
  const relations = await rows(
    conn,
    `SELECT database_name, schema_name, table_name AS name FROM duckdb_tables() WHERE NOT internal
     UNION ALL SELECT database_name, schema_name, view_name FROM duckdb_views() WHERE NOT internal`,
  );
  const parts = [JSON.stringify(await rows(conn, 'SELECT * FROM duckdb_types() WHERE NOT internal'))];
  for (const r of relations) {
    const name = [r.database_name, r.schema_name, r.name].map((p) => `"${String(p)}"`).join('.');
    parts.push(`${name}: ${JSON.stringify(await rows(conn, `SELECT * FROM ${name}`))}`);
  }
  return parts.join('\n');
}

describe('the public audience on a real ingest', () => {
  let run: Ingested;
  let before: { accepted: Record<string, unknown>[]; order: Record<string, unknown>[]; text: string };

  beforeAll(async () => {
    run = await ingested();
    expect(run.result.totals).toMatchObject({ accepted: 4, pending: 1, rejected: 1 });
    before = {
      accepted: await rows(run.conn, 'SELECT * FROM accepted_rows ORDER BY file, row'),
      order: await rows(run.conn, 'SELECT period_type, period, member_id FROM standings'),
      text: await everything(run.conn),
    };
    await applyAudience(run.conn, { audience: 'public', publicNames: 'masked' });
  });

  afterAll(() => run?.close());

  test('before the step, the scan finds every private text (so it can find them)', () => {
    for (const secret of PRIVATE) expect(before.text, secret).toContain(secret);
  });

  test('no full name, note, approver, approval date or pending or rejected row is left anywhere', async () => {
    const text = await everything(run.conn);
    for (const secret of PRIVATE) expect(text, secret).not.toContain(secret);
  });

  test('the ingest report and every ingest table, view and type are gone', async () => {
    const left = await rows(
      run.conn,
      `SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'ingest%'
       UNION ALL SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'ingest%' OR view_name = 'accepted_rows'
       UNION ALL SELECT type_name FROM duckdb_types() WHERE type_name LIKE 'ingest%'`,
    );
    expect(left).toEqual([]);
  });

  test('accepted_rows keeps its columns and rows, with record ids, notes, approvers and dates empty', async () => {
    const after = await rows(run.conn, 'SELECT * FROM accepted_rows ORDER BY file, row');
    expect(after).toHaveLength(4);
    expect(after).toEqual(
      before.accepted.map((r) => ({ ...r, record_id: null, note: null, approver: null, approved_at: null })),
    );
  });

  test('every table with a member name holds the masked name, rows in their stored order', async () => {
    const expected = MEMBERS.map((m) => ({ member_id: m.id, name: m.masked }));
    expect(await rows(run.conn, 'SELECT member_id, name FROM members ORDER BY member_id')).toEqual(expected);
    for (const table of ['standings', 'tiers', 'member_keys']) {
      const names = await rows(run.conn, `SELECT DISTINCT member_id, name FROM ${table} ORDER BY member_id`);
      expect(names, table).toEqual(expected);
    }
    expect(await rows(run.conn, 'SELECT period_type, period, member_id FROM standings')).toEqual(
      before.order,
    );
  });
});

test('the public audience with full names keeps the names and drops the rest', async () => {
  const run = await ingested();
  try {
    await applyAudience(run.conn, { audience: 'public', publicNames: 'full' });
    const names = await rows(run.conn, 'SELECT name FROM members ORDER BY member_id');
    expect(names.map((r) => r.name)).toEqual(MEMBERS.map((m) => m.name));
    const text = await everything(run.conn);
    for (const secret of [...NOTES, ...APPROVERS, PENDING_RECORD, REJECTED_RECORD, NAME_AS_WRITTEN]) {
      expect(text, secret).not.toContain(secret);
    }
  } finally {
    run.close();
  }
});

test('the committee audience leaves every table as it was', async () => {
  const run = await ingested();
  try {
    const before = await everything(run.conn);
    await applyAudience(run.conn, { audience: 'committee', publicNames: 'masked' });
    expect(await everything(run.conn)).toBe(before);
  } finally {
    run.close();
  }
});

test('on the site fixture (tables, not the ingest view), the writers publish the masked names they get', async () => {
  const { conn, close } = await openFixture();
  const dir = await mkdtemp(join(tmpdir(), 'liangbang-audience-writers-'));
  try {
    await addExploreInputs(conn);
    await applyAudience(conn, { audience: 'public', publicNames: 'masked' });
    expect(
      await rows(
        conn,
        'SELECT note, approver FROM accepted_rows WHERE note IS NOT NULL OR approver IS NOT NULL',
      ),
    ).toEqual([]);
    expect(
      await rows(conn, "SELECT table_name FROM duckdb_tables() WHERE table_name = 'ingest_report'"),
    ).toEqual([]);
    await writeScreenData(conn, { organization: '示例' }, dir);
    await writeExploreData(conn, dir, { precompress: false });
    const screen = await readFile(join(dir, 'public', 'screen', 'data', 'all.json'), 'utf8');
    expect(screen).toContain('"张*"');
    expect(screen).not.toContain('张伟');
    const arrow = tableFromIPC(await readFile(join(dir, 'public', 'explore', 'B1', 'standings.arrow')))
      .toArray()
      .map((r) => r.toJSON());
    expect(arrow.find((r) => r.member_id === 'M01')?.name).toBe('张*');
    expect(arrow.find((r) => r.member_id === 'M04')?.name).toBe('<******>');
    expect(arrow.some((r) => r.name === HTML_NAME)).toBe(false);
    for (const secret of SECRETS) expect(screen).not.toContain(secret);
  } finally {
    close();
    await rm(dir, { recursive: true, force: true });
  }
});
