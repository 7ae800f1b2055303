// The leak scan (issue 8, "Audiences"): the demo data, with privacy.public_names: masked, built
// by the CLI for the public and for the committee. Every file of the public site — Arrow and
// WebAssembly included, .br/.gz copies decompressed, JSON/HTML/URL escapes undone — is searched
// for every full member name, every note, approver and approval date, every pending row's record
// id and the ingest report's texts. The committee's site of the same data is searched the same
// way and must hold the names and the report, so the scan is known to find what it looks for;
// notes, approvers and record ids reach no page of either site, so planted copies prove it finds
// those. The demo exports have no approver column: a small extra export with approvers, approval
// dates and notes is added to the copy, so that those are looked for too.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createMaskMacros } from '../../src/audience/apply.ts';
import { detectDelimiter, firstLine, parseCsv } from '../../src/config/csv.ts';
import { decodeBytes } from '../../src/config/encoding.ts';
import { readRoster } from '../../src/config/roster.ts';
import { headerKey } from '../../src/config/table.ts';
import { FIELD_ALIASES, type Field } from '../../src/ingest/header.ts';
import { openIngested } from '../../src/pipeline.ts';
import { OUTPUT_TABLES } from '../../src/tables/write.ts';
import { projectRoot, runCli } from '../helpers/cli.ts';
import { createScanner, scanTree } from '../helpers/leak-scan.ts';

/** What the extra export adds: approved and pending rows with approvers, dates and notes. */
const EXTRA = {
  file: 'exports/2026-10-审定.csv',
  approvers: ['审定人欧阳振华', '审定人司马文静'],
  approvedAt: ['2026-11-03 09:15', '2026-11-03 09:16'],
  notes: ['审定备注：社区志愿服务两次（附照片）', '待审：证明材料尚未提交'],
  records: ['AUD-2026-0001', 'AUD-2026-0002', 'AUD-2026-0003'],
};

interface Needles {
  /** Full names of the roster (those not explained by public text, see `guarded`). */
  names: string[];
  /** Notes (and the lines and quoted parts of multi-part notes), approvers, approval dates. */
  notes: string[];
  approvers: string[];
  /** Record ids of the rows the ingest did not accept (pending here). */
  records: string[];
  /** Texts of the ingest report: the reasons and the per-file summaries. */
  report: string[];
  /** Needles left out because public text (the tree, the scheme, the pages' own words) holds them. */
  guarded: string[];
}

let work: string;
let dataDir: string;
let publicDist: string;
let committeeDist: string;
let needles: Needles;
/** member_id → [full name, masked name], as the audience step masks it (src/audience/mask.sql). */
const roster = new Map<string, { name: string; masked: string }>();
/** `file,row,` of each row the ingest did not accept, as the report's CSV starts it. */
let reportRows: string[] = [];

const field = (headers: string[], name: Field): number =>
  headers.findIndex((h) => [name, ...FIELD_ALIASES[name]].some((alias) => headerKey(alias) === headerKey(h)));

/** Every row of every export, decoded by the project's decoder (some exports are GB18030). */
async function readExports(dir: string): Promise<{ file: string; row: number; get: (f: Field) => string }[]> {
  const out: { file: string; row: number; get: (f: Field) => string }[] = [];
  for (const name of (await readdir(join(dir, 'exports'))).sort()) {
    const decoded = decodeBytes(await readFile(join(dir, 'exports', name)));
    if (!decoded.ok) throw new Error(`exports/${name}: ${decoded.problem}`);
    const [header, ...records] = parseCsv(decoded.text, detectDelimiter(firstLine(decoded.text)));
    const headers = header?.fields ?? [];
    for (const r of records) {
      out.push({
        file: `exports/${name}`,
        row: r.row,
        get: (f) => {
          const i = field(headers, f);
          return i < 0 ? '' : (r.fields[i] ?? '').trim();
        },
      });
    }
  }
  return out;
}

