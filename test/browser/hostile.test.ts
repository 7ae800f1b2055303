// The hostile fixture (test/fixtures/hostile/: names of members, departments, categories, items
// and tiers, and notes, holding markup, `</script>`, quotes, entities, bidi marks, emoji and
// 200-character runs), built by the CLI for both audiences with the network cut, served, and
// opened on every page kind at a phone's and a laptop's size: nothing of it runs, it reads as
// the text it is, the layout holds, no request leaves the site, and the Content-Security-Policy
// of every page holds with no violation in normal use — and refuses what it must.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseHTML } from 'linkedom';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  launchBrowser,
  recordForeignRequests,
  type Served,
  serve,
  waitForLevel,
} from '../helpers/browser.ts';
import type { CliRun } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/cli.ts';
import { runCliOffline, runOffline } from '../helpers/offline.ts';

const FIXTURE = join(projectRoot, 'test/fixtures/hostile');
const AUDIENCES = ['public', 'committee'] as const;
type Audience = (typeof AUDIENCES)[number];
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };
/** A Thursday morning in the TV's time zone (the screens' clock is faked). */
const MORNING = new Date('2026-05-07T10:00:00+08:00');

// --- the fixture, as a person wrote it ------------------------------------------------------

type Row = Record<string, string>;
const csv = (file: string): Row[] =>
  parse(readFileSync(join(FIXTURE, file)), { columns: true, bom: true }) as Row[];
const scheme = parseYaml(readFileSync(join(FIXTURE, 'scheme.yaml'), 'utf8')) as {
  organization: string;
  categories: { id: string; name: string; veto?: boolean }[];
  items: { code: string; name: string }[];
};
const depts = new Map(csv('departments.csv').map((d) => [d.dept_id ?? '', d]));
const members = new Map(csv('members.csv').map((m) => [m.member_id ?? '', m]));
const exportRows = readdirSync(join(FIXTURE, 'exports')).flatMap((f) => csv(join('exports', f)));
const deptName = (id: string): string => depts.get(id)?.name ?? '';
const memberName = (id: string): string => members.get(id)?.name ?? '';
/** What an export row's item is called: the catalogue's name for a code, else its own. */
const itemName = (row: Row): string =>
  row.item_code ? (scheme.items.find((i) => i.code === row.item_code)?.name ?? '') : (row.item ?? '');

/** The fixture's subjects: a 党总支, one of its branches, a member with a 200-character name. */
const ZONGZHI = 'H1';
const BRANCH = 'H2';
const LONG_MEMBER = 'H08';
const LONG_DEPT = 'H3';
/** A member of BRANCH, drilled into in the panel. */
const DRILLED = 'H03';

test('the fixture is hostile where the issue says', () => {
  const texts = [
    scheme.organization,
    ...scheme.categories.map((c) => c.name),
    ...scheme.items.map((i) => i.name),
    ...[...depts.values()].map((d) => d.name ?? ''),
    ...[...members.values()].map((m) => m.name ?? ''),
    ...exportRows.map((r) => `${r.item ?? ''}${r.note ?? ''}`),
  ].join('\n');
  for (const needle of [
    '<script>window.__pwned=1</script>',
    '</script>',
    '<img src=x onerror="window.__pwned=1">',
    '"',
    "'",
    '&amp;',
    '\u202e',
    '\u200f',
    '\u200d', // a ZWJ emoji sequence
    '😀', // a surrogate pair
  ]) {
    expect(texts.includes(needle), JSON.stringify(needle)).toBe(true);
  }
  expect([...memberName(LONG_MEMBER)].length).toBe(200);
  expect([...deptName(LONG_DEPT)].length).toBe(200);
  expect(depts.get(ZONGZHI)?.kind).toBe('党总支');
  expect(depts.get(BRANCH)?.parent_id).toBe(ZONGZHI);
  expect(exportRows.some((r) => !r.item_code && r.item?.includes('<script>'))).toBe(true);
});

// --- the builds ------------------------------------------------------------------------------

