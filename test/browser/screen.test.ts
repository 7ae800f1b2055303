import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ScreenDoc } from '../../src/screen/client/doc.ts';
import { launchBrowser, recordForeignRequests, type Served, serve } from '../helpers/browser.ts';
import { projectRoot } from '../helpers/cli.ts';
import { HTML_NAME, LONG_DEPT, LONG_NAME, NAME_12, ORGANIZATION } from '../screen/fixture.ts';
import { type BuiltSite, buildScreenSite } from '../screen/site.ts';

const ARTIFACTS = join(projectRoot, 'test-artifacts/screens');
/** A Thursday morning in the TV's time zone. */
const MORNING = new Date('2026-04-02T10:00:00+08:00');

let built: BuiltSite;
let site: Served;
let browser: Browser;

beforeAll(async () => {
  built = await buildScreenSite();
  site = await serve(built.dist);
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (built) await rm(built.work, { recursive: true, force: true });
});

interface Opened {
  context: BrowserContext;
  page: Page;
  foreign: string[];
  errors: string[];
  close(): Promise<void>;
}

/** Opens a screen with a fake clock paused at `time` (advance it with page.clock.runFor). */
async function open(
  path: string,
  query: string,
  viewport = { width: 1920, height: 1080 },
  time: Date = MORNING,
): Promise<Opened> {
  const context = await browser.newContext({ viewport, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const foreign = await recordForeignRequests(page, site.url);
  await page.clock.install({ time: time.getTime() - 1000 });
  await page.clock.pauseAt(time);
  await page.goto(`${site.url}${path}?${query}`);
  await page.locator('.board').first().waitFor();
  return { context, page, foreign, errors, close: () => context.close() };
}

async function slideState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const stage = document.getElementById('stage') as HTMLElement;
    return `${stage.dataset.slide} ${stage.dataset.page}`;
  });
}

interface TextBox {
  text: string;
  node: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** In px of the 1920×1080 design. */
  fontSize: number;
}

/**
 * Every visible line of text on the screen, as the box of its glyphs (the font's em box, not
 * the taller line box), and whether some `.fit` text is wider than its box.
 */
function measure(
  page: Page,
): Promise<{ boxes: TextBox[]; width: number; height: number; overflowing: string[] }> {
  return page.evaluate(() => {
    const stage = document.getElementById('stage') as HTMLElement;
    const scale = stage.getBoundingClientRect().width / stage.offsetWidth;
    const boxes: TextBox[] = [];
    const walker = document.createTreeWalker(stage, NodeFilter.SHOW_TEXT);
    let index = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      index++;
      const parent = node.parentElement as HTMLElement;
      if (!node.textContent?.trim() || parent.closest('[hidden]')) continue;
      const style = getComputedStyle(parent);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const fontSize = Number.parseFloat(style.fontSize);
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of Array.from(range.getClientRects())) {
        if (rect.width === 0) continue;
        const middle = (rect.top + rect.bottom) / 2;
        const half = (fontSize * scale) / 2;
        boxes.push({
          text: node.textContent,
          node: index,
          left: rect.left,
          right: rect.right,
          top: middle - half,
          bottom: middle + half,
          fontSize,
        });
      }
    }
    const overflowing = Array.from(stage.querySelectorAll<HTMLElement>('.fit'))
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent ?? '');
    return { boxes, width: window.innerWidth, height: window.innerHeight, overflowing };
  });
}

/** All text inside the window, no two texts overlapping, nothing wider than its box, ≥ 28 px. */
async function expectCleanLayout(page: Page, label: string): Promise<void> {
  const { boxes, width, height, overflowing } = await measure(page);
  expect(boxes.length, label).toBeGreaterThan(5);
  expect(overflowing, label).toEqual([]);
  for (const b of boxes) {
    expect(
      b.left >= -0.5 && b.top >= -0.5 && b.right <= width + 0.5 && b.bottom <= height + 0.5,
      `${label}: ${b.text} outside`,
    ).toBe(true);
    expect(b.fontSize, `${label}: ${b.text} font size`).toBeGreaterThanOrEqual(28);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i] as TextBox;
      const b = boxes[j] as TextBox;
      if (a.node === b.node) continue;
      const overlap =
        a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
      expect(overlap, `${label}: "${a.text}" overlaps "${b.text}"`).toBe(false);
    }
  }
}

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
  { width: 1080, height: 1920 },
];