/**
 * A note and each of its lines and quoted or comma-separated parts of four characters or more,
 * which a CSV or HTML file may carry apart (a CSV doubles the quotes, a page breaks the lines).
 */
function noteParts(note: string): string[] {
  const parts = note.split(/[\r\n",，]+/).filter((p) => p !== note && [...p].length >= 4);
  return [note, ...parts];
}

async function textOfFolder(dir: string): Promise<string> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const texts = await Promise.all(files.map((e) => readFile(join(e.parentPath, e.name), 'utf8')));
  return texts.join('\n');
}

async function collectNeedles(): Promise<Needles> {
  const run = await openIngested(dataDir);
  const query = async (sql: string) => (await run.conn.runAndReadAll(sql)).getRowObjectsJS();
  try {
    await createMaskMacros(run.conn);
    for (const m of await query(
      'SELECT member_id, name, audience_masked_name(name) AS masked FROM members',
    )) {
      roster.set(String(m.member_id), { name: String(m.name), masked: String(m.masked) });
    }
    const report = await query('SELECT file, row, status, reason FROM ingest_report');
    const notAccepted = report.filter((r) => r.status !== 'summary');
    reportRows = notAccepted.map((r) => `${r.file},${r.row},`);
    const notAcceptedKeys = new Set(notAccepted.map((r) => `${r.file}:${r.row}`));
    const publicTexts = await query(`
      SELECT name AS t FROM departments UNION SELECT name FROM scheme_categories
      UNION SELECT name FROM scheme_items UNION SELECT name FROM scheme_tiers
      UNION SELECT veto_tier FROM scheme_settings UNION SELECT item_name FROM accepted_rows`);
    const rows = await readExports(dataDir);
    const notes = new Set<string>();
    const approvers = new Set<string>();
    const records = new Set<string>();
    for (const r of rows) {
      if (r.get('note')) for (const part of noteParts(r.get('note'))) notes.add(part);
      if (r.get('approver')) approvers.add(r.get('approver'));
      if (r.get('approved_at')) approvers.add(r.get('approved_at'));
      if (notAcceptedKeys.has(`${r.file}:${r.row}`) && r.get('record_id')) records.add(r.get('record_id'));
    }
    // Text the public may see: the tree, the scheme's names, custom items, the organisation,
    // and every word the pages, components and scripts are written with.
    const corpus = [
      ...publicTexts.map((r) => String(r.t ?? '')),
      (await readRoster(dataDir)).departments.map((d) => d.name).join('\n'),
      await readFile(join(dataDir, 'scheme.yaml'), 'utf8'),
      await textOfFolder(join(projectRoot, 'src')),
    ].join('\n');
    const all = {
      names: [...new Set([...roster.values()].map((m) => m.name))],
      notes: [...notes],
      approvers: [...approvers],
      records: [...records],
      report: [...new Set(report.map((r) => String(r.reason)))],
    };
    const flat = Object.values(all).flat();
    const explained = createScanner(flat).scan(new TextEncoder().encode(corpus));
    const guarded = new Set([...explained].map((i) => flat[i] ?? ''));
    const keep = (list: string[]) => list.filter((n) => !guarded.has(n));
    return {
      names: keep(all.names),
      notes: keep(all.notes),
      approvers: keep(all.approvers),
      records: keep(all.records),
      report: keep(all.report),
      guarded: [...guarded],
    };
  } finally {
    run.close();
  }
}

function build(audience: 'public' | 'committee', out: string): void {
  const run = runCli(['build', '--data', dataDir, '--out', out, '--audience', audience]);
  expect(run.stderr, audience).toBe('');
  expect(run.status, audience).toBe(0);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'liangbang-audience-leak-'));
  dataDir = join(work, 'data');
  await cp(join(projectRoot, 'data'), dataDir, { recursive: true });
  const scheme = await readFile(join(dataDir, 'scheme.yaml'), 'utf8');
  expect(scheme).toMatch(/^ {2}public_names: full$/m);
  await writeFile(join(dataDir, 'scheme.yaml'), scheme.replace(/^( {2}public_names:) full$/m, '$1 masked'));
  const [a, b, c] = (await readRoster(dataDir)).members;
  if (!a || !b || !c) throw new Error('the demo roster has fewer than three members');
  await writeFile(
    join(dataDir, EXTRA.file),
    [
      'member_id,name,month,item_code,item,category,points,status,record_id,note,approver,approved_at',
      `${a.memberId},${a.name},2026-10,J03,志愿服务,incentive,1,已审定,${EXTRA.records[0]},${EXTRA.notes[0]},${EXTRA.approvers[0]},${EXTRA.approvedAt[0]}`,
      `${b.memberId},${b.name},2026-10,J03,志愿服务,incentive,1,已审定,${EXTRA.records[1]},,${EXTRA.approvers[1]},${EXTRA.approvedAt[1]}`,
      `${c.memberId},${c.name},2026-10,J03,志愿服务,incentive,1,待审核,${EXTRA.records[2]},${EXTRA.notes[1]},,`,
      '',
    ].join('\n'),
  );
  publicDist = join(work, 'public');
  committeeDist = join(work, 'committee');
  build('public', publicDist);
  build('committee', committeeDist);
  needles = await collectNeedles();
}, 900_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('the needles: every member, the notes, the approvers, the pending rows; few explained by public text', () => {
  expect(roster.size).toBe(800);
  // Two-character names can be words of the pages or part of a department's name; they are
  // left out (and listed), and only a few may be.
  const guardedNames = needles.guarded.filter((n) => [...roster.values()].some((m) => m.name === n));
  expect(guardedNames.length, guardedNames.join(' ')).toBeLessThanOrEqual(8);
  expect(needles.names.length).toBeGreaterThanOrEqual(roster.size - 8 - 40); // 40: shared names
  for (const note of EXTRA.notes) expect(needles.notes).toContain(note);
  expect(needles.notes.length).toBeGreaterThanOrEqual(20);
  expect(needles.approvers).toEqual(expect.arrayContaining([...EXTRA.approvers, ...EXTRA.approvedAt]));
  expect(needles.records).toContain(EXTRA.records[2]);
  expect(needles.records.length).toBeGreaterThanOrEqual(50);
  expect(needles.report.some((r) => r.startsWith('read='))).toBe(true);
  expect(needles.guarded.filter((n) => !guardedNames.includes(n))).toEqual([]);
});