let work: string;
let browser: Browser;
const builds = {} as Record<Audience, { dist: string; run: CliRun; site: Served }>;
let probe: CliRun;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'liangbang-hostile-'));
  const [runs, connect] = await Promise.all([
    Promise.all(
      AUDIENCES.map((audience) =>
        runCliOffline(['build', '--data', FIXTURE, '--out', join(work, audience), '--audience', audience]),
      ),
    ),
    // The namespace the builds run in reaches nothing: a connection fails at once.
    runOffline(process.execPath, [
      '-e',
      "require('node:net').connect(80, '192.0.2.1').on('connect', () => process.exit(0))" +
        ".on('error', (e) => { console.log(e.code); process.exit(3); })",
    ]),
  ]);
  probe = connect;
  for (const [i, audience] of AUDIENCES.entries()) {
    const dist = join(work, audience);
    const run = runs[i] as CliRun;
    expect(run.status, `${audience} build: ${run.stderr}`).toBe(0);
    builds[audience] = { dist, run, site: await serve(dist) };
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const b of Object.values(builds)) await b.site?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Every file of a folder, relative to it. */
function filesOf(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesOf(dir, join(prefix, e.name)) : [join(prefix, e.name)],
  );
}
const htmlFiles = (audience: Audience): string[] =>
  filesOf(builds[audience].dist).filter((f) => f.endsWith('.html'));

describe('no network', () => {
  test('the build runs where no host can be reached', () => {
    expect(probe.status, probe.stdout + probe.stderr).toBe(3);
    expect(probe.stdout.trim()).toMatch(/^E[A-Z]+$/);
  });

  test.each(AUDIENCES)('the %s build succeeds offline and is complete', (audience) => {
    const { run, dist } = builds[audience];
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const files = new Set(filesOf(dist));
    const pages = [
      'index.html',
      'committee/index.html',
      'committee/2026-Q1/index.html',
      'committee/2026-Q2/index.html',
      'screen/index.html',
      ...[...depts.keys()].flatMap((id) => [`dept/${id}/index.html`, `screen/${id}/index.html`]),
      ...[...members.keys()].map((id) => `member/${id}/index.html`),
      ...(audience === 'committee' ? ['data/index.html', 'data/standings.csv'] : []),
    ];
    for (const page of pages) expect(files.has(page), page).toBe(true);
    expect(files.has('data/index.html')).toBe(audience === 'committee');
    for (const file of ['search.json', 'version.json', 'screen/data/all.json', 'explore/meta.json']) {
      expect(files.has(file), file).toBe(true);
    }
    expect([...files].some((f) => /^duckdb\/[\d.]+\/duckdb-eh\.wasm$/.test(f))).toBe(true);
    expect(files.has('explore/H0/standings.arrow')).toBe(true);
  });
});

// --- the browser -----------------------------------------------------------------------------

interface Watched {
  context: BrowserContext;
  page: Page;
  foreign: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
  dialogs: string[];
}

/** A page of a build, watched for script that runs, errors, dialogs and requests elsewhere. */
async function open(
  audience: Audience,
  path: string,
  viewport: { width: number; height: number },
  clock = false,
): Promise<Watched> {
  const { site } = builds[audience];
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const foreign = await recordForeignRequests(context, site.url);
  await context.addInitScript(() => {
    const w = window as Window & { __violations?: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations?.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  if (clock) {
    await page.clock.install({ time: MORNING.getTime() - 1000 });
    await page.clock.pauseAt(MORNING);
  }
  const response = await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
  expect(response?.status(), path).toBe(200);
  return { context, page, foreign, errors, dialogs };
}

/**
 * Nothing of the data ran: no flag, no dialog, no error, no policy violation, no element with
 * an event handler or a script that names the flag, and no request elsewhere.
 */
async function expectUnharmed(w: Watched, label: string): Promise<void> {
  const state = await w.page.evaluate(() => {
    const win = window as Window & { __pwned?: unknown; __violations?: string[] };
    return {
      pwned: win.__pwned === undefined ? null : String(win.__pwned),
      violations: win.__violations ?? [],
      handlers: [...document.querySelectorAll('*')]
        .filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name)))
        .map((el) => el.outerHTML.slice(0, 80)),
      scripts: [...document.querySelectorAll('script')]
        .filter((s) => s.type !== 'application/json' && (s.textContent ?? '').includes('__pwned'))
        .map((s) => s.outerHTML.slice(0, 80)),
      images: document.querySelectorAll('img').length,
    };
  });
  expect(state, label).toEqual({ pwned: null, violations: [], handlers: [], scripts: [], images: 0 });
  expect(w.dialogs, label).toEqual([]);
  expect(w.errors, label).toEqual([]);
  expect(w.foreign, label).toEqual([]);
}