describe.each([
  ['organisation', '/screen/', 'org'],
  ['department', '/screen/d2/', 'd2'],
])('the %s screen', (_, path, name) => {
  test.each(SIZES)(
    'every page at $width×$height keeps all text inside, apart and readable',
    async (viewport) => {
      const s = await open(path, 'interval=60&top=12&night=off', viewport);
      const seen: string[] = [];
      for (let step = 0; step < 30; step++) {
        const state = await slideState(s.page);
        if (seen.includes(state)) break;
        seen.push(state);
        await expectCleanLayout(s.page, `${name} ${viewport.width}×${viewport.height} ${state}`);
        // At 4K only each slide's first page: a 4K screenshot takes a second or two.
        if (viewport.width < 3000 || / 1\/\d+$/.test(state)) {
          const file = `${name}-${viewport.width}x${viewport.height}-${state.replace(/\W+/g, '-')}.png`;
          await s.page.screenshot({ path: join(ARTIFACTS, file), animations: 'disabled' });
        }
        await s.page.clock.runFor(60_000);
      }
      const slides = [...new Set(seen.map((state) => state.split(' ')[0]))];
      expect(slides).toEqual(
        name === 'org'
          ? ['month', 'quarter', 'risers', 'depts', 'exemplars']
          : ['month', 'quarter', 'risers', 'exemplars'],
      );
      expect(s.foreign).toEqual([]);
      expect(s.errors).toEqual([]);
      await s.close();
    },
  );
});

test('the board shows the organisation, the period, the data month and the time, with medals and 并列', async () => {
  const s = await open('/screen/', 'slides=month&night=off');
  const text = (await s.page.locator('#stage').textContent()) ?? '';
  expect(text).toContain(ORGANIZATION);
  expect(text).toContain('本月积分排行');
  expect(text).toContain('2026年3月');
  expect(text).toContain('数据截至 2026年3月');
  expect(await s.page.locator('#clock').textContent()).toBe('10:00');
  expect(await s.page.locator('.board .medal').count()).toBe(3);
  expect(await s.page.locator('.board .tie').count()).toBeGreaterThanOrEqual(2);
  // Data goes in as text: the HTML in a name is shown, not run.
  await expect(s.page.locator('.name', { hasText: HTML_NAME }).count()).resolves.toBe(1);
  expect(await s.page.locator('.board img').count()).toBe(0);
  for (const long of [LONG_NAME, NAME_12, LONG_DEPT]) {
    expect(await s.page.locator('.fit', { hasText: long }).count(), long).toBeGreaterThan(0);
  }
  await s.close();
});

/** The screen's stage as the browser has it: printed at build time (JavaScript off) or after the script. */
async function stageMarkup(
  path: string,
  query: string,
  options: { javaScript?: boolean; unprinted?: boolean } = {},
): Promise<{ html: string; names: string[]; images: number; kept: boolean; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1920, height: 1080 },
    timezoneId: 'Asia/Shanghai',
    locale: 'zh-CN',
    javaScriptEnabled: options.javaScript ?? true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  if (options.javaScript ?? true) {
    await page.clock.install({ time: MORNING.getTime() - 1000 });
    await page.clock.pauseAt(MORNING);
  }
  // The printed board gets a mark that only it carries, to tell whether the script kept it; with
  // `unprinted` the page also loses the key of its printed first page, so the script renders that
  // page itself.
  await page.route(
    (url) => url.pathname === path,
    async (route) => {
      const response = await route.fetch();
      let body = (await response.text()).replace('<div class="board ', '<div data-printed class="board ');
      if (options.unprinted) body = body.replace(/ data-first="[^"]*"/, '');
      await route.fulfill({ response, body });
    },
  );
  await page.goto(`${site.url}${path}?${query}`);
  await page.locator('#body .board').first().waitFor({ state: 'attached' });
  const result = await page.evaluate(() => ({
    kept: document.querySelector('#body > .board[data-printed]') !== null,
    html: (document.getElementById('stage') as HTMLElement).outerHTML
      .replace(/ data-first="[^"]*"/, '')
      .replace(' data-printed=""', ''),
    names: Array.from(document.querySelectorAll('#body .row:not(.labels) .name')).map(
      (n) => n.textContent ?? '',
    ),
    images: document.querySelectorAll('#stage img').length,
  }));
  await context.close();
  return { ...result, errors };
}

