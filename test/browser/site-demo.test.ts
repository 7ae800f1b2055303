// The committee's site built from the committed demo data (data/) by the CLI, as a person builds
// it, once for the whole file: every page kind shows the numbers of the SPEC §3 tables, read here
// from the CSV files the build publishes on its downloads page (the format of `liangbang data`; the pages
// are built from other documents, src/tables/site/*.sql), the search, a 党总支 covering its
// branches, printing, no foreign request, and screenshots for a person to look at
// (test-artifacts/site/). This file also holds the smoke test of the demo build, so that the
// demo is built once per test run.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseDepartments } from '../../src/config/roster.ts';
import { formatPoints, formatSigned, periodLabel, rankLabel } from '../../src/site/format.ts';
import { launchBrowser, recordForeignRequests, type Served, serve } from '../helpers/browser.ts';
import { projectRoot, runCli } from '../helpers/cli.ts';

type Row = Record<string, string>;

let work: string;
let dist: string;
let site: Served;
let browser: Browser;
const tables: Record<string, Row[]> = {};
const ARTIFACTS = join(projectRoot, 'test-artifacts', 'site');

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'liangbang-site-demo-'));
  dist = join(work, 'dist');
  // The committee's build: the public's has no downloads (test/trust/audience-leak.test.ts).
  const run = runCli(['build', '--data', 'data', '--out', dist, '--audience', 'committee']);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  for (const name of ['standings', 'category_points', 'gaps', 'weak_areas', 'tiers']) {
    tables[name] = parse(readFileSync(join(dist, 'data', `${name}.csv`)), {
      columns: true,
      bom: true,
    }) as Row[];
  }
  site = await serve(dist);
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

// --- the tables ---------------------------------------------------------------------------

const csv = (name: string): Row[] => tables[name] ?? [];
const num = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));
const truth = (v: string | undefined): boolean => v === 'true';

/** Exact mean of 2-decimal values, rounded to cents half away from zero (as the site's averages are). */
function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  const cents = values.reduce((a, v) => a + Math.round(v * 100), 0);
  const n = values.length;
  const rounded = Math.floor((2 * Math.abs(cents) + n) / (2 * n));
  return (Math.sign(cents) * rounded) / 100;
}

const departments = () =>
  (parse(readFileSync(join(projectRoot, 'data/departments.csv')), { columns: true, bom: true }) as Row[]).map(
    (d) => ({
      dept_id: d.dept_id ?? '',
      name: d.name ?? '',
      parent_id: d.parent_id ? d.parent_id : null,
      kind: d.kind ? d.kind : null,
    }),
  );
const roster = () =>
  parse(readFileSync(join(projectRoot, 'data/members.csv')), { columns: true, bom: true }) as Row[];

const latest = (type: string) =>
  csv('standings')
    .filter((r) => r.period_type === type)
    .map((r) => r.period ?? '')
    .sort()
    .at(-1) ?? '';

const rowsOf = (period: string, depts?: Set<string>) =>
  csv('standings').filter((r) => r.period === period && (!depts || depts.has(r.dept_id ?? '')));

/** Board order: company rank (none last), not vetoed first, points, id. */
const boardOrder = (a: Row, b: Row) =>
  (num(a.rank_company) ?? Number.MAX_SAFE_INTEGER) - (num(b.rank_company) ?? Number.MAX_SAFE_INTEGER) ||
  Number(truth(a.vetoed)) - Number(truth(b.vetoed)) ||
  (num(b.points) ?? 0) - (num(a.points) ?? 0) ||
  (a.member_id ?? '').localeCompare(b.member_id ?? '');

/** How many rows of the period share this row's rank (并列 when more than one). */
const sharedCompany = (r: Row) =>
  csv('standings').filter(
    (s) => s.period === r.period && s.rank_company !== '' && s.rank_company === r.rank_company,
  ).length;
const sharedDept = (r: Row) =>
  csv('standings').filter(
    (s) =>
      s.period === r.period && s.dept_id === r.dept_id && s.rank_dept !== '' && s.rank_dept === r.rank_dept,
  ).length;

function subtree(root: string): Set<string> {
  const all = departments();
  const out = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of all)
      if (d.parent_id && out.has(d.parent_id) && !out.has(d.dept_id)) {
        out.add(d.dept_id);
        grew = true;
      }
  }
  return out;
}