/** The page is no wider than the window (tables scroll inside their .table-wrap). */
async function expectNoOverflow(page: Page, label: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, label).toBeLessThanOrEqual(0);
}

const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();

/** Board rows: each name link reads as the roster's name of its data-member. */
async function expectBoardNames(page: Page, selector: string, label: string): Promise<number> {
  const rows = await page
    .locator(`${selector} tbody tr[data-member]`)
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-member') ?? '',
        tr.querySelector('.c-name a')?.textContent ?? '',
      ]),
    );
  for (const [id = '', name] of rows) expect(name, `${label} ${id}`).toBe(memberName(id));
  return rows.length;
}

interface PageKind {
  name: string;
  path: string;
  /** The hostile text this page must show, as text. */
  check: (page: Page) => Promise<void>;
}

const PAGE_KINDS: PageKind[] = [
  {
    name: 'home',
    path: '/',
    check: async (page) => {
      expect(await page.locator('.topbar .brand').textContent()).toContain(scheme.organization);
      expect((await texts(page, '.tree .dept-name')).sort()).toEqual(
        [...depts.values()].map((d) => d.name).sort(),
      );
    },
  },
  {
    name: 'a 党总支',
    path: `/dept/${ZONGZHI}/`,
    check: async (page) => {
      expect(await page.locator('h1').textContent()).toContain(deptName(ZONGZHI));
      expect(await page.locator('.crumbs').textContent()).toContain(deptName('H0'));
      for (const child of [BRANCH, LONG_DEPT]) {
        expect(await page.locator(`.roster[data-dept=${child}] h3`).textContent()).toBe(deptName(child));
      }
      expect(await expectBoardNames(page, '#board-month', 'month board')).toBeGreaterThan(5);
      const branches = await page
        .locator('#board-month tbody tr[data-member]')
        .evaluateAll((trs) =>
          trs.map((tr) => [
            tr.getAttribute('data-member') ?? '',
            tr.querySelector('.c-name small')?.textContent,
          ]),
        );
      for (const [id = '', dept] of branches) expect(dept, id).toBe(deptName(members.get(id)?.dept_id ?? ''));
    },
  },
  {
    name: 'a branch',
    path: `/dept/${BRANCH}/`,
    check: async (page) => {
      expect(await page.locator('h1').textContent()).toContain(deptName(BRANCH));
      expect(await expectBoardNames(page, '#board-month', 'month board')).toBe(
        [...members.values()].filter((m) => m.dept_id === BRANCH).length,
      );
      expect(await page.locator('table.profile').textContent()).toContain(scheme.categories[0]?.name);
    },
  },
  {
    name: 'a member with a 200-character name',
    path: `/member/${LONG_MEMBER}/`,
    check: async (page) => {
      expect(await page.locator('h1').textContent()).toBe(memberName(LONG_MEMBER));
      expect(await page.locator('.crumbs').textContent()).toContain(deptName(LONG_DEPT));
      for (const c of scheme.categories.filter((c) => !c.veto)) {
        expect(await page.locator(`table.categories tr[data-category=${c.id}] th`).textContent()).toBe(
          c.name,
        );
      }
      expect(await page.locator('.chart-svg svg').first().textContent()).not.toBe('');
    },
  },
  {
    name: 'the committee quarter',
    path: '/committee/2026-Q1/',
    check: async (page) => {
      const heads = await texts(page, 'table.heat thead th');
      expect(heads.slice(1)).toEqual(scheme.categories.filter((c) => !c.veto).map((c) => c.name));
      const rows = await page
        .locator('table.heat tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [tr.getAttribute('data-dept') ?? '', tr.querySelector('th')?.textContent]),
        );
      expect(rows.length).toBeGreaterThan(1);
      for (const [id = '', name] of rows) expect(name, id).toBe(deptName(id));
      expect(await expectBoardNames(page, '#red', 'red list')).toBeGreaterThan(0);
    },
  },
  {
    name: 'the committee index',
    path: '/committee/',
    check: async (page) => {
      expect(await page.locator('.site-footer').textContent()).toContain(scheme.organization);
    },
  },
];