test('the first slide is in the page before any script runs, names as text', async () => {
  const doc = JSON.parse(await readFile(join(built.dist, 'screen/data/all.json'), 'utf8')) as ScreenDoc;
  const top10 = (doc.month?.rows ?? []).filter((r) => r.rank <= 10).map((r) => r.name);
  expect(top10).toContain(HTML_NAME);
  const html = await readFile(join(built.dist, 'screen/index.html'), 'utf8');
  expect(html).toContain('data-first="landscape 10 month"');
  // Escaped in the markup, never markup itself.
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(html.includes(HTML_NAME)).toBe(false);
  const off = await stageMarkup('/screen/', 'night=off', { javaScript: false });
  expect(off.kept).toBe(true);
  expect(off.names).toEqual(top10);
  expect(off.images).toBe(0);
  expect(off.html).toContain('本月积分排行');
  expect(off.html).toContain('数据截至 2026年3月');
});

test('the printed first page is the page the script would render, and is replaced when the URL asks for another', async () => {
  for (const path of ['/screen/', '/screen/d2/']) {
    const printed = await stageMarkup(path, 'night=off');
    const rendered = await stageMarkup(path, 'night=off', { unprinted: true });
    expect(printed.errors).toEqual([]);
    expect(rendered.errors).toEqual([]);
    expect(printed.names.length).toBeGreaterThan(0);
    expect(printed.kept, path).toBe(true);
    expect(rendered.kept, path).toBe(false);
    expect(printed.html, path).toBe(rendered.html);
  }
  const doc = JSON.parse(await readFile(join(built.dist, 'screen/data/all.json'), 'utf8')) as ScreenDoc;
  const five = await stageMarkup('/screen/', 'top=5&night=off');
  expect(five.kept).toBe(false);
  expect(five.names).toEqual((doc.month?.rows ?? []).filter((r) => r.rank <= 5).map((r) => r.name));
  const quarter = await stageMarkup('/screen/', 'slides=quarter,month&night=off');
  expect(quarter.kept).toBe(false);
  expect(quarter.html).toContain('data-slide="quarter"');
  expect(quarter.html).toContain('本季度积分排行');
});

test('the light theme keeps the layout and changes the colours', async () => {
  const s = await open('/screen/', 'slides=month,exemplars&theme=light&interval=60&night=off');
  const background = () =>
    s.page.evaluate(() => getComputedStyle(document.getElementById('stage') as HTMLElement).backgroundColor);
  expect(await s.page.evaluate(() => document.documentElement.className)).toContain('theme-light');
  expect(await background()).toBe('rgb(253, 244, 232)');
  await expectCleanLayout(s.page, 'light month');
  await s.page.screenshot({ path: join(ARTIFACTS, 'org-1920x1080-light-month.png'), animations: 'disabled' });
  await s.page.clock.runFor(60_000);
  await expectCleanLayout(s.page, 'light exemplars');
  await s.page.screenshot({
    path: join(ARTIFACTS, 'org-1920x1080-light-exemplars.png'),
    animations: 'disabled',
  });
  await s.close();
});

test('?portrait=1 forces the portrait layout on a landscape screen, pillarboxed', async () => {
  const s = await open('/screen/', 'portrait=1&slides=month&night=off');
  expect(await s.page.locator('#stage').getAttribute('class')).toContain('portrait');
  const box = await s.page.locator('#stage').boundingBox();
  expect(box?.height).toBeCloseTo(1080, 0);
  expect(box?.x).toBeCloseTo((1920 - 1080 * (1080 / 1920)) / 2, 0);
  await expectCleanLayout(s.page, 'forced portrait');
  await s.close();
});

test('a new schema in version.json makes the screen reload itself', async () => {
  const s = await open('/screen/', 'slides=month&poll=60&night=off');
  let documents = 0;
  s.page.on('request', (request) => {
    if (request.resourceType() === 'document') documents++;
  });
  await s.page.route('**/version.json*', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: '{"schema":2,"version":"x","asOf":null}',
    }),
  );
  await s.page.clock.runFor(60_000);
  await expect.poll(() => documents).toBe(1);
  await s.close();
});

