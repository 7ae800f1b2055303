// The site's pages on the fixture organisation (test/site/fixture.ts), built once under a
// sub-folder base path and served: numbers equal the fixture tables, search, links, no
// foreign requests, phone layout and A4 printing.

import { parseHTML } from 'linkedom';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatPoints, formatSigned, rankLabel } from '../../src/site/format.ts';
import { launchBrowser, recordForeignRequests, type Served, serve } from '../helpers/browser.ts';
import {
  buildFixtureSite,
  type FixtureSite,
  HTML_NAME,
  LONG_NAME,
  ORGANIZATION,
  SECRETS,
  TABLES,
  TIED,
  VETOED,
} from '../site/fixture.ts';

let site: FixtureSite;
let served: Served;
let browser: Browser;
let root: string;

beforeAll(async () => {
  site = await buildFixtureSite('/liangbang/');
  served = await serve(site.webRoot);
  root = `${served.url}${site.base}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await site?.close();
});

async function open(path: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.setDefaultTimeout(10_000);
  const response = await page.goto(root + path);
  expect(response?.status(), path).toBe(200);
  return page;
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();
const clean = (list: string[]) => list.map((t) => t.replace(/\s+/g, ' ').trim());

/** The fixture's standings rows of a period for some departments, in board order. */
async function boardRows(period: string, depts: string[]) {
  return site.query(
    `SELECT * FROM standings WHERE period = '${period}' AND dept_id IN (${depts.map((d) => `'${d}'`).join(', ')})
     ORDER BY rank_company NULLS LAST, vetoed, points DESC, member_id`,
  );
}

describe('home page', () => {
  test('shows the organisation, the latest periods with their data-as-of, and the headline figures', async () => {
    const page = await open('');
    await expect(page.locator('h1').textContent()).resolves.toContain(ORGANIZATION);
    const asOf = (await page.locator('.as-of').textContent()) ?? '';
    expect(asOf).toContain('2026年4月');
    expect(asOf).toContain('2026年第二季度');
    const month = await site.query("SELECT * FROM standings WHERE period = '2026-04'");
    await expect(page.locator('[data-stat=scored] .value').textContent()).resolves.toBe(String(month.length));
    const top = month.filter((r) => num(r.rank_company) !== null && Number(r.rank_company) <= 3);
    const shown = clean(await texts(page, '[data-stat=top] li a'));
    expect(shown.sort()).toEqual(top.map((r) => String(r.name)).sort());
    await page.close();
  });

  test('the tree links every department to its page', async () => {
    const page = await open('');
    const departments = await site.query('SELECT dept_id FROM departments ORDER BY dept_id');
    const links = await page
      .locator('.tree a.dept-name')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.sort()).toEqual(departments.map((d) => `/liangbang/dept/${d.dept_id}/`).sort());
    await page.close();
  });

  test('the member search finds a member by name and by id, offline, and navigates', async () => {
    const page = await open('');
    const foreign = await recordForeignRequests(page, served.url);
    const input = page.locator('#member-search');
    await input.fill('欧阳');
    await expect(page.locator('.search-results a').first().textContent()).resolves.toContain(LONG_NAME);
    await input.fill('m04');
    const first = page.locator('.search-results a').first();
    await first.waitFor();
    await expect(first.textContent()).resolves.toContain(HTML_NAME);
    await input.press('Enter');
    await page.waitForURL(`${root}member/M04/`);
    await expect(page.locator('h1').textContent()).resolves.toBe(HTML_NAME);
    expect(foreign).toEqual([]);
    await page.close();
  });
});

describe('department pages', () => {
  test("a branch's month board lists its members in rank order, with 并列 for the tie", async () => {
    const page = await open('dept/B1/');
    const rows = await boardRows(TIED.month, ['B1']);
    const board = page.locator('#board-month tbody tr');
    await expect(board.count()).resolves.toBe(rows.length);
    for (const [i, row] of rows.entries()) {
      const tr = board.nth(i);
      await expect(tr.getAttribute('data-member')).resolves.toBe(row.member_id);
      await expect(tr.locator('.c-name a').textContent()).resolves.toBe(row.name);
      await expect(tr.locator('.c-points').textContent()).resolves.toBe(formatPoints(num(row.points)));
      await expect(tr.locator('.c-change').textContent()).resolves.toBe(formatSigned(num(row.points_change)));
    }
    for (const member of TIED.members) {
      const cell = page.locator(`#board-month tr[data-member=${member}] .c-rank`);
      await expect(cell.textContent()).resolves.toMatch(/^并列\s*\d+$/);
    }
    const shared = await site.query(
      `SELECT rank_dept FROM standings WHERE period = '${TIED.month}' AND member_id IN ('${TIED.members.join("','")}')`,
    );
    expect(new Set(shared.map((r) => r.rank_dept)).size).toBe(1);
    await page.close();
  });

  test('a 党总支 page covers its branches: boards, children and every member link', async () => {
    const page = await open('dept/Z1/');
    for (const [id, period] of [
      ['board-month', '2026-04'],
      ['board-quarter', '2026-Q2'],
      ['board-year', '2026'],
    ] as const) {
      const rows = await boardRows(period, ['B1', 'B2']);
      const members = await page
        .locator(`#${id} tbody tr`)
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-member')));
      expect(members, id).toEqual(rows.map((r) => r.member_id));
    }
    await expect(page.locator('table.children tbody tr').count()).resolves.toBe(2);
    const roster = await site.query(
      "SELECT member_id FROM members WHERE dept_id IN ('B1', 'B2') ORDER BY member_id",
    );
    const links = await page.locator('.roster a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.sort()).toEqual(roster.map((m) => `/liangbang/member/${m.member_id}/`));
    // The member vetoed in February is shown as 否决 on the year board, without a rank.
    await expect(
      page.locator(`#board-year tr[data-member=${VETOED.member}] .tag.veto`).textContent(),
    ).resolves.toBe('否决');
    await page.close();
  });

  test('exempt members are shown as 免评; rank changes as arrows', async () => {
    const page = await open('dept/B3/');
    await expect(page.locator('#board-month tr[data-member=M10] .tag.exempt').textContent()).resolves.toBe(
      '免评',
    );
    const rows = await boardRows('2026-04', ['B3']);
    for (const row of rows) {
      const move =
        (await page.locator(`#board-month tr[data-member=${row.member_id}] .move`).textContent()) ?? '';
      const change = num(row.rank_dept_change);
      if (row.rank_dept === null || change === null) expect(move).toBe('—');
      else if (change > 0) expect(move).toBe(`▲${change}`);
      else if (change < 0) expect(move).toBe(`▼${-change}`);
      else expect(move).toBe('持平');
    }
    await page.close();
  });

  test('weak areas and the category profile equal the weak_areas table', async () => {
    const page = await open('dept/B1/');
    const weak = await site.query("SELECT * FROM weak_areas WHERE period = '2026-Q2' AND dept_id = 'B1'");
    for (const row of weak) {
      const tr = page.locator(`table.weak-areas tr[data-dept=B1][data-category=${row.category_id}]`);
      await expect(tr.locator('.c-std').textContent()).resolves.toBe(formatSigned(num(row.std_gap)));
      await expect(tr.locator('.weak-tag').count()).resolves.toBe(row.weakest ? 1 : 0);
      const profile = page.locator(`table.profile tr[data-category=${row.category_id}] td`);
      await expect(profile.nth(0).textContent()).resolves.toBe(formatPoints(num(row.dept_avg)));
      await expect(profile.nth(1).textContent()).resolves.toBe(formatPoints(num(row.company_avg)));
    }
    await expect(page.locator('.chart-svg svg').count()).resolves.toBeGreaterThanOrEqual(2);
    await page.close();
  });
});

