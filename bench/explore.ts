// Speed of the 数据探索 panel in headless chromium (bench/README.md, "Drill-down").
//
//   npx node bench/explore.ts [--data DIR | --members 5000 --months 24] [--reps 3] [--drills 8] [--think 500] [--write]
//
// Builds the site from a data folder (the demo `data/` by default, or one generated with
// scripts/generate-demo.ts --utf8), with the drill-down's files precompressed, and serves it as
// the nginx example in docs/explore.md does (src/server/static.ts: .br/.gz, ETag, a year's
// caching for duckdb/<version>/ and _assets/). Then, on the 党委 page (the largest slice) and on
// the largest branch's page:
// - cold: a fresh browser profile; bytes received and time from the click on 数据探索 to the
//   first chart (engine start included);
// - warm: the same profile, page loaded again (HTTP cache and V8's WebAssembly code cache);
// - drill steps on the warm 党委 page: time from the click on a bar (or a breadcrumb) to the
//   chart drawn, by kind, with `--think` ms between a chart drawn and the next click (a person
//   reading the chart; the panel loads the items of the focus in the background meanwhile);
// - the engine alone, the floor under the cold start: in a fresh profile, on a page with no code
//   of ours, duckdb-wasm's own worker driven by its message protocol (INSTANTIATE, OPEN, CONNECT,
//   RUN_QUERY `SELECT 42`), timed from the worker's creation.
// `--write` replaces the "## Drill-down" section of bench/README.md.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { runAnalytics } from '../src/analytics/run.ts';
import { openIngested } from '../src/pipeline.ts';
import { listenLocal, serveStatic } from '../src/server/static.ts';
import { buildSite } from '../src/site/astro-build.ts';
import { writeExploreData } from '../src/tables/explore-data.ts';
import { writeScreenData } from '../src/tables/screen-data.ts';
import { writeSiteData } from '../src/tables/site-data.ts';
import { cjkFont, launchBrowser } from '../test/helpers/browser.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    members: { type: 'string' },
    months: { type: 'string', default: '24' },
    reps: { type: 'string', default: '3' },
    drills: { type: 'string', default: '8' },
    think: { type: 'string', default: '500' },
    write: { type: 'boolean', default: false },
  },
});