test('with ?interval=1 every slide is seen in order, long boards page through, and the stage shifts each cycle', async () => {
  const s = await open('/screen/', 'interval=1&top=40&night=off');
  const doc = JSON.parse(await readFile(join(built.dist, 'screen/data/all.json'), 'utf8')) as ScreenDoc;
  // The first slide is there at once; the next ones fade in.
  const still = () => s.page.locator('.board.still').count();
  expect(await still()).toBe(1);
  const states: string[] = [];
  const monthNames: string[] = [];
  const shifts = new Set<string>();
  for (let step = 0; step < 40; step++) {
    const state = await slideState(s.page);
    if (states.length > 0 && state === states[0]) break;
    states.push(state);
    if (state.startsWith('month '))
      monthNames.push(...(await s.page.locator('.board .row:not(.labels) .name').allTextContents()));
    shifts.add((await s.page.locator('#frame').getAttribute('style')) ?? '');
    await s.page.clock.runFor(1000);
    if (step === 0) expect(await still()).toBe(0);
  }
  const order = states.map((state) => state.split(' ')[0]);
  expect([...new Set(order)]).toEqual(['month', 'quarter', 'risers', 'depts', 'exemplars']);
  // Each slide's pages are contiguous and counted 1..n.
  for (const slide of new Set(order)) {
    const pages = states.filter((state) => state.startsWith(`${slide} `)).map((state) => state.split(' ')[1]);
    const total = Number(pages[0]?.split('/')[1]);
    expect(pages).toEqual(Array.from({ length: total }, (_, i) => `${i + 1}/${total}`));
  }
  expect(states.filter((state) => state.startsWith('month ')).length).toBe(4);
  // Paging shows every name of the top 40, once, in rank order.
  expect(monthNames).toEqual((doc.month?.rows ?? []).filter((r) => r.rank <= 40).map((r) => r.name));
  // Back at the start after a full cycle, shifted by a few pixels.
  expect(await slideState(s.page)).toBe(states[0]);
  const shifted = (await s.page.locator('#frame').getAttribute('style')) ?? '';
  expect(shifted).toMatch(/translate\(-?\d+px, ?-?\d+px\)/);
  expect(shifts.has(shifted)).toBe(false);
  await s.close();
});

test('an update of version.json and the data shows on the open screen without a reload', async () => {
  const file = join(built.dist, 'screen/data/all.json');
  const versionFile = join(built.dist, 'version.json');
  const [original, originalVersion] = await Promise.all([
    readFile(file, 'utf8'),
    readFile(versionFile, 'utf8'),
  ]);
  const s = await open('/screen/', 'slides=month&poll=60&night=off');
  let documents = 0;
  s.page.on('request', (request) => {
    if (request.resourceType() === 'document') documents++;
  });
  await expect(s.page.locator('.name', { hasText: '王伟' }).count()).resolves.toBe(1);
  try {
    const doc = JSON.parse(original) as ScreenDoc;
    doc.version = 'updated-0001';
    const first = doc.month?.rows[0];
    if (first) first.name = '王伟（已更新）';
    await writeFile(file, JSON.stringify(doc));
    await writeFile(versionFile, JSON.stringify({ schema: 1, version: 'updated-0001', asOf: '2026-03' }));
    await s.page.clock.runFor(60_000);
    await expect.poll(() => s.page.locator('.name', { hasText: '王伟（已更新）' }).count()).toBe(1);
    expect(documents).toBe(0);
    expect(await s.page.locator('#offline').isHidden()).toBe(true);
  } finally {
    await writeFile(file, original);
    await writeFile(versionFile, originalVersion);
    await s.close();
  }
});