describe('member pages', () => {
  test('month by month points and ranks, gaps biggest first, and the tier', async () => {
    const page = await open('member/M01/');
    const months = await site.query(`
      SELECT * FROM (SELECT *, count(*) OVER (PARTITION BY period, rank_company) AS shared FROM standings)
      WHERE member_id = 'M01' AND period_type = 'month' ORDER BY period DESC`);
    const trs = page.locator('table.months tbody tr');
    await expect(trs.count()).resolves.toBe(months.length);
    for (const [i, m] of months.entries()) {
      await expect(trs.nth(i).getAttribute('data-period')).resolves.toBe(m.period);
      await expect(trs.nth(i).locator('.c-points').textContent()).resolves.toBe(formatPoints(num(m.points)));
      await expect(trs.nth(i).locator('.c-change').textContent()).resolves.toBe(
        formatSigned(num(m.points_change)),
      );
      await expect(trs.nth(i).locator('.c-company .r').textContent()).resolves.toBe(
        rankLabel(num(m.rank_company), num(m.shared)),
      );
    }
    const gaps = await site.query(
      "SELECT * FROM gaps WHERE member_id = 'M01' AND period = '2026-Q2' AND category_id <> '_total' ORDER BY gap DESC, category_id",
    );
    const shownGaps = await page
      .locator('table.gaps tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-category'), tr.querySelector('.c-gap')?.textContent]),
      );
    expect(shownGaps.map(([, gap]) => gap)).toEqual(gaps.map((g) => formatSigned(num(g.gap))));
    const [tier] = await site.query("SELECT tier FROM tiers WHERE member_id = 'M01' AND period = '2026'");
    await expect(page.locator('[data-stat=tier] .value').textContent()).resolves.toBe(tier?.tier);
    await expect(page.locator('.chart-svg svg').count()).resolves.toBe(3);
    await page.close();
  });

  test('a name with HTML is shown as text, never as markup', async () => {
    const page = await open('member/M04/');
    await expect(page.locator('h1').textContent()).resolves.toBe(HTML_NAME);
    await expect(page.locator('main b, header b').count()).resolves.toBe(0);
    await page.close();
    const dept = await open('dept/B1/');
    await expect(dept.locator('#board-month tr[data-member=M04] .c-name a').textContent()).resolves.toBe(
      HTML_NAME,
    );
    await expect(dept.locator('main b').count()).resolves.toBe(0);
    await dept.close();
  });
});