describe.each(AUDIENCES)('the %s build', (audience) => {
  const kinds =
    audience === 'committee'
      ? [...PAGE_KINDS, { name: 'downloads', path: '/data/', check: async () => undefined }]
      : PAGE_KINDS;

  test.each(kinds)('$name: the data reads as text, runs nothing and keeps the layout', async (kind) => {
    for (const viewport of [PHONE, LAPTOP]) {
      const label = `${audience} ${kind.path} ${viewport.width}`;
      const w = await open(audience, kind.path, viewport);
      try {
        await kind.check(w.page);
        await expectNoOverflow(w.page, label);
        await expectUnharmed(w, label);
      } finally {
        await w.context.close();
      }
    }
  });

  test('the search shows a hostile name as text', async () => {
    const w = await open(audience, '/', PHONE);
    try {
      for (const id of ['H01', 'H03', 'H06', 'H07', LONG_MEMBER]) {
        await w.page.locator('#member-search').fill(memberName(id));
        const first = w.page.locator('.search-results a').first();
        await expect.poll(() => first.getAttribute('href')).toBe(`/member/${id}/`);
        expect(await first.evaluate((a) => a.firstChild?.textContent)).toBe(memberName(id));
        expect(await first.locator('.meta').textContent()).toBe(
          `${id} · ${deptName(members.get(id)?.dept_id ?? '')}`,
        );
        // Only the elements the search builds: an item, its link and the link's meta.
        const tags = await w.page
          .locator('.search-results *')
          .evaluateAll((els) => [...new Set(els.map((el) => el.tagName))].sort());
        expect(tags, id).toEqual(['A', 'LI', 'SPAN']);
        await expectNoOverflow(w.page, id);
      }
      await expectUnharmed(w, 'search');
    } finally {
      await w.context.close();
    }
  });
});