const moveText = (change: number | null, rank: number | null) =>
  rank === null || change === null ? '—' : change > 0 ? `▲${change}` : change < 0 ? `▼${-change}` : '持平';

// --- the browser ---------------------------------------------------------------------------

async function open(path: string, width = 1280, height = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.setDefaultTimeout(15_000);
  const response = await page.goto(`${site.url}/${path}`);
  expect(response?.status(), path).toBe(200);
  return page;
}
const clean = (t: string | null) => (t ?? '').replace(/\s+/g, ' ').trim();
const attrs = (page: Page, selector: string, name: string) =>
  page.locator(selector).evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);

/** The 党总支 of the demo with the most branches, one of its branches and a ranked member of that branch. */
function subjects() {
  const all = departments();
  const zongzhi = all
    .filter((d) => d.kind === '党总支')
    .map((d) => ({ d, children: all.filter((c) => c.parent_id === d.dept_id) }))
    .sort((a, b) => b.children.length - a.children.length)[0];
  if (!zongzhi) throw new Error('the demo has no 党总支');
  const branch = zongzhi.children[0];
  if (!branch) throw new Error('the 党总支 has no branch');
  const month = latest('month');
  const ranked = rowsOf(month, new Set([branch.dept_id]))
    .filter((r) => r.rank_company !== '')
    .sort(boardOrder);
  const member = ranked[Math.min(2, ranked.length - 1)];
  if (!member) throw new Error('the branch has no ranked member');
  return { zongzhi: zongzhi.d, branches: zongzhi.children, branch, member };
}

// --- tests -----------------------------------------------------------------------------------

test('the demo index page lists every department of data/ in Chinese, with no foreign request', async () => {
  const page = await browser.newPage();
  const foreign = await recordForeignRequests(page, site.url);
  await page.goto(`${site.url}/`);
  const all = parseDepartments(readFileSync(join(projectRoot, 'data/departments.csv'), 'utf8'));
  expect(all.length).toBeGreaterThan(20);
  const shown = await page.locator('.dept-name').allTextContents();
  expect(shown.sort()).toEqual(all.map((d) => d.name).sort());
  expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  await expect(page.locator('h1').textContent()).resolves.toContain('党员积分亮榜');
  expect(foreign).toEqual([]);
  await page.close();
});