describe('committee pages', () => {
  test('the 公示 header, the red and yellow lists and the heat map equal the tables', async () => {
    const page = await open('committee/2026-Q1/');
    const notice = (await page.locator('.notice').textContent()) ?? '';
    expect(notice).toContain('2026年4月1日至2026年4月7日');
    expect(notice).toContain('党委组织部');
    const ranked = await site.query(
      "SELECT * FROM standings WHERE period = '2026-Q1' AND rank_company IS NOT NULL ORDER BY rank_company, member_id",
    );
    const tenth = Math.ceil(ranked.length * 0.1);
    const red = ranked.filter((r) => Number(r.rank_company) <= tenth).map((r) => r.member_id);
    const yellow = ranked
      .filter((r) => Number(r.rank_company) > ranked.length - tenth)
      .map((r) => r.member_id)
      .reverse();
    const members = (id: string) =>
      page.locator(`#${id} tbody tr`).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-member')));
    await expect(members('red')).resolves.toEqual(red);
    await expect(members('yellow')).resolves.toEqual(yellow);
    const areas = await site.query("SELECT * FROM weak_areas WHERE period = '2026-Q1'");
    const cells = await page.locator('table.heat td.v').allTextContents();
    expect(cells.length).toBe(areas.filter((a) => a.std_gap !== null).length);
    for (const a of areas.filter((a) => a.std_gap !== null)) {
      const td = page
        .locator(`table.heat tr[data-dept=${a.dept_id}] td.v`)
        .filter({ hasText: Number(a.std_gap).toFixed(2) });
      await expect(td.count(), `${a.dept_id} ${a.category_id}`).resolves.toBeGreaterThan(0);
    }
    await expect(page.locator('table.heat td.w').count()).resolves.toBe(
      areas.filter((a) => a.weakest === true).length,
    );
    const weakest = areas.filter((a) => a.weakest === true);
    for (const w of weakest) {
      await expect(
        page.locator(`table.weakest tr[data-dept=${w.dept_id}] .c-weakest`).textContent(),
      ).resolves.toContain(
        await site
          .query(`SELECT name FROM scheme_categories WHERE category_id = '${w.category_id}'`)
          .then((r) => String(r[0]?.name)),
      );
    }
    await page.close();
  });

  test('members in the bottom 10 % two quarters running are listed', async () => {
    const page = await open('committee/2026-Q2/');
    const both = await site.query(`
      WITH q AS (SELECT period, count(rank_company) AS n FROM standings WHERE period_type = 'quarter' GROUP BY period),
      bottom AS (SELECT s.period, s.member_id FROM standings s JOIN q USING (period)
        WHERE s.period_type = 'quarter' AND s.rank_company > q.n - ceil(q.n * 0.1))
      SELECT b.member_id FROM bottom b JOIN bottom p ON p.member_id = b.member_id AND p.period = '2026-Q1'
      WHERE b.period = '2026-Q2' ORDER BY b.member_id`);
    const shown = await page
      .locator('#bottom-two tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-member')));
    expect(shown.sort()).toEqual(both.map((r) => r.member_id));
    await page.close();
  });

  test('prints to A4 with the heading, and no table wider than the paper', async () => {
    const page = await open('committee/2026-Q1/');
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await expect(page.locator('h1').isVisible()).resolves.toBe(true);
    await expect(page.locator('h1').textContent()).resolves.toContain('公示');
    await expect(page.locator('.topbar').isVisible()).resolves.toBe(false);
    const clipped = await page.evaluate(
      () =>
        [...document.querySelectorAll('table')].filter(
          (t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1,
        ).length,
    );
    expect(clipped).toBe(0);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(boxes.length).toBeGreaterThan(0);
    for (const [w, h] of boxes) {
      expect(Math.abs((w ?? 0) - 595.28), `width ${w}`).toBeLessThan(2); // 210 mm
      expect(Math.abs((h ?? 0) - 841.89), `height ${h}`).toBeLessThan(2); // 297 mm
    }
    const pages = text.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(4);
    await page.close();
  });
});