const root = new URL('..', import.meta.url).pathname;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;
const kb = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} MB` : `${(x / 1e3).toFixed(1)} kB`);

async function prepareData(work: string): Promise<{ dir: string; source: string }> {
  if (values.data) return { dir: values.data, source: `--data ${values.data}` };
  if (!values.members) return { dir: join(root, 'data'), source: 'the demo data folder data/' };
  const dir = join(work, 'data');
  const args = ['scripts/generate-demo.ts', '--members', values.members, '--months', values.months, '--utf8'];
  execFileSync(process.execPath, [...args, '--out', dir], { cwd: root, stdio: 'ignore' });
  return { dir, source: `npx node ${args.join(' ')}` };
}

interface Built {
  outDir: string;
  rootDept: string;
  branch: { id: string; members: number };
  members: number;
  months: number;
  departments: number;
  rows: number;
  buildMs: { analytics: number; explore: number };
  engineVersion: string;
  shipped: { file: string; raw: number; br: number; gz: number }[];
  slices: Record<string, number>;
}

async function build(work: string, dataDir: string): Promise<Built> {
  const siteDataDir = join(work, 'site-data');
  const outDir = join(work, 'www');
  await mkdir(siteDataDir, { recursive: true });
  const { conn, close } = await openIngested(dataDir);
  try {
    const t0 = performance.now();
    await runAnalytics(conn);
    const t1 = performance.now();
    const get = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS();
    const [org] = await get(
      'SELECT dept_id, name FROM departments WHERE parent_id IS NULL ORDER BY dept_id LIMIT 1',
    );
    await writeSiteData(conn, { organization: String(org?.name), audience: 'committee' }, siteDataDir);
    await writeScreenData(conn, { organization: String(org?.name) }, siteDataDir);
    const t2 = performance.now();
    const summary = await writeExploreData(conn, siteDataDir);
    const t3 = performance.now();
    const [branch] = await get(
      "SELECT dept_id, count(*)::INTEGER AS n FROM standings WHERE period_type = 'month' AND period = (SELECT max(period) FROM standings WHERE period_type = 'month') GROUP BY dept_id ORDER BY n DESC, dept_id LIMIT 1",
    );
    const [counts] = await get(
      "SELECT (SELECT count(*) FROM members)::INTEGER AS members, (SELECT count(DISTINCT period) FROM standings WHERE period_type = 'month')::INTEGER AS months, (SELECT count(*) FROM departments)::INTEGER AS departments, (SELECT count(*) FROM accepted_rows)::INTEGER AS rows",
    );
    close();
    await buildSite({ siteDataDir, outDir });
    const engineDir = join(outDir, 'duckdb', summary.engineVersion);
    const shipped = [];
    for (const file of [
      'duckdb-eh.wasm',
      'duckdb-browser-eh.worker.js',
      'duckdb-mvp.wasm',
      'duckdb-browser-mvp.worker.js',
    ]) {
      const path = join(engineDir, file);
      shipped.push({
        file,
        raw: (await stat(path)).size,
        br: (await stat(`${path}.br`)).size,
        gz: (await stat(`${path}.gz`)).size,
      });
    }
    const slices: Record<string, number> = {};
    for (const [dept, bytes] of Object.entries(summary.sliceBytes)) {
      slices[dept] = Object.values(bytes).reduce((a, b) => a + (b ?? 0), 0);
    }
    return {
      outDir,
      rootDept: String(org?.dept_id),
      branch: { id: String(branch?.dept_id), members: Number(branch?.n) },
      members: Number(counts?.members),
      months: Number(counts?.months),
      departments: Number(counts?.departments),
      rows: Number(counts?.rows),
      buildMs: { analytics: t1 - t0, explore: t3 - t2 },
      engineVersion: summary.engineVersion,
      shipped,
      slices,
    };
  } finally {
    close();
  }
}

/** Bytes on disk of a slice's files, raw and as the browser receives them (.gz where written). */
async function sliceGz(outDir: string, dept: string): Promise<{ raw: number; gz: number }> {
  const dir = join(outDir, 'explore', dept);
  let raw = 0;
  let gz = 0;
  for (const name of await readdir(dir)) {
    const size = (await stat(join(dir, name))).size;
    if (name.endsWith('.arrow')) raw += size;
    if (name.endsWith('.arrow.gz')) gz += size;
    if (name.endsWith('.arrow') && !(await stat(join(dir, `${name}.gz`)).catch(() => null))) gz += size;
  }
  return { raw, gz };
}

interface EngineAlone {
  instantiate: number;
  open: number;
  query: number;
  total: number;
}

/** duckdb-wasm started by its own worker in a fresh profile, with no code of the site's. */
async function engineAlone(
  browser: Browser,
  origin: string,
  version: string,
  reps: number,
): Promise<EngineAlone[]> {
  const runs: EngineAlone[] = [];
  for (let i = 0; i < reps; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // A JSON document: same origin, and no Content-Security-Policy of the site's pages.
    await page.goto(`${origin}/version.json`);
    runs.push(
      await page.evaluate(async (dir) => {
        const worker = new Worker(`${dir}duckdb-browser-eh.worker.js`);
        let next = 0;
        const call = (type: string, data: unknown) =>
          new Promise<unknown>((resolve, reject) => {
            const messageId = ++next;
            const on = (event: MessageEvent) => {
              const reply = event.data as { requestId: number; type: string; data: unknown };
              if (reply.requestId !== messageId || reply.type === 'INSTANTIATE_PROGRESS') return;
              worker.removeEventListener('message', on);
              if (reply.type === 'ERROR') reject(new Error(String(reply.data)));
              else resolve(reply.data);
            };
            worker.addEventListener('message', on);
            worker.postMessage({ messageId, type, data });
          });
        const t0 = performance.now();
        await call('INSTANTIATE', [`${dir}duckdb-eh.wasm`, null]);
        const t1 = performance.now();
        await call('OPEN', {});
        const conn = await call('CONNECT', null);
        const t2 = performance.now();
        await call('RUN_QUERY', [conn, 'SELECT 42']);
        const t3 = performance.now();
        worker.terminate();
        return { instantiate: t1 - t0, open: t2 - t1, query: t3 - t2, total: t3 - t0 };
      }, `${origin}/duckdb/${version}/`),
    );
    await context.close();
  }
  return runs;
}

interface Open {
  firstChart: number;
  phases: Record<string, number>;
  /** Received up to the first chart, and after it (background loads). */
  bytes: { engine: number; code: number; data: number; total: number; background: number };
}

async function openPanel(page: Page, url: string): Promise<Open> {
  await page.goto(url, { waitUntil: 'networkidle' });
  const sizes: Promise<{ url: string; bytes: number; at: number }>[] = [];
  let inFlight = 0;
  let lastDone = performance.now();
  const onRequest = () => {
    inFlight++;
  };
  const onDone = (request: import('playwright-core').Request) => {
    inFlight--;
    lastDone = performance.now();
    const at = performance.now();
    sizes.push(
      request
        .sizes()
        .then((s) => ({ url: request.url(), bytes: s.responseBodySize + s.responseHeadersSize, at }))
        .catch(() => ({ url: request.url(), bytes: 0, at })),
    );
  };
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  await page.click('button.explore-open');
  await page.locator('.explore-chart svg').waitFor({ timeout: 120_000 });
  const charted = performance.now();
  // What loads in the background after the first chart (the items of a small page).
  while (inFlight > 0 || performance.now() - lastDone < 1500) await page.waitForTimeout(100);
  page.off('request', onRequest);
  page.off('requestfinished', onDone);
  page.off('requestfailed', onDone);
  const marks = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
  );
  const open = marks['explore:open'] ?? 0;
  const phases: Record<string, number> = {};
  for (const name of ['instantiated', 'engine', 'data', 'result', 'render']) {
    const at = marks[`explore:${name}`];
    if (at !== undefined) phases[name] = at - open;
  }
  const bytes = { engine: 0, code: 0, data: 0, total: 0, background: 0 };
  for (const { url: u, bytes: b, at } of await Promise.all(sizes)) {
    if (at > charted) {
      bytes.background += b;
      continue;
    }
    bytes.total += b;
    if (/\/duckdb\//.test(u)) bytes.engine += b;
    else if (/\/explore\//.test(u)) bytes.data += b;
    else bytes.code += b;
  }
  return { firstChart: phases.render ?? Number.NaN, phases, bytes };
}

async function coldAndWarm(
  browser: Browser,
  url: string,
  reps: number,
): Promise<{ cold: Open[]; warm: Open[] }> {
  const cold: Open[] = [];
  const warm: Open[] = [];
  for (let i = 0; i < reps; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    cold.push(await openPanel(page, url));
    await page.close();
    // V8 stores a WebAssembly module's compiled code in the HTTP cache after it tiers up.
    await new Promise((r) => setTimeout(r, 2000));
    const again = await context.newPage();
    warm.push(await openPanel(again, url));
    await context.close();
  }
  return { cold, warm };
}

type DrillKind = 'department' | 'members' | 'member' | 'up';

async function drills(
  browser: Browser,
  url: string,
  cycles: number,
  think: number,
): Promise<Record<DrillKind, number[]>> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await openPanel(page, url);
  const times: Record<DrillKind, number[]> = { department: [], members: [], member: [], up: [] };
  const level = () => page.locator('.explore-view').getAttribute('data-level');
  const step = async (kind: DrillKind, act: () => Promise<void>) => {
    const before = await page.evaluate(() => performance.getEntriesByName('explore:render').length);
    await act();
    await page.waitForFunction((n) => performance.getEntriesByName('explore:render').length > n, before, {
      timeout: 60_000,
    });
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByName('explore:navigate').at(-1)?.startTime ?? 0;
      return (performance.getEntriesByName('explore:render').at(-1)?.startTime ?? 0) - nav;
    });
    times[kind].push(t);
    await page.waitForTimeout(think);
  };
  for (let c = 0; c < cycles; c++) {
    for (let depth = 0; depth < 6; depth++) {
      const current = await level();
      if (current === 'items') break;
      const bars = page.locator('.explore-chart rect[data-key]');
      const n = await bars.count();
      if (n === 0) break;
      const target = bars.nth(c % n);
      await step(current === 'departments' ? 'department' : 'member', () => target.click());
      if (current === 'departments' && (await level()) === 'members') {
        const last = times.department.pop();
        if (last !== undefined) times.members.push(last);
      }
    }
    await step('up', () => page.locator('.explore-crumbs button').first().click());
  }
  await context.close();
  return times;
}

function machine(browser: Browser): string {
  const model = cpus()[0]?.model ?? 'unknown';
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return `\`nproc\` ${cpus().length}; CPU "${model}"; ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM; chromium ${browser.version()} headless (test/helpers/browser.ts flags); CJK font ${font}; load average ${load} at the end of the run`;
}