test('when the server fails or sends garbage, the last data stays and 离线 shows since when', async () => {
  const s = await open('/screen/', 'slides=month&poll=60&night=off');
  const board = async () => (await s.page.locator('.board .name').allTextContents()).join('|');
  const before = await board();
  expect(await s.page.locator('#offline').isHidden()).toBe(true);

  await s.page.route('**/version.json*', (route) =>
    route.fulfill({ status: 500, body: 'Internal Server Error' }),
  );
  await s.page.clock.runFor(60_000);
  await expect.poll(() => s.page.locator('#offline').isVisible()).toBe(true);
  expect(await s.page.locator('#offline').textContent()).toMatch(/^离线 · 自1\d:\d\d起/);
  expect(await board()).toBe(before);

  // Garbage: a new version whose document is not JSON.
  await s.page.unroute('**/version.json*');
  await s.page.route('**/version.json*', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: '{"schema":1,"version":"new","asOf":null}',
    }),
  );
  await s.page.route('**/screen/data/all.json*', (route) =>
    route.fulfill({ status: 200, body: '<html>oops' }),
  );
  await s.page.clock.runFor(60_000);
  await s.page.waitForTimeout(200);
  expect(await s.page.locator('#offline').isVisible()).toBe(true);
  expect(await board()).toBe(before);

  // Unreachable.
  await s.page.unroute('**/version.json*');
  await s.page.route('**/version.json*', (route) => route.abort('connectionrefused'));
  await s.page.clock.runFor(60_000);
  await s.page.waitForTimeout(200);
  expect(await s.page.locator('#offline').isVisible()).toBe(true);
  expect(await board()).toBe(before);

  // Back: the notice goes away.
  await s.page.unrouteAll();
  await s.page.clock.runFor(60_000);
  await expect.poll(() => s.page.locator('#offline').isHidden()).toBe(true);
  expect(await board()).toBe(before);
  await s.close();
});

test('night mode dims the screen between the hours of ?night=', async () => {
  const s = await open(
    '/screen/',
    'slides=month&night=22-6&reload=off',
    undefined,
    new Date('2026-04-02T21:59:00+08:00'),
  );
  const dimmed = () => s.page.evaluate(() => document.documentElement.classList.contains('night'));
  expect(await dimmed()).toBe(false);
  await s.page.clock.runFor(61_000);
  expect(await dimmed()).toBe(true);
  await s.page.clock.fastForward('08:00:00');
  expect(await dimmed()).toBe(false);
  await s.close();
});

test('the screen reloads itself at the reload hour, and not while the page cannot be fetched', async () => {
  const s = await open(
    '/screen/',
    'slides=month&reload=4&poll=600&night=off',
    undefined,
    new Date('2026-04-02T03:58:00+08:00'),
  );
  let documents = 0;
  s.page.on('request', (request) => {
    if (request.resourceType() === 'document') documents++;
  });
  // At 04:00 the server is down: no reload (it would leave an error page), offline instead.
  await s.page.route(
    (url) => url.pathname === '/screen/',
    (route) =>
      route.request().resourceType() === 'fetch' ? route.fulfill({ status: 503 }) : route.continue(),
  );
  await s.page.clock.runFor(3 * 60_000);
  await expect.poll(() => s.page.locator('#offline').isVisible()).toBe(true);
  expect(documents).toBe(0);
  // Back: the retry a few minutes later reloads.
  await s.page.unrouteAll();
  await s.page.clock.runFor(6 * 60_000);
  await expect.poll(() => documents).toBe(1);
  await s.page.locator('.board').waitFor();
  await s.close();
});

/** The screen's own files, as the page references them. */
async function pageAssets(html: string): Promise<string[]> {
  return [...html.matchAll(/(?:src|href)="(\/_assets\/[^"]+)"/g)].map((m) => m[1] as string);
}

/** The screen's scripts and stylesheets, inline (as the page is built) or as files of /_assets/. */
async function pageCode(html: string): Promise<{ scripts: Code[]; styles: Code[] }> {
  const scripts: Code[] = [];
  const styles: Code[] = [];
  for (const m of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attributes = m[1] ?? '';
    if (/type="application\/json"/.test(attributes) || /\ssrc=/.test(attributes)) continue;
    scripts.push({ name: `inline script ${scripts.length + 1}`, code: m[2] ?? '' });
  }
  for (const m of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g))
    styles.push({ name: `inline style ${styles.length + 1}`, code: m[1] ?? '' });
  for (const asset of await pageAssets(html)) {
    const code = await readFile(join(built.dist, asset), 'utf8');
    if (asset.endsWith('.js')) scripts.push({ name: asset, code });
    if (asset.endsWith('.css')) styles.push({ name: asset, code });
  }
  return { scripts, styles };
}

interface Code {
  name: string;
  code: string;
}