test('the scan finds planted text in every form it looks for', async () => {
  const planted = join(work, 'planted');
  await mkdir(planted);
  const [note = '', other = ''] = EXTRA.notes;
  const [approver = '', unplanted = ''] = EXTRA.approvers;
  const record = EXTRA.records[2] ?? '';
  const name = needles.names[0] ?? '';
  const json = (text: string) =>
    [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  const html = (text: string) => [...text].map((c) => `&#x${c.codePointAt(0)?.toString(16)};`).join('');
  await writeFile(join(planted, 'a.json'), `{"x":"${json(note)}"}`);
  await writeFile(join(planted, 'b.html'), `<p>${html(other)}</p>`);
  await writeFile(join(planted, 'c.txt'), `q=${encodeURIComponent(approver)}`);
  await writeFile(
    join(planted, 'd.arrow.br'),
    brotliCompressSync(Buffer.from(`\0\u0001${record}\0`.repeat(50))),
  );
  await writeFile(join(planted, 'e.js.gz'), gzipSync(Buffer.from(`x="${name}";`.repeat(50))));
  const { hits } = await scanTree(planted, [note, other, approver, record, name, unplanted]);
  const found = hits.map((h) => `${h.file} ${h.needle}`);
  expect(found).toEqual(
    expect.arrayContaining([
      `a.json ${note}`,
      `b.html ${other}`,
      `c.txt ${approver}`,
      `d.arrow.br (decompressed) ${record}`,
      `e.js.gz (decompressed) ${name}`,
    ]),
  );
  expect(found.filter((h) => h.endsWith(unplanted))).toEqual([]);
});

test("the committee's site holds every full name and the ingest report: the scan finds them", async () => {
  const scan = await scanTree(committeeDist, [...needles.names, ...needles.report]);
  const found = new Set(scan.hits.map((h) => h.needle));
  expect(needles.names.filter((n) => !found.has(n))).toEqual([]);
  expect(needles.report.filter((r) => !found.has(r))).toEqual([]);
});

test('the public site holds no full name, note, approver, approval date, pending row or report text', async () => {
  const scan = await scanTree(publicDist, [
    ...needles.names,
    ...needles.notes,
    ...needles.approvers,
    ...needles.records,
    ...needles.report,
  ]);
  expect(scan.files).toBeGreaterThan(900);
  expect(scan.hits.slice(0, 30)).toEqual([]);
});

test('no download in the public site; /data/ with the six CSV files in the committee’s', async () => {
  const publicFiles = await readdir(publicDist, { recursive: true });
  expect(existsSync(join(publicDist, 'data'))).toBe(false);
  expect(publicFiles.filter((f) => /\.(csv|parquet|zip|zst|xz|bz2|7z)$|ingest_report/i.test(f))).toEqual([]);
  const home = await readFile(join(publicDist, 'index.html'), 'utf8');
  expect(home).not.toContain('href="/data/"');
  expect(home).not.toContain('数据下载');

  const published = (await readdir(join(committeeDist, 'data'))).sort();
  expect(published).toEqual([...OUTPUT_TABLES.map((t) => `${t.name}.csv`), 'index.html'].sort());
  const committeeHome = await readFile(join(committeeDist, 'index.html'), 'utf8');
  expect(committeeHome).toContain('href="/data/"');
  const report = await readFile(join(committeeDist, 'data', 'ingest_report.csv'), 'utf8');
  expect(reportRows.length).toBeGreaterThan(50);
  for (const row of reportRows) expect(report).toContain(`\n${row}`);
});

test('the public screens, search index, Arrow files and pages show the masked names', async () => {
  const masked = new Set([...roster.values()].map((m) => m.masked));
  const search = JSON.parse(await readFile(join(publicDist, 'search.json'), 'utf8')) as string[][];
  expect(search).toHaveLength(roster.size);
  for (const [id = '', name] of search) expect(name, id).toBe(roster.get(id)?.masked);

  const screen = JSON.parse(await readFile(join(publicDist, 'screen', 'data', 'all.json'), 'utf8')) as {
    month: { rows: { name: string }[] } | null;
  };
  const shown = screen.month?.rows.map((r) => r.name) ?? [];
  expect(shown.length).toBeGreaterThan(10);
  for (const name of shown) expect(masked.has(name) && name.includes('*'), name).toBe(true);

  const root = (await readRoster(dataDir)).departments.find((d) => d.parentId === null)?.deptId ?? '';
  const arrow = tableFromIPC(await readFile(join(publicDist, 'explore', root, 'standings.arrow')))
    .toArray()
    .map((r) => r.toJSON() as { member_id: string; name: string });
  expect(arrow.length).toBeGreaterThan(roster.size);
  for (const r of arrow) expect(r.name, r.member_id).toBe(roster.get(r.member_id)?.masked);

  const [id, member] = [...roster.entries()][0] ?? ['', { name: '', masked: '' }];
  const page = await readFile(join(publicDist, 'member', id, 'index.html'), 'utf8');
  expect(page).toContain(`<h1>${member.masked}`);
  const committeePage = await readFile(join(committeeDist, 'member', id, 'index.html'), 'utf8');
  expect(committeePage).toContain(`<h1>${member.name}`);
  const committeeSearch = JSON.parse(
    await readFile(join(committeeDist, 'search.json'), 'utf8'),
  ) as string[][];
  expect(committeeSearch.find((r) => r[0] === id)?.[1]).toBe(member.name);
});