describe('the screens', () => {
  /** Every line of text on the stage lies inside the window, and no .fit text overflows its box. */
  async function expectTextInside(page: Page, label: string): Promise<void> {
    const { outside, overflowing, lines } = await page.evaluate(() => {
      const stage = document.getElementById('stage') as HTMLElement;
      const walker = document.createTreeWalker(stage, NodeFilter.SHOW_TEXT);
      const outside: string[] = [];
      let lines = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement as HTMLElement;
        if (!node.textContent?.trim() || parent.closest('[hidden]')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of Array.from(range.getClientRects())) {
          if (r.width === 0) continue;
          lines++;
          if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5)
            outside.push(node.textContent.slice(0, 40));
        }
      }
      const overflowing = Array.from(stage.querySelectorAll<HTMLElement>('.fit'))
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => (el.textContent ?? '').slice(0, 40));
      return { outside, overflowing, lines };
    });
    expect(lines, label).toBeGreaterThan(5);
    expect(outside, label).toEqual([]);
    expect(overflowing, label).toEqual([]);
  }

  const names = new Set([
    ...[...members.values()].map((m) => m.name),
    ...[...depts.values()].map((d) => d.name),
  ]);

  test.each([
    ['public', '/screen/', ['H01', 'H02', 'H03']],
    ['committee', `/screen/${LONG_DEPT}/`, ['H05', 'H06', 'H07', LONG_MEMBER]],
  ] as const)(
    '%s %s: every slide shows the names as text, inside the window',
    async (audience, path, shown) => {
      for (const viewport of [PHONE, LAPTOP]) {
        const w = await open(audience, `${path}?interval=1&top=40&night=off`, viewport, true);
        try {
          const label = `${audience} ${path} ${viewport.width}`;
          expect(await w.page.locator('#org').textContent()).toBe(scheme.organization);
          if (path !== '/screen/')
            expect(await w.page.locator('#scope').textContent()).toBe(deptName(LONG_DEPT));
          const states: string[] = [];
          const seen = new Set<string>();
          for (let step = 0; step < 40; step++) {
            const state = await w.page.evaluate(() => {
              const stage = document.getElementById('stage') as HTMLElement;
              return `${stage.dataset.slide} ${stage.dataset.page}`;
            });
            if (states.includes(state)) break;
            states.push(state);
            for (const name of await texts(w.page, '#stage .row:not(.labels) .name')) seen.add(name);
            await expectTextInside(w.page, `${label} ${state}`);
            await w.page.clock.runFor(1000);
          }
          expect(new Set(states.map((s) => s.split(' ')[0])).size, label).toBeGreaterThanOrEqual(4);
          expect(
            [...seen].filter((n) => !names.has(n)),
            label,
          ).toEqual([]);
          for (const id of shown) expect(seen.has(memberName(id)), `${label} ${id}`).toBe(true);
          await expectUnharmed(w, label);
        } finally {
          await w.context.close();
        }
      }
    },
  );
});

describe('the drill-down panel', () => {
  async function showTable(page: Page): Promise<void> {
    await page.click('.explore-views button[data-view=table]');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('view') === 'table');
    await page.locator('.explore-table tbody tr').first().waitFor();
  }

  /** data-key → the text of the table view's `col` column. */
  const column = (page: Page, col: string) =>
    page
      .locator('.explore-table tbody tr')
      .evaluateAll(
        (trs, c) =>
          trs.map((tr) => [tr.getAttribute('data-key'), tr.querySelector(`td[data-col=${c}]`)?.textContent]),
        col,
      );

  test.each([
    ['public', LAPTOP],
    ['committee', PHONE],
  ] as const)('%s, %o: department → member → items, every name as text', async (audience, viewport) => {
    const w = await open(audience, `/dept/${ZONGZHI}/`, viewport);
    const { page } = w;
    try {
      await page.click('button.explore-open');
      await waitForLevel(page, 'departments');
      await page.locator('.explore-chart svg').waitFor();
      const chart = (await page.locator('.explore-chart svg').textContent()) ?? '';
      // Long names are shortened on the bars (src/explore/chart.ts): their first characters.
      expect(chart).toContain([...deptName(BRANCH)].slice(0, 11).join(''));
      await showTable(page);
      const children = await column(page, 'name');
      expect(children).toEqual(
        expect.arrayContaining([
          [BRANCH, deptName(BRANCH)],
          [LONG_DEPT, deptName(LONG_DEPT)],
        ]),
      );
      await expectNoOverflow(page, 'departments');

      await page.locator(`.explore-table tr[data-key="${BRANCH}"] button.drill`).click();
      await waitForLevel(page, 'members');
      const people = await column(page, 'name');
      expect(people.length).toBeGreaterThan(0);
      for (const [id, name] of people) expect(name, String(id)).toBe(memberName(String(id)));
      expect(await page.locator('.explore-crumbs').textContent()).toContain(deptName(BRANCH));
      await expectNoOverflow(page, 'members');

      await page.locator(`.explore-table tr[data-key="${DRILLED}"] button.drill`).click();
      await waitForLevel(page, 'items');
      const items = new Set((await column(page, 'item')).map(([, name]) => name));
      const expected = new Set(
        exportRows
          .filter((r) => r.member_id === DRILLED && r.month === '2026-04' && r.status === '已审定')
          .map(itemName),
      );
      expect(items).toEqual(expected);
      expect(await page.locator('.explore-heading').textContent()).toContain(memberName(DRILLED));
      await page.click('.explore-views button[data-view=chart]');
      await page.locator('.explore-chart svg').first().waitFor();
      await expectNoOverflow(page, 'items');
      await expectUnharmed(w, `${audience} drill-down`);
    } finally {
      await w.context.close();
    }
  });
});

