// The 数据探索 panel on the fixture site (test/explore/fixture.ts), served from a sub-folder: nothing
// of it loads before it is opened, the drill department → member → items shows the numbers of
// the fixture tables, the URL reproduces the view after a reload, CSV, errors, no foreign request.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatPoints } from '../../src/site/format.ts';
import { buildExploreSite, CLAMPED, type ExploreSite } from '../explore/fixture.ts';
import { launchBrowser, type Served, serve, waitForLevel } from '../helpers/browser.ts';
import { HTML_NAME } from '../site/fixture.ts';

let site: ExploreSite;
let served: Served;
let browser: Browser;
let root: string;

beforeAll(async () => {
  site = await buildExploreSite('/liangbang/');
  served = await serve(site.webRoot);
  root = `${served.url}${site.base}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await site?.close();
});

interface Session {
  context: BrowserContext;
  page: Page;
  /** Every URL the page and its workers asked for, in order. */
  requests: string[];
  /** Requests to another origin: aborted and recorded. */
  foreign: string[];
}

async function session(init?: () => void): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  const requests: string[] = [];
  const foreign: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(`${served.url}/`) || url.startsWith('data:') || url.startsWith('blob:'))
      return route.continue();
    foreign.push(url);
    return route.abort();
  });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page, requests, foreign };
}

const num = (value: unknown): number => Number(value);
const view = (page: Page) => page.locator('.explore-view');

/** The table view's rows: data-key → the text of each column. */
async function tableRows(page: Page): Promise<Map<string, Record<string, string>>> {
  await page.locator('.explore-table').first().waitFor();
  const rows = await page.locator('.explore-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      key: tr.getAttribute('data-key') ?? '',
      cells: Object.fromEntries(
        [...tr.querySelectorAll('td')].map((td) => [td.getAttribute('data-col') ?? '', td.textContent ?? '']),
      ),
    })),
  );
  return new Map(rows.map((r) => [r.key, r.cells]));
}

async function showView(page: Page, name: 'chart' | 'table' | 'compare'): Promise<void> {
  await page.click(`.explore-views button[data-view=${name}]`);
  await page.waitForFunction(
    (n) => new URLSearchParams(location.search).get('view') === (n === 'chart' ? null : n),
    name,
  );
}

/** The exact mean, half away from zero, of decimals given as numbers. */
const mean = (values: number[]) => {
  const cents = values.reduce((s, v) => s + Math.round(v * 100), 0);
  return (Math.sign(cents) * Math.round(Math.abs(cents) / values.length)) / 100;
};

const PANEL_FILES = /duckdb|\.wasm|\.arrow|explore\/|\/app\.[\w-]+\.js|\/client\.[\w-]+\.js/;

describe('a department page', () => {
  let s: Session;
  let drilledUrl: string;

  beforeAll(async () => {
    s = await session();
  });
  afterAll(async () => {
    await s?.context.close();
  });

  test('requests nothing of the panel until it is opened, then only the site\u2019s own files', async () => {
    const { page, requests, foreign } = s;
    await page.goto(`${root}dept/Z1/`, { waitUntil: 'networkidle' });
    expect(requests.filter((url) => PANEL_FILES.test(url))).toEqual([]);
    await expect(page.locator('button.explore-open').textContent()).resolves.toBe('数据探索');

    await page.click('button.explore-open');
    await page.locator('.explore-loading').first().waitFor();
    await waitForLevel(page, 'departments');
    await page.locator('.explore-chart svg').waitFor();
    const loaded = requests.filter((url) => PANEL_FILES.test(url)).map((url) => url.slice(root.length));
    // The 党总支's subtree: its own slice (no members of its own) and its two branches'.
    const subtree = ['Z1', 'B1', 'B2'];
    expect(loaded).toEqual(
      expect.arrayContaining(['explore/meta.json', ...subtree.map((d) => `explore/${d}/standings.arrow`)]),
    );
    expect(loaded.some((url) => /^duckdb\/[\d.]+\/duckdb-(eh|mvp)\.wasm$/.test(url))).toBe(true);
    const slices = loaded.filter((url) => url.includes('.arrow')).map((url) => url.split('/')[1]);
    expect(new Set(slices)).toEqual(new Set(subtree));
    expect(foreign).toEqual([]);
  });

  test('drills department → members → a member\u2019s items, with the numbers of the fixture tables', async () => {
    const { page, foreign } = s;
    // The first quarter: through the filters.
    await page.selectOption('.explore-filters select[name=from]', '2026-Q1');
    await page.selectOption('.explore-filters select[name=to]', '2026-Q1');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('to') === '2026-Q1');
    await waitForLevel(page, 'departments');
    const standings = await site.query(
      "SELECT member_id, name, dept_id, points::DOUBLE AS points, rank_company FROM standings WHERE period = '2026-Q1'",
    );
    await showView(page, 'table');
    const depts = await tableRows(page);
    expect([...depts.keys()]).toEqual(['B1', 'B2']);
    for (const dept of ['B1', 'B2']) {
      const ranked = standings
        .filter((r) => r.dept_id === dept && r.rank_company !== null)
        .map((r) => num(r.points));
      expect(depts.get(dept)?.value, dept).toBe(formatPoints(mean(ranked)));
      expect(depts.get(dept)?.ranked).toBe(String(ranked.length));
    }

    // Department → members: a click on the bar.
    await showView(page, 'chart');
    await page.locator('.explore-chart rect[data-key="B2"]').click();
    await waitForLevel(page, 'members');
    await expect(page.locator('.explore-crumbs').textContent()).resolves.toContain('第二联合车间党支部');
    await showView(page, 'table');
    const members = await tableRows(page);
    const b2 = standings.filter((r) => r.dept_id === 'B2');
    expect([...members.keys()].sort()).toEqual(b2.map((r) => String(r.member_id)).sort());
    for (const row of b2)
      expect(members.get(String(row.member_id))?.value).toBe(formatPoints(num(row.points)));

    // Member → items by month: a click on the bar.
    await showView(page, 'chart');
    await page.locator(`.explore-chart rect[data-key="${CLAMPED.member}"]`).click();
    await waitForLevel(page, 'items');
    await showView(page, 'table');
    const items = await tableRows(page);
    const accepted = await site.query(
      `SELECT strftime(month, '%Y-%m') AS period, category_id, item_code, sum(points)::DOUBLE AS points
       FROM accepted_rows WHERE member_id = '${CLAMPED.member}' AND month BETWEEN '2026-01-01' AND '2026-03-01' GROUP BY ALL`,
    );
    expect(items.size).toBe(accepted.length);
    for (const row of accepted) {
      const shown = items.get(`${row.period}/${row.category_id}/${row.item_code}`);
      expect(shown?.points, `${row.period} ${row.item_code}`).toBe(formatPoints(num(row.points)));
    }
    const clamped = items.get(`${CLAMPED.month}/basic/${CLAMPED.code}`);
    expect(clamped).toMatchObject({
      points: String(CLAMPED.points),
      counted: String(CLAMPED.max),
      item: CLAMPED.name,
    });
    const months = await page
      .locator('.explore-months tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-period'), tr.querySelectorAll('td')[2]?.textContent]),
      );
    const monthly = await site.query(
      `SELECT period, points::DOUBLE AS points FROM standings WHERE member_id = '${CLAMPED.member}' AND period_type = 'month' AND period < '2026-04' ORDER BY period`,
    );
    expect(months).toEqual(monthly.map((m) => [m.period, formatPoints(num(m.points))]));
    expect(new URL(page.url()).searchParams.get('member')).toBe(CLAMPED.member);
    drilledUrl = page.url();
    expect(foreign).toEqual([]);
  });

  test('the breadcrumb goes back up', async () => {
    const { page } = s;
    await page.locator('.explore-crumbs button', { hasText: '炼油运行党总支' }).click();
    await waitForLevel(page, 'departments');
    expect(new URL(page.url()).searchParams.get('member')).toBeNull();
    await page.goBack();
    await waitForLevel(page, 'items');
  });

  test('下载 CSV saves the table on screen as UTF-8 with a BOM', async () => {
    const { page } = s;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button.explore-download'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^数据探索_.+\.csv$/);
    const text = await readFile((await download.path()) ?? '', 'utf8');
    expect(text.startsWith('\ufeff月份,类别,积分项目,记录分值,计入分值,记录条数\r\n')).toBe(true);
    expect(text).toContain(
      `${CLAMPED.month},基础评价分,${CLAMPED.name},${CLAMPED.points},${CLAMPED.max},1\r\n`,
    );
  });

  test('a reload of the URL shows the same view', async () => {
    const { page, foreign } = s;
    const before = await tableRows(page);
    const heading = await view(page).getAttribute('aria-label');
    await page.goto(drilledUrl);
    await waitForLevel(page, 'items');
    expect(await view(page).getAttribute('aria-label')).toBe(heading);
    expect(await tableRows(page)).toEqual(before);
    await expect(page.locator('.explore-filters select[name=from]').inputValue()).resolves.toBe('2026-Q1');
    expect(foreign).toEqual([]);
  });

  test('names reach the table and the chart as text', async () => {
    const { page, foreign } = s;
    await page.selectOption('.explore-filters select[name=dept]', 'B1');
    await waitForLevel(page, 'members');
    const name = page.locator('.explore-table tr[data-key="M04"] td[data-col=name]');
    await expect(name.textContent()).resolves.toBe(HTML_NAME);
    await expect(page.locator('.explore-panel b').count()).resolves.toBe(0);
    await showView(page, 'chart');
    await expect(page.locator('.explore-chart svg').textContent()).resolves.toContain(HTML_NAME);
    await expect(page.locator('.explore-chart svg b').count()).resolves.toBe(0);
    expect(foreign).toEqual([]);
  });
});

test('the committee page explores the whole organisation from its quarter', async () => {
  const s = await session();
  try {
    await s.page.goto(`${root}committee/2026-Q1/`, { waitUntil: 'networkidle' });
    expect(s.requests.filter((url) => PANEL_FILES.test(url))).toEqual([]);
    await s.page.click('button.explore-open');
    await waitForLevel(s.page, 'departments');
    await s.page.locator('.explore-chart svg').waitFor();
    const url = new URL(s.page.url());
    expect([url.searchParams.get('from'), url.searchParams.get('dept')]).toEqual(['2026-Q1', 'D0']);
    expect(
      await s.page
        .locator('.explore-chart rect[data-key]')
        .evaluateAll((rs) => rs.map((r) => r.getAttribute('data-key'))),
    ).toEqual(['Z1', 'B3']);
    expect(s.requests.some((u) => u.endsWith('explore/D0/standings.arrow'))).toBe(true);
    expect(s.foreign).toEqual([]);
  } finally {
    await s.context.close();
  }
});

test('without WebAssembly the panel says so in Chinese', async () => {
  const s = await session(() => {
    // @ts-expect-error: a browser without WebAssembly
    delete globalThis.WebAssembly;
  });
  try {
    await s.page.goto(`${root}dept/B1/`);
    await s.page.click('button.explore-open');
    const error = s.page.locator('.explore-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('此浏览器不支持 WebAssembly');
    expect(s.requests.some((url) => url.endsWith('.wasm'))).toBe(false);
  } finally {
    await s.context.close();
  }
});

test('a server that sends the engine with the wrong type gets a Chinese message, not an endless wait', async () => {
  const s = await session();
  try {
    await s.context.route('**/*.wasm', (route) =>
      route.fulfill({ status: 200, contentType: 'text/plain', body: 'not WebAssembly' }),
    );
    await s.page.goto(`${root}dept/B1/`);
    await s.page.click('button.explore-open');
    const error = s.page.locator('.explore-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('类型不对，应为 application/wasm');
  } finally {
    await s.context.close();
  }
});
