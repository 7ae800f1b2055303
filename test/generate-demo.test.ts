import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const script = join(root, 'scripts', 'generate-demo.ts');
const data = join(root, 'data');

const run = promisify(execFile);
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** Runs the generator as a process in a fresh temp folder with `--out demo`; resolves to the folder written. */
async function generate(args: string[]): Promise<string> {
  const cwd = mkdtempSync(join(tmpdir(), 'liangbang-demo-'));
  temps.push(cwd);
  const { stderr } = await run(process.execPath, [script, ...args, '--out', 'demo'], {
    cwd,
    encoding: 'utf8',
  });
  expect(stderr).toContain('已写入');
  return join(cwd, 'demo');
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

function sameTree(a: string, b: string): boolean {
  const files = listFiles(a);
  if (files.join('\n') !== listFiles(b).join('\n')) return false;
  return files.every((f) => readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
}

const SMALL = ['--members', '60', '--months', '4', '--start', '2026-01'];

describe('generator determinism', () => {
  test('the same arguments give byte-identical folders; another seed gives other data', async () => {
    const [a, b, c] = await Promise.all([
      generate([...SMALL, '--seed', '7']),
      generate([...SMALL, '--seed', '7']),
      generate([...SMALL, '--seed', '8']),
    ]);
    expect(listFiles(a)).toEqual([
      'departments.csv',
      'exports/2026-01.csv',
      'exports/2026-02.csv',
      'exports/2026-03.csv',
      'exports/2026-04.csv',
      'members.csv',
      'scheme.yaml',
    ]);
    expect(sameTree(a, b)).toBe(true);
    expect(sameTree(a, c)).toBe(false);
    expect(readFileSync(join(a, 'members.csv'))).not.toEqual(readFileSync(join(c, 'members.csv')));
    expect(readFileSync(join(a, 'exports/2026-01.csv'))).not.toEqual(
      readFileSync(join(c, 'exports/2026-01.csv')),
    );
  });

  test('a usage error exits 2 and names the option', () => {
    const result = spawnSync(process.execPath, [script, '--members', 'many'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--members');
  });
});

// ---- the committed demo folder -------------------------------------------------------------

type Row = Record<string, string>;

const ZH_HEADERS: Record<string, string> = {
  党员编号: 'member_id',
  姓名: 'name',
  月份: 'month',
  项目编码: 'item_code',
  积分项目: 'item',
  积分类别: 'category',
  分值: 'points',
  审核状态: 'status',
  记录编号: 'record_id',
  备注: 'note',
  支部编号: 'dept_id',
};

function readCsv(text: string): Row[] {
  return parse(text, {
    bom: true,
    columns: (header: string[]) => header.map((h) => ZH_HEADERS[h] ?? h),
  }) as Row[];
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** `2026-03` or `2026年3月` → `2026-03`. */
function normaliseMonth(text: string): string {
  const zh = /^(\d{4})年(\d{1,2})月$/.exec(text);
  return zh ? `${zh[1]}-${(zh[2] ?? '').padStart(2, '0')}` : text;
}

interface ExportFile {
  name: string;
  gb18030: boolean;
  text: string;
  rows: Row[];
}

function readExports(): ExportFile[] {
  const dir = join(data, 'exports');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      const gb18030 = !isUtf8(bytes);
      const text = gb18030 ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8');
      return { name, gb18030, text, rows: readCsv(text) };
    });
}

describe('the committed demo folder data/', () => {
  const departments = readCsv(readFileSync(join(data, 'departments.csv'), 'utf8'));
  const members = readCsv(readFileSync(join(data, 'members.csv'), 'utf8'));
  const scheme = parseYaml(readFileSync(join(data, 'scheme.yaml'), 'utf8')) as Record<string, unknown>;
  const files = readExports();
  const rows = files.flatMap((f) => f.rows);
  const roster = new Map(members.map((m) => [m.member_id, m]));
  const deptIds = new Set(departments.map((d) => d.dept_id));
  const catalogue = new Map(
    (scheme.items as { code: string; name: string; category: string }[]).map((i) => [i.code, i]),
  );
  const categories = scheme.categories as { id: string; name: string; veto?: boolean }[];
  const categoryId = (text: string | undefined) =>
    categories.find((c) => c.id === text || c.name === text)?.id;

  test('scheme.yaml uses only SPEC §1.1 keys and says how it was generated', () => {
    const allowed = [
      'organization',
      'categories',
      'items',
      'allow_custom_items',
      'approved_statuses',
      'ranking',
      'year_points',
      'exemplars',
      'tiers',
      'veto_tier',
      'privacy',
    ];
    for (const key of Object.keys(scheme)) expect(allowed).toContain(key);
    expect(scheme.organization).toBe('辽河石化公司党委');
    expect(categories.map((c) => c.id)).toEqual(['basic', 'duty', 'incentive', 'veto']);
    expect(catalogue.size).toBeGreaterThanOrEqual(25);
    expect(readFileSync(join(data, 'scheme.yaml'), 'utf8')).toMatch(
      /^# .*npx node scripts\/generate-demo\.ts .*--out data\n/,
    );
  });

  test('14 monthly files with consecutive months, both GB18030 and UTF-8', () => {
    expect(files).toHaveLength(14);
    const months = files.map((f) => f.name.replace('.csv', ''));
    months.forEach((month, i) => {
      if (i === 0) return;
      const [y, m] = (months[i - 1] ?? '').split('-').map(Number) as [number, number];
      const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      expect(month).toBe(next);
    });
    expect(months.at(-1)).toBe('2026-10');
    for (const file of files) {
      const month = file.name.replace('.csv', '');
      expect(new Set(file.rows.map((r) => normaliseMonth(r.month ?? '')))).toEqual(new Set([month]));
    }
    const gb = files.filter((f) => f.gb18030);
    expect(gb.length).toBeGreaterThan(0);
    for (const file of gb) expect(file.text.startsWith('党员编号,')).toBe(true);
    expect(files.some((f) => !f.gb18030)).toBe(true);
  });

  test('the tree: one 党委 root, 2–3 党总支, 20–30 党支部, every parent known', () => {
    const roots = departments.filter((d) => d.parent_id === '');
    expect(roots).toHaveLength(1);
    expect(roots[0]?.kind).toBe('党委');
    const kinds = (k: string) => departments.filter((d) => d.kind === k).length;
    expect(kinds('党总支')).toBeGreaterThanOrEqual(2);
    expect(kinds('党总支')).toBeLessThanOrEqual(3);
    expect(kinds('党支部')).toBeGreaterThanOrEqual(20);
    expect(kinds('党支部')).toBeLessThanOrEqual(30);
    for (const d of departments) if (d.parent_id) expect(deptIds.has(d.parent_id)).toBe(true);
    expect(deptIds.size).toBe(departments.length);
  });

  test('the roster: ~800 unique members in branches, ~10 exemplars, 2 exempt', () => {
    expect(members.length).toBeGreaterThanOrEqual(750);
    expect(members.length).toBeLessThanOrEqual(850);
    expect(roster.size).toBe(members.length);
    const branches = new Set(departments.filter((d) => d.kind === '党支部').map((d) => d.dept_id));
    for (const m of members) expect(branches.has(m.dept_id ?? '')).toBe(true);
    const exemplars = members.filter((m) => m.exemplar === '1').length;
    expect(exemplars).toBeGreaterThanOrEqual(8);
    expect(exemplars).toBeLessThanOrEqual(12);
    expect(members.filter((m) => m.exempt === '1')).toHaveLength(2);
  });

  test('every export row names a known member (by its roster name), department and item', () => {
    const problems: string[] = [];
    for (const r of rows) {
      const member = roster.get(r.member_id ?? '');
      const category = categoryId(r.category);
      if (!member || r.name !== member.name) problems.push(`member ${r.member_id} ${r.name}`);
      if (!deptIds.has(r.dept_id ?? '')) problems.push(`dept ${r.dept_id}`);
      if (!/^-?\d+(\.5)?$/.test(r.points ?? '')) problems.push(`points ${r.points}`);
      if (!category) problems.push(`category ${r.category}`);
      if (r.item_code && catalogue.get(r.item_code)?.category !== category)
        problems.push(`item ${r.item_code}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(new Set(rows.map((r) => r.record_id)).size).toBe(rows.length);
  });

  test('pending, veto, deduction and custom-item rows are all present', () => {
    expect(rows.length).toBeGreaterThan(80_000);
    const pending = rows.filter((r) => r.status !== '已审定');
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((r) => r.status === '待审核')).toBe(true);
    const veto = rows.filter((r) => categoryId(r.category) === 'veto');
    expect(veto.length).toBeGreaterThanOrEqual(2);
    expect(veto.every((r) => Number(r.points) === 0)).toBe(true);
    const deductions = rows.filter((r) => Number(r.points) < 0).length / rows.length;
    expect(deductions).toBeGreaterThanOrEqual(0.03);
    expect(deductions).toBeLessThanOrEqual(0.08);
    const custom = rows.filter((r) => r.item_code === '');
    expect(custom.length).toBeGreaterThan(0);
    const names = new Set([...catalogue.values()].map((i) => i.name));
    for (const r of custom) {
      expect(names.has(r.item ?? '')).toBe(false);
      expect(categoryId(r.category)).toBeDefined();
    }
  });

  test('notes exercise CSV quoting: a comma, a quote and a line break', () => {
    const notes = rows.map((r) => r.note ?? '');
    expect(notes.some((n) => n.includes(','))).toBe(true);
    expect(notes.some((n) => n.includes('"'))).toBe(true);
    expect(notes.some((n) => n.includes('\n'))).toBe(true);
  });

  test('two members change department; the roster holds the later one', () => {
    const deptsByMember = new Map<string, string[]>();
    for (const file of files) {
      const seen = new Map<string, string>();
      for (const r of file.rows) {
        const id = r.member_id ?? '';
        if (seen.has(id) && seen.get(id) !== r.dept_id) expect.fail(`${file.name}: ${id} in two departments`);
        seen.set(id, r.dept_id ?? '');
      }
      for (const [id, dept] of seen) {
        const list = deptsByMember.get(id) ?? [];
        if (list.at(-1) !== dept) list.push(dept);
        deptsByMember.set(id, list);
      }
    }
    const movers = [...deptsByMember].filter(([, list]) => list.length > 1);
    expect(movers).toHaveLength(2);
    for (const [id, list] of movers) {
      expect(list).toHaveLength(2);
      expect(roster.get(id)?.dept_id).toBe(list[1]);
    }
  });
});