// --- the Content-Security-Policy --------------------------------------------------------------

/** The policy of a built page: its one <meta http-equiv="content-security-policy">. */
function policyOf(html: string): Map<string, string[]> {
  const { document } = parseHTML(html);
  const metas = [...document.querySelectorAll('meta')].filter(
    (m) => m.getAttribute('http-equiv')?.toLowerCase() === 'content-security-policy',
  );
  expect(metas).toHaveLength(1);
  expect(metas[0]?.parentElement?.tagName).toBe('HEAD');
  return new Map(
    (metas[0]?.getAttribute('content') ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name ?? '', values]),
  );
}

/** Pages holding the 数据探索 panel: departments and committee quarters. */
const hasPanel = (file: string): boolean => /^(dept\/[^/]+|committee\/\d{4}-Q\d)\/index\.html$/.test(file);

describe('the Content-Security-Policy', () => {
  test.each(AUDIENCES)(
    'every %s page carries it: own files only, no eval, no inline script but by hash',
    async (audience) => {
      const files = htmlFiles(audience);
      expect(files.length).toBeGreaterThan(25);
      for (const file of files) {
        const html = await readFile(join(builds[audience].dist, file), 'utf8');
        const policy = policyOf(html);
        expect(policy.get('default-src'), file).toEqual(["'self'"]);
        expect(policy.get('connect-src'), file).toEqual(["'self'"]);
        expect(policy.get('object-src'), file).toEqual(["'none'"]);
        expect(policy.get('base-uri'), file).toEqual(["'self'"]);
        expect(policy.get('form-action'), file).toEqual(["'self'"]);
        expect(policy.get('child-src'), file).toEqual(["'none'"]);
        expect(policy.get('worker-src'), file).toEqual(hasPanel(file) ? ["'self'"] : undefined);
        for (const directive of ['script-src', 'style-src']) {
          const sources = policy.get(directive) ?? [];
          expect(sources[0], `${file} ${directive}`).toBe("'self'");
          expect(
            sources.slice(1).every((s) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s)),
            `${file} ${directive}: ${sources.join(' ')}`,
          ).toBe(true);
        }
        // Every inline script and stylesheet is admitted by its hash; nothing else is.
        const { document } = parseHTML(html);
        for (const [tag, directive] of [
          ['script', 'script-src'],
          ['style', 'style-src'],
        ] as const) {
          for (const el of document.querySelectorAll(tag)) {
            if (el.getAttribute('src') || el.getAttribute('type') === 'application/json') continue;
            const hash = `'sha256-${createHash('sha256')
              .update(el.textContent ?? '', 'utf8')
              .digest('base64')}'`;
            expect(policy.get(directive), `${file}: an inline ${tag}`).toContain(hash);
          }
        }
      }
    },
  );

  test.each(AUDIENCES)(
    'no %s file allows eval, and no HTML carries an inline event handler or style',
    async (audience) => {
      const { dist } = builds[audience];
      for (const file of filesOf(dist)) {
        if (!/\.(html|js|json|css)$/.test(file)) continue;
        const text = await readFile(join(dist, file), 'utf8');
        expect(text.includes('unsafe-eval'), file).toBe(false);
        expect(text.includes('unsafe-inline'), file).toBe(false);
        if (!file.endsWith('.html')) continue;
        // The markup outside scripts: no attribute " on…=" in any tag, nor a style attribute.
        const markup = text.replace(/<script\b[\s\S]*?<\/script>/gi, '');
        expect(markup.match(/<[a-z][^<>]*\son[a-z]+\s*=/gi), file).toBeNull();
        expect(markup.match(/<[a-z][^<>]*\sstyle\s*=/gi), file).toBeNull();
        const { document } = parseHTML(text);
        const handlers = [...document.querySelectorAll('*')].filter((el) =>
          [...el.attributes].some((a) => /^on/i.test(a.name) || a.name === 'style'),
        );
        expect(
          handlers.map((el) => el.tagName),
          file,
        ).toEqual([]);
      }
    },
  );

  test('it bites: an injected inline script, event handler and style, eval, WebAssembly and a worker are refused', async () => {
    const { site, dist } = builds.public;
    const version = readdirSync(join(dist, 'duckdb'))[0] ?? '';
    for (const [path, workers] of [
      ['/', false],
      [`/dept/${BRANCH}/`, true],
    ] as const) {
      const context = await browser.newContext();
      try {
        await context.addInitScript(() => {
          const w = window as Window & { __violations?: string[] };
          w.__violations = [];
          document.addEventListener('securitypolicyviolation', (e) =>
            w.__violations?.push(e.violatedDirective),
          );
        });
        // A copy of the page with what an escaping bug would let through, and a script of the
        // site's own (allowed) that tries eval, WebAssembly and a worker.
        await context.route(`${site.url}${path}`, async (route) => {
          const response = await route.fetch();
          const body = (await response.text()).replace(
            '</body>',
            '<script>window.__pwned = "inline"</script>' +
              '<img src="/no-such-image" onerror="window.__pwned = \'handler\'">' +
              '<p id="styled" style="color: rgb(1, 2, 3)">x</p>' +
              '<style>#styled { background-color: rgb(4, 5, 6) }</style>' +
              '<script src="/_probe.js"></script></body>',
          );
          await route.fulfill({ response, body });
        });
        await context.route(`${site.url}/_probe.js`, (route) =>
          route.fulfill({
            contentType: 'text/javascript',
            body: `
              var out = window.__probe = {};
              try { out.eval = String(eval('1 + 1')); } catch (e) { out.eval = e.name; }
              try { out.fn = String(new Function('return 2')()); } catch (e) { out.fn = e.name; }
              out.wasm = WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))
                .then(function () { return 'compiled'; }, function (e) { return e.name; });
              out.worker = new Promise(function (resolve) {
                try {
                  var w = new Worker('/duckdb/${version}/liangbang-eh.worker.js');
                  w.onerror = function () { resolve('error'); };
                  setTimeout(function () { resolve('started'); }, 1500);
                } catch (e) { resolve(e.name); }
              });`,
          }),
        );
        const page = await context.newPage();
        await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
        const result = await page.evaluate(async () => {
          const w = window as Window & {
            __pwned?: string;
            __violations?: string[];
            __probe?: { eval: string; fn: string; wasm: Promise<string>; worker: Promise<string> };
          };
          const p = w.__probe;
          return {
            pwned: w.__pwned ?? null,
            eval: p?.eval,
            fn: p?.fn,
            wasm: await p?.wasm,
            worker: await p?.worker,
            colour: getComputedStyle(document.getElementById('styled') as HTMLElement).color,
            background: getComputedStyle(document.getElementById('styled') as HTMLElement).backgroundColor,
            violations: [...new Set(w.__violations ?? [])].sort(),
          };
        });
        expect(result, path).toEqual({
          pwned: null,
          eval: 'EvalError',
          fn: 'EvalError',
          wasm: 'CompileError',
          // The panel's pages start duckdb-wasm's worker; no other page may start one.
          worker: workers ? 'started' : 'error',
          colour: expect.not.stringContaining('rgb(1, 2, 3)'),
          background: expect.not.stringContaining('rgb(4, 5, 6)'),
          violations: [
            'script-src',
            'script-src-attr',
            'script-src-elem',
            'style-src-attr',
            'style-src-elem',
            ...(workers ? [] : ['worker-src']),
          ].sort(),
        });
      } finally {
        await context.close();
      }
    }
  });
});