describe('the numbers of the tables', () => {
  test('home: the latest month, its members scored, average and top three', async () => {
    const page = await open('');
    const month = latest('month');
    const rows = rowsOf(month);
    await expect(page.locator('.as-of').textContent()).resolves.toContain(periodLabel(month));
    await expect(page.locator('[data-stat=scored] .value').textContent()).resolves.toBe(String(rows.length));
    const ranked = rows.filter((r) => r.rank_company !== '');
    await expect(page.locator('[data-stat=average] .value').textContent()).resolves.toBe(
      formatPoints(mean(ranked.map((r) => Number(r.points)))),
    );
    const top = ranked.filter((r) => Number(r.rank_company) <= 3).map((r) => r.name);
    expect(
      clean((await page.locator('[data-stat=top] li a').allTextContents()).join(','))
        .split(',')
        .sort(),
    ).toEqual(top.sort());
    await page.close();
  });

  test("a branch's page: the month board, the category profile and the weak areas", async () => {
    const { branch } = subjects();
    const page = await open(`dept/${branch.dept_id}/`);
    await expect(page.locator('h1').textContent()).resolves.toContain(branch.name);
    const month = latest('month');
    const board = rowsOf(month, new Set([branch.dept_id])).sort(boardOrder);
    const trs = page.locator('#board-month tbody tr');
    await expect(trs.count()).resolves.toBe(board.length);
    for (const [i, r] of board.entries()) {
      const tr = trs.nth(i);
      await expect(tr.getAttribute('data-member')).resolves.toBe(r.member_id);
      await expect(tr.locator('.c-name a').textContent()).resolves.toBe(r.name);
      await expect(tr.locator('.c-points').textContent()).resolves.toBe(formatPoints(num(r.points)));
      await expect(tr.locator('.c-change').textContent()).resolves.toBe(formatSigned(num(r.points_change)));
      const rank = num(r.rank_dept);
      const rankCell = clean(await tr.locator('.c-rank').textContent());
      if (rank === null) expect(rankCell).toBe(truth(r.vetoed) ? '否决' : '免评');
      else expect(rankCell).toBe(rankLabel(rank, sharedDept(r)));
      await expect(tr.locator('.move').textContent()).resolves.toBe(moveText(num(r.rank_dept_change), rank));
      await expect(tr.locator('.c-company').textContent()).resolves.toBe(
        rankLabel(num(r.rank_company), sharedCompany(r)),
      );
    }
    // The profile of the latest quarter: the branch's ranked members, the company's, the exemplars'.
    const quarter = latest('quarter');
    const ranked = new Map(
      rowsOf(quarter)
        .filter((r) => r.rank_company !== '')
        .map((r) => [r.member_id, r.dept_id]),
    );
    const points = csv('category_points').filter(
      (c) => c.period === quarter && ranked.has(c.member_id ?? ''),
    );
    const profile = await page
      .locator('table.profile tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-category'),
          ...[...tr.querySelectorAll('td')].map((td) => td.textContent),
        ]),
      );
    expect(profile.length).toBeGreaterThan(0);
    for (const [category, dept, company, exemplar] of profile) {
      const of = points.filter((c) => c.category_id === category);
      expect(dept, `${category} branch`).toBe(
        formatPoints(
          mean(
            of.filter((c) => ranked.get(c.member_id ?? '') === branch.dept_id).map((c) => Number(c.points)),
          ),
        ),
      );
      expect(company, `${category} company`).toBe(formatPoints(mean(of.map((c) => Number(c.points)))));
      const gap = csv('gaps').find((g) => g.period === quarter && g.category_id === category);
      expect(exemplar, `${category} exemplars`).toBe(formatPoints(num(gap?.exemplar_avg)));
    }
    const weak = csv('weak_areas').filter((w) => w.period === quarter && w.dept_id === branch.dept_id);
    expect(weak.length).toBeGreaterThan(0);
    for (const w of weak) {
      const tr = page.locator(
        `table.weak-areas tr[data-dept=${branch.dept_id}][data-category=${w.category_id}]`,
      );
      await expect(tr.locator('.c-std').textContent()).resolves.toBe(formatSigned(num(w.std_gap)));
      await expect(tr.locator('.weak-tag').count()).resolves.toBe(truth(w.weakest) ? 1 : 0);
    }
    await page.close();
  });

  test('a 党总支 page covers its branches: children, boards and every member of the branches', async () => {
    const { zongzhi, branches } = subjects();
    const page = await open(`dept/${zongzhi.dept_id}/`);
    const depts = subtree(zongzhi.dept_id);
    const children = await attrs(page, 'table.children tbody tr', 'data-dept');
    expect(children.sort()).toEqual(branches.map((b) => b.dept_id).sort());
    const members = roster().filter((m) => depts.has(m.dept_id ?? ''));
    const links = await attrs(page, '.roster a', 'href');
    expect(links.sort()).toEqual(members.map((m) => `/member/${m.member_id}/`).sort());
    for (const b of branches) {
      await expect(page.locator(`.roster[data-dept=${b.dept_id}] h3`).textContent()).resolves.toBe(b.name);
    }
    const month = latest('month');
    const board = rowsOf(month, depts).sort(boardOrder);
    const shown = await attrs(page, '#board-month tbody tr', 'data-member');
    expect(shown).toEqual(board.slice(0, board.length > 100 ? 30 : board.length).map((r) => r.member_id));
    // Several branches: company ranks, the branch under each name.
    const first = board[0];
    await expect(
      page.locator('#board-month tbody tr').first().locator('.c-name small').textContent(),
    ).resolves.toBe(departments().find((d) => d.dept_id === first?.dept_id)?.name);
    await page.close();
  });

  test("a member's page: the month table, the gaps to the exemplars and the tier", async () => {
    const { member } = subjects();
    const page = await open(`member/${member.member_id}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe(member.name);
    const months = csv('standings')
      .filter((r) => r.member_id === member.member_id && r.period_type === 'month')
      .sort((a, b) => (b.period ?? '').localeCompare(a.period ?? ''));
    const trs = page.locator('table.months tbody tr');
    await expect(trs.count()).resolves.toBe(months.length);
    for (const [i, m] of months.entries()) {
      const tr = trs.nth(i);
      await expect(tr.getAttribute('data-period')).resolves.toBe(m.period);
      await expect(tr.locator('.c-points').textContent()).resolves.toBe(formatPoints(num(m.points)));
      await expect(tr.locator('.c-change').textContent()).resolves.toBe(formatSigned(num(m.points_change)));
      await expect(tr.locator('.c-company .r').textContent()).resolves.toBe(
        rankLabel(num(m.rank_company), sharedCompany(m)),
      );
    }
    const quarter = latest('quarter');
    const gaps = csv('gaps')
      .filter((g) => g.member_id === member.member_id && g.period === quarter && g.category_id !== '_total')
      .sort((a, b) => (num(b.gap) ?? -Infinity) - (num(a.gap) ?? -Infinity));
    const shownGaps = await page.locator('table.gaps tbody .c-gap').allTextContents();
    expect(shownGaps).toEqual(gaps.map((g) => formatSigned(num(g.gap))));
    const total = csv('gaps').find(
      (g) => g.member_id === member.member_id && g.period === quarter && g.category_id === '_total',
    );
    await expect(page.locator('table.gaps tfoot .c-gap').textContent()).resolves.toBe(
      formatSigned(num(total?.gap)),
    );
    const tier = csv('tiers').find((t) => t.member_id === member.member_id && t.period === latest('year'));
    if (tier?.tier)
      await expect(page.locator('[data-stat=tier] .value').textContent()).resolves.toBe(tier.tier);
    // The category points of the latest month.
    const month = latest('month');
    for (const c of csv('category_points').filter(
      (c) => c.member_id === member.member_id && c.period === month,
    )) {
      await expect(
        page.locator(`table.categories tr[data-category=${c.category_id}] td`).first().textContent(),
      ).resolves.toBe(formatPoints(num(c.points)));
    }
    await expect(page.locator('.chart-svg svg').count()).resolves.toBe(3);
    await page.close();
  });

  test('a committee page: the 公示, the red and yellow lists and the heat map', async () => {
    const quarter = committeeQuarter();
    const page = await open(`committee/${quarter}/`);
    await expect(page.locator('h1').textContent()).resolves.toContain(periodLabel(quarter));
    await expect(page.locator('.notice').textContent()).resolves.toContain('异议');
    const ranked = rowsOf(quarter)
      .filter((r) => r.rank_company !== '')
      .sort(
        (a, b) =>
          Number(a.rank_company) - Number(b.rank_company) ||
          (a.member_id ?? '').localeCompare(b.member_id ?? ''),
      );
    const tenth = Math.ceil(ranked.length * 0.1);
    const red = ranked.filter((r) => Number(r.rank_company) <= tenth).map((r) => r.member_id);
    const yellow = ranked
      .filter((r) => Number(r.rank_company) > ranked.length - tenth)
      .sort(
        (a, b) =>
          Number(b.rank_company) - Number(a.rank_company) ||
          (a.member_id ?? '').localeCompare(b.member_id ?? ''),
      )
      .map((r) => r.member_id);
    const head = (list: (string | undefined)[]) => (list.length > 100 ? list.slice(0, 30) : list);
    await expect(attrs(page, '#red tbody tr', 'data-member')).resolves.toEqual(head(red));
    await expect(attrs(page, '#yellow tbody tr', 'data-member')).resolves.toEqual(head(yellow));
    const first = ranked[0];
    await expect(page.locator('#red tbody tr').first().locator('.c-points').textContent()).resolves.toBe(
      formatPoints(num(first?.points)),
    );
    const areas = csv('weak_areas').filter((w) => w.period === quarter && w.std_gap !== '');
    await expect(page.locator('table.heat td.v').count()).resolves.toBe(areas.length);
    const cells = await page
      .locator('table.heat tbody tr')
      .evaluateAll((trs) =>
        trs.flatMap((tr) =>
          [...tr.querySelectorAll('td.v')].map((td) => `${tr.getAttribute('data-dept')} ${td.textContent}`),
        ),
      );
    expect(cells.sort()).toEqual(areas.map((a) => `${a.dept_id} ${Number(a.std_gap).toFixed(2)}`).sort());
    await page.close();
  });
});

/** The latest quarter with all three months. */
function committeeQuarter(): string {
  const months = new Set(
    csv('standings')
      .filter((r) => r.period_type === 'month')
      .map((r) => r.period),
  );
  const quarters = [
    ...new Set(
      csv('standings')
        .filter((r) => r.period_type === 'quarter')
        .map((r) => r.period ?? ''),
    ),
  ]
    .sort()
    .reverse();
  const complete = quarters.find((q) => {
    const [y, n] = q.split('-Q');
    return [1, 2, 3].every((i) => months.has(`${y}-${String((Number(n) - 1) * 3 + i).padStart(2, '0')}`));
  });
  return complete ?? quarters[0] ?? '';
}

test('the search finds a member by name and by id, and Enter opens the page', async () => {
  const members = roster();
  const counts = new Map<string, number>();
  for (const m of members) counts.set(m.name ?? '', (counts.get(m.name ?? '') ?? 0) + 1);
  const unique = members.find((m) => counts.get(m.name ?? '') === 1 && (m.name ?? '').length >= 2);
  if (!unique) throw new Error('no member with a unique name');
  const page = await open('');
  const foreign = await recordForeignRequests(page, site.url);
  const input = page.locator('#member-search');
  await input.fill(unique.name ?? '');
  const first = page.locator('.search-results a').first();
  await expect(first.textContent()).resolves.toContain(unique.name);
  await expect(first.textContent()).resolves.toContain(unique.member_id);
  const other = members.find((m) => m !== unique && m.member_id !== unique.member_id) ?? unique;
  await input.fill((other.member_id ?? '').toLowerCase());
  await expect(page.locator('.search-results a').first().textContent()).resolves.toContain(other.member_id);
  await input.press('Enter');
  await page.waitForURL(`${site.url}/member/${other.member_id}/`);
  await expect(page.locator('h1').textContent()).resolves.toBe(other.name);
  expect(foreign).toEqual([]);
  await page.close();
});

test('the committee page prints to A4: a sensible page count, no table wider than the paper', async () => {
  const quarter = committeeQuarter();
  const page = await open(`committee/${quarter}/`, 794, 1123);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar').isVisible()).resolves.toBe(false);
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll('table')]
      .filter((t) => {
        const wrap = t.parentElement;
        const box = t.getBoundingClientRect();
        return (
          box.right > document.documentElement.clientWidth + 1 ||
          (wrap !== null && wrap.scrollWidth > wrap.clientWidth + 1)
        );
      })
      .map((t) => t.className || t.id),
  );
  expect(clipped).toEqual([]);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const text = pdf.toString('latin1');
  expect(text.startsWith('%PDF-')).toBe(true);
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
  expect(boxes.length).toBeGreaterThan(0);
  for (const [, w, h] of boxes) {
    expect(Math.abs(Number(w) - 595.28)).toBeLessThan(2);
    expect(Math.abs(Number(h) - 841.89)).toBeLessThan(2);
  }
  const pages = text.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  // 800 members: 80 names on each list, 29 departments in the heat map.
  expect(pages).toBeGreaterThanOrEqual(4);
  expect(pages).toBeLessThanOrEqual(16);
  await page.close();
});

test('no page kind requests anything outside the site, and the downloads resolve', async () => {
  const { zongzhi, branch, member } = subjects();
  const paths = [
    '',
    `dept/${departments().find((d) => d.parent_id === null)?.dept_id}/`,
    `dept/${zongzhi.dept_id}/`,
    `dept/${branch.dept_id}/`,
    `member/${member.member_id}/`,
    `committee/${committeeQuarter()}/`,
    'committee/',
    'data/',
  ];
  for (const path of paths) {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const foreign = await recordForeignRequests(page, site.url);
    await page.goto(`${site.url}/${path}`, { waitUntil: 'networkidle' });
    if (path === '') {
      await page.locator('#member-search').fill(member.name ?? '');
      await page.locator('.search-results a').first().waitFor();
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
    expect(foreign, path).toEqual([]);
    if (path === 'data/') {
      const links = await attrs(page, 'table.downloads a', 'href');
      expect(links).toHaveLength(6);
      for (const href of links) {
        const response = await fetch(new URL(href ?? '', `${site.url}/data/`));
        expect(response.status, href ?? '').toBe(200);
        expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(10);
      }
    }
    await page.close();
  }
});

test('screenshots of home, a department, a member and a committee page on a laptop and a phone', async () => {
  const { zongzhi, member } = subjects();
  const shots = {
    home: '',
    dept: `dept/${zongzhi.dept_id}/`,
    member: `member/${member.member_id}/`,
    committee: `committee/${committeeQuarter()}/`,
  };
  for (const [name, path] of Object.entries(shots)) {
    for (const [width, height] of [
      [1366, 768],
      [390, 844],
    ] as const) {
      const page = await open(path, width, height);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}x${height}.png`), fullPage: true });
      await page.close();
    }
  }
});