test('the screen script parses as ES2019 and the CSS has no nesting', async () => {
  const html = await readFile(join(built.dist, 'screen/index.html'), 'utf8');
  const { scripts, styles } = await pageCode(html);
  // One response is the whole screen (inline-assets.ts): the first slide waits for no other file.
  expect(await pageAssets(html), 'files the page loads').toEqual([]);
  expect(scripts.length).toBeGreaterThan(0);
  expect(styles.length).toBeGreaterThan(0);
  for (const { name, code } of scripts) {
    expect(newerThanEs2019(code), name).toEqual([]);
    for (const api of [
      'replaceAll(',
      'replaceChildren',
      'structuredClone',
      'allSettled',
      'Object.hasOwn',
      '.at(',
    ]) {
      expect(code.includes(api), `${name} uses ${api}`).toBe(false);
    }
  }
  for (const { name, code } of styles) {
    expect(code.includes('&'), name).toBe(false);
    expect(nestedRules(code), name).toEqual([]);
  }
});

/** Syntax newer than ES2019 in `code`, by name. */
function newerThanEs2019(code: string): string[] {
  const source = ts.createSourceFile('screen.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const found: string[] = [];
  const visit = (node: ts.Node, inFunction: boolean): void => {
    const kind = node.kind;
    if (kind === ts.SyntaxKind.QuestionDotToken) found.push('?.');
    if (kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken)
      found.push('??');
    if (kind === ts.SyntaxKind.BarBarEqualsToken || kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken)
      found.push('logical assignment');
    if (kind === ts.SyntaxKind.PrivateIdentifier) found.push('#private');
    if (kind === ts.SyntaxKind.BigIntLiteral) found.push('bigint');
    if (kind === ts.SyntaxKind.PropertyDeclaration || kind === ts.SyntaxKind.ClassStaticBlockDeclaration)
      found.push('class field');
    if (kind === ts.SyntaxKind.MetaProperty) found.push('import.meta');
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      found.push('import()');
    if (ts.isNumericLiteral(node) && node.getText(source).includes('_')) found.push('numeric separator');
    if (!inFunction && (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier))) {
      found.push('top-level await');
    }
    const entersFunction = ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node);
    node.forEachChild((child) => visit(child, inFunction || entersFunction));
  };
  visit(source, false);
  const parseErrors = (source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics;
  if (parseErrors.length > 0) found.push('does not parse');
  return found;
}

/** Style rules nested in style rules (at-rules such as @media and @keyframes may hold blocks). */
function nestedRules(css: string): string[] {
  const stack: string[] = [];
  const nested: string[] = [];
  let prelude = '';
  for (const char of css.replace(/\/\*[\s\S]*?\*\//g, '')) {
    if (char === '{') {
      const selector = prelude.trim();
      const parent = stack[stack.length - 1];
      if (parent !== undefined && !parent.startsWith('@')) nested.push(`${parent} { ${selector}`);
      stack.push(selector);
      prelude = '';
    } else if (char === '}') {
      stack.pop();
      prelude = '';
    } else if (char === ';') {
      prelude = '';
    } else {
      prelude += char;
    }
  }
  return nested;
}

test('a screen with all its assets and data transfers under 50 KB gzipped', async () => {
  const sizes: Record<string, number> = {};
  for (const [name, path, data] of [
    ['organisation', 'screen/index.html', 'screen/data/all.json'],
    ['department', 'screen/d2/index.html', 'screen/data/dept/d2.json'],
  ] as const) {
    const html = await readFile(join(built.dist, path), 'utf8');
    const files = [path, ...(await pageAssets(html)).map((a) => a.slice(1)), data, 'version.json'];
    let total = 0;
    for (const file of files) total += gzipSync(await readFile(join(built.dist, file))).length;
    sizes[name] = total;
    expect(total, name).toBeLessThan(50 * 1024);
  }
  await writeFile(join(ARTIFACTS, 'sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
});

test('every department of the tree has its screen and its data', async () => {
  const pages = await readdir(join(built.dist, 'screen'));
  expect(pages.sort()).toEqual(['d1', 'd2', 'data', 'g1', 'index.html', 'root']);
  for (const id of ['d1', 'd2', 'g1', 'root']) {
    const doc = JSON.parse(
      await readFile(join(built.dist, `screen/data/dept/${id}.json`), 'utf8'),
    ) as ScreenDoc;
    expect(doc.scope).toMatchObject({ kind: 'department', id });
  }
});