const font = cjkFont(); // refuses before the build when there is none
const work = await mkdtemp(join(tmpdir(), 'liangbang-bench-explore-'));
try {
  const { dir, source } = await prepareData(work);
  console.error(`building the site from ${source} …`);
  const built = await build(work, dir);
  const server = serveStatic(built.outDir);
  const origin = await listenLocal(server);
  const browser = await launchBrowser();
  const reps = Number(values.reps);
  const pages = [
    { label: `党委 page (${built.rootDept}, whole organisation)`, dept: built.rootDept },
    { label: `largest branch (${built.branch.id}, ${built.branch.members} members)`, dept: built.branch.id },
  ];
  const results = [];
  for (const p of pages) {
    console.error(`opening the panel on ${p.label} …`);
    results.push({ ...p, ...(await coldAndWarm(browser, `${origin}/dept/${p.dept}/`, reps)) });
  }
  console.error('the engine alone …');
  const alone = await engineAlone(browser, origin, built.engineVersion, reps);
  console.error('drilling …');
  const drill = await drills(
    browser,
    `${origin}/dept/${built.rootDept}/`,
    Number(values.drills),
    Number(values.think),
  );
  const env = machine(browser);
  await browser.close();
  server.close();

  const eh = built.shipped.find((f) => f.file === 'duckdb-eh.wasm');
  const worker = built.shipped.find((f) => f.file === 'duckdb-browser-eh.worker.js');
  const sliceSizes = Object.values(built.slices).sort((a, b) => a - b);
  const rootSlice = await sliceGz(built.outDir, built.rootDept);
  const branchSlice = await sliceGz(built.outDir, built.branch.id);
  const lines: string[] = [];
  lines.push(
    `### ${new Date().toISOString().slice(0, 10)}, ${built.members.toLocaleString('en-US')} members × ${built.months} months`,
    '',
    `\`${['npx node bench/explore.ts', ...process.argv.slice(2)].join(' ')}\` → ${source}: ${built.members.toLocaleString('en-US')} members, ${built.departments} departments, ${built.months} months, ${built.rows.toLocaleString('en-US')} accepted rows. Analytics ${ms(built.buildMs.analytics)}; writeExploreData ${ms(built.buildMs.explore)} (slices of ${built.departments} departments, precompression; the engine's .br/.gz come from the cache after the first build).`,
    '',
    `Machine: ${env}.`,
    '',
    '**Shipped** (on disk; raw / .br / .gz):',
    '',
    `- engine (eh, what Chrome, Edge and Firefox load): wasm ${kb(eh?.raw ?? 0)} / ${kb(eh?.br ?? 0)} / ${kb(eh?.gz ?? 0)}; worker ${kb(worker?.raw ?? 0)} / ${kb(worker?.br ?? 0)} / ${kb(worker?.gz ?? 0)}. The mvp pair ships too, for browsers without WebAssembly exceptions.`,
    `- data, all five tables of a slice (raw): median ${kb(median(sliceSizes))}, largest ${kb(sliceSizes.at(-1) ?? 0)} (the 党委's, the whole organisation: ${kb(rootSlice.raw)}, ${kb(rootSlice.gz)} as .gz); the largest branch ${kb(branchSlice.raw)} (${kb(branchSlice.gz)} as .gz). A page loads the standings of its subtree's slices at once; the items of the view's focus in the background once a members' chart is shown, when they are under 8 MB raw, otherwise a member's department when drilled into; the other tables when a view needs them.`,
    '',
    `**Opening the panel** (${reps} runs each; bytes received after the click: the engine as brotli, everything else as gzip; time from the click to the first chart):`,
    '',
    '| page | run | bytes to the first chart: engine / code / data | then, in the background | first chart: median | min | runs | engine ready (median) | standings loaded (median) |',
    '| --- | --- | --- | --: | --: | --: | --- | --: | --: |',
  );
  for (const r of results) {
    for (const [run, list] of [
      ['cold', r.cold],
      ['warm', r.warm],
    ] as const) {
      const b = list[0]?.bytes ?? { engine: 0, code: 0, data: 0, total: 0, background: 0 };
      lines.push(
        `| ${r.label} | ${run} | ${kb(b.engine)} / ${kb(b.code)} / ${kb(b.data)} | ${kb(b.background)} | ${ms(median(list.map((o) => o.firstChart)))} | ${ms(Math.min(...list.map((o) => o.firstChart)))} | ${list.map((o) => Math.round(o.firstChart)).join(', ')} | ${ms(median(list.map((o) => o.phases.engine ?? Number.NaN)))} | ${ms(median(list.map((o) => o.phases.data ?? Number.NaN)))} |`,
      );
    }
  }
  const aloneMs = (key: keyof EngineAlone) => ms(median(alone.map((a) => a[key])));
  lines.push(
    '',
    `**The engine alone** (duckdb-wasm's eh worker in a fresh profile, no code of the site's; ${reps} runs, median): instantiate ${aloneMs('instantiate')}, open and connect ${aloneMs('open')}, \`SELECT 42\` ${aloneMs('query')}: **${aloneMs('total')}** (runs: ${alone.map((a) => Math.round(a.total)).join(', ')}).`,
  );
  lines.push(
    '',
    `**Drill steps** on the warm 党委 page (${Number(values.drills)} cycles down to a member and back, ${Number(values.think)} ms between a chart drawn and the next click; time from the click to the chart drawn):`,
    '',
    '| step | n | median | min | max |',
    '| --- | --: | --: | --: | --: |',
  );
  const names: Record<DrillKind, string> = {
    department: 'into a department with sub-departments',
    members: "into a branch (its members' chart)",
    member: 'into a member (items by month)',
    up: 'breadcrumb back to the top',
  };
  for (const kind of ['department', 'members', 'member', 'up'] as const) {
    const t = drill[kind];
    if (t.length === 0) continue;
    lines.push(
      `| ${names[kind]} | ${t.length} | ${ms(median(t))} | ${ms(Math.min(...t))} | ${ms(Math.max(...t))} |`,
    );
  }
  const section = lines.join('\n');
  console.log(section);
  if (values.write) {
    const readme = join(root, 'bench', 'README.md');
    const text = await readFile(readme, 'utf8').catch(() => '# Benchmarks\n');
    const heading = '## Drill-down';
    const start = text.indexOf(heading);
    const intro = [
      heading,
      '',
      '```',
      'npx node bench/explore.ts [--data DIR | --members 5000 --months 24] [--reps 3] [--drills 8] [--think 500] [--write]',
      '```',
      '',
      'See the head of bench/explore.ts for what is measured. Goals (issue 7): first chart under 2 s cold, drill',
      'steps under 100 ms at the median, a single member under 30 ms.',
      '',
    ].join('\n');
    let next: string;
    if (start < 0) next = `${text.trimEnd()}\n\n${intro}\n${section}\n`;
    else {
      const end = text.indexOf('\n## ', start + heading.length);
      const old = end < 0 ? text.slice(start) : text.slice(start, end);
      // Keep earlier runs: only a run of the same day and data size is replaced.
      const title = section.split('\n')[0];
      const kept = old
        .split(/\n(?=### )/)
        .slice(1)
        .filter((part) => part.split('\n')[0] !== title);
      const body = `${intro}\n${[section, ...kept].join('\n\n')}\n`;
      next = text.slice(0, start) + body + (end < 0 ? '' : text.slice(end));
    }
    await writeFile(readme, next);
    console.error(`written to ${readme}`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