describe('the whole site', () => {
  const kinds = ['', 'dept/D0/', 'dept/Z1/', 'member/M08/', 'committee/2026-Q1/', 'committee/', 'data/'];

  test('every link from the home page resolves, and no page shows notes or pending rows', async () => {
    const seen = new Set<string>();
    const queue = [root];
    const failures: string[] = [];
    while (queue.length > 0) {
      const url = queue.shift() as string;
      if (seen.has(url)) continue;
      seen.add(url);
      const response = await fetch(url);
      if (response.status !== 200) {
        failures.push(`${response.status} ${url}`);
        continue;
      }
      if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) continue;
      const html = await response.text();
      for (const secret of SECRETS) if (html.includes(secret)) failures.push(`${url} shows ${secret}`);
      const { document } = parseHTML(html);
      for (const a of document.querySelectorAll('a[href]')) {
        const target = new URL(a.getAttribute('href') ?? '', url);
        target.hash = '';
        if (target.origin !== served.url) failures.push(`${url} links outside: ${target}`);
        else if (!target.pathname.startsWith(site.base))
          failures.push(`${url} links outside the base: ${target}`);
        else if (!seen.has(target.href)) queue.push(target.href);
      }
    }
    expect(failures).toEqual([]);
    for (const table of TABLES) expect(seen.has(`${root}data/${table}.csv`), table).toBe(true);
    const members = await site.query('SELECT count(*)::INTEGER AS n FROM members');
    expect([...seen].filter((u) => /\/member\/[^/]+\/$/.test(u)).length).toBe(members[0]?.n);
  });

  test('no page kind requests anything from another origin or overflows a 360 px phone', async () => {
    for (const path of kinds) {
      const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
      const foreign = await recordForeignRequests(page, served.url);
      await page.goto(root + path, { waitUntil: 'networkidle' });
      if (path === '') {
        await page.locator('#member-search').fill('张'); // fetches the search index
        await page.locator('.search-results a').first().waitFor();
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      expect(foreign, path).toEqual([]);
      await page.close();
    }
  });
});
