// Speed of the activity-room screens (/screen/, issue 6) in headless chromium.
//
//   npx node bench/screens.ts [--dist DIR | --data data] [--dept ID] [--reps 7] [--throttle 4]
//                             [--cold both|browser|context] [--steps 500] [--out FILE]
//
// Builds the demo site (`liangbang build --data data`, or takes an already built `--dist`), serves
// it with gzip (level 6, as a web server's `gzip on` would; src/server/static.ts) and measures,
// on the organisation's screen and on one department's (by default the one with the largest data
// document below the 党委, whose screen is the organisation's again):
// 1. bytes: every response the page loads until the network is idle (body as sent, gzip, and
//    with the headers), fonts excluded (none are shipped: the screens use the TV's CJK font);
//    and what a data update adds (version.json and the screen's document, gzip);
// 2. first slide painted, cold: `browser` launches a new browser for each run (fresh profile,
//    every process new: a TV just switched on), `context` opens a new context in a running one
//    (fresh profile and HTTP cache, a new renderer process: the daily reload). CDP
//    Emulation.setCPUThrottlingRate (4×, and 1× for comparison) is set before the navigation.
//    Figures are ms after navigation start: first-contentful-paint (the stage is hidden until the
//    first slide is laid out, so FCP is the first slide) and the client's User Timing marks
//    (client/main.ts): `screen:start` (script runs), `screen:first-slide` (laid out) and
//    `screen:painted` (a task after the next animation frame, i.e. after the frame's paint).
//    Medians of `--reps` runs, interleaved so that a load spike hits every case alike. A fixed JS
//    loop timed in the page after the paint shows that the throttling held;
//    The browser is test/helpers/browser.ts's, whose flags turn Chromium's omnibox popup off: it
//    would load its own WebUI page in a renderer of its own with every new window, on the same
//    two cores (a TV's kiosk browser has no such popup).
// 3. memory over `--steps` slide changes at `?interval=1` with a fake clock (page.clock.runFor
//    one second per change, and a real 30 ms between changes so that frames are painted): after
//    a forced garbage collection, CDP Performance.getMetrics JSHeapUsedSize, Nodes (DOM nodes of
//    the renderer, detached ones included), LayoutObjects and JSEventListeners, every 50 changes.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { listenLocal, serveStatic } from '../src/server/static.ts';
import { cjkFont, launchBrowser } from '../test/helpers/browser.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string' },
    data: { type: 'string', default: 'data' },
    dept: { type: 'string' },
    reps: { type: 'string', default: '7' },
    throttle: { type: 'string', default: '4' },
    steps: { type: 'string', default: '500' },
    cold: { type: 'string', default: 'both' },
    out: { type: 'string' },
  },
});

const root = new URL('..', import.meta.url).pathname;
const reps = Math.max(1, Number(values.reps));
const throttle = Math.max(1, Number(values.throttle));
const steps = Math.max(50, Number(values.steps));
if (!['both', 'browser', 'context'].includes(values.cold ?? ''))
  throw new Error('--cold: both, browser or context');

const median = (xs: number[]): number => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  if (s.length === 0) return Number.NaN;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en-US')} ms` : '—');
const kb = (x: number) => `${(x / 1024).toFixed(1)} KB`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const log = (text: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${text}`);

// --- the site ---------------------------------------------------------------------------------

async function siteDir(work: string): Promise<{ dist: string; how: string }> {
  if (values.dist) return { dist: resolve(values.dist), how: `the site built in ${values.dist}` };
  const dist = join(work, 'site');
  const args = ['bin/liangbang.mjs', 'build', '--data', values.data ?? 'data', '--out', dist];
  log(`building: npx node ${args.join(' ')} …`);
  const t0 = performance.now();
  execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  log(`built in ${ms(performance.now() - t0)}`);
  return { dist, how: `\`npx node bin/liangbang.mjs build --data ${values.data}\`` };
}

/**
 * `--dept`, or the department with the largest screen document (the worst case) among those
 * that do not cover the whole organisation (the 党委's screen is the organisation's again).
 */
async function pickDept(dist: string): Promise<string> {
  if (values.dept) return values.dept;
  const ranked = (text: string) => (JSON.parse(text) as { month: { ranked: number } | null }).month?.ranked;
  const all = ranked(await readFile(join(dist, 'screen/data/all.json'), 'utf8'));
  const dir = join(dist, 'screen/data/dept');
  let best = { id: '', size: -1 };
  for (const name of (await readdir(dir)).sort()) {
    const text = await readFile(join(dir, name), 'utf8');
    if (ranked(text) === all || text.length <= best.size) continue;
    best = { id: name.replace(/\.json$/, ''), size: text.length };
  }
  return best.id;
}

// --- 1. bytes ---------------------------------------------------------------------------------

interface Transfer {
  url: string;
  type: string;
  body: number;
  headers: number;
}

async function transfers(browser: Browser, url: string): Promise<Transfer[]> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const pending: Promise<Transfer>[] = [];
  page.on('requestfinished', (request) => {
    pending.push(
      request.sizes().then((s) => ({
        url: request.url(),
        type: request.resourceType(),
        body: s.responseBodySize,
        headers: s.responseHeadersSize,
      })),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForTimeout(500);
  const list = await Promise.all(pending);
  await context.close();
  return list;
}

// --- 2. first slide painted -------------------------------------------------------------------

interface Paint {
  /** first-contentful-paint: the stage is hidden until the first slide is laid out. */
  fcp: number;
  start: number;
  firstSlide: number;
  painted: number;
  responseEnd: number;
  /** A fixed JS loop run after the paint (ms): shows that the throttling holds in the page. */
  loop: number;
}

/** Waits in the page for first-contentful-paint and the client's painted mark, then reads the marks. */
function readPaint(): Promise<Paint> {
  return new Promise<Paint>((done) => {
    const at = (name: string) => {
      const e = performance.getEntriesByName(name)[0];
      return e ? e.startTime : Number.NaN;
    };
    const began = performance.now();
    const check = () => {
      // A build without the client's marks (an older one, to compare): first-contentful-paint only.
      const marked = !Number.isNaN(at('screen:start'));
      const ready =
        !Number.isNaN(at('first-contentful-paint')) && (!marked || !Number.isNaN(at('screen:painted')));
      if (!ready && performance.now() - began < 20_000) {
        setTimeout(check, 50);
        return;
      }
      const t0 = performance.now();
      let x = 0;
      for (let i = 0; i < 3_000_000; i++) x = (x + i * 7) % 1_000_003;
      const loop = performance.now() - t0 + (x < 0 ? 1 : 0);
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      done({
        fcp: at('first-contentful-paint'),
        start: at('screen:start'),
        firstSlide: at('screen:first-slide'),
        painted: at('screen:painted'),
        responseEnd: nav ? nav.responseEnd : Number.NaN,
        loop,
      });
    };
    check();
  });
}

async function paintIn(browser: Browser, url: string, rate: number): Promise<Paint> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.goto(url, { waitUntil: 'load' });
    return await page.evaluate(readPaint);
  } finally {
    await context.close();
  }
}

type Cold = 'browser' | 'context';

/**
 * One cold load: `browser` launches a new browser (fresh profile, every process and cache new:
 * a TV just switched on); `context` opens a new context in the running browser (a fresh profile
 * and HTTP cache and a new renderer process, the browser process already up: the daily reload).
 */
async function firstPaint(shared: Browser, cold: Cold, url: string, rate: number): Promise<Paint> {
  if (cold === 'context') return paintIn(shared, url, rate);
  const browser = await launchBrowser();
  try {
    return await paintIn(browser, url, rate);
  } finally {
    await browser.close();
  }
}

// --- 2b. the renderer's own work ------------------------------------------------------------

interface Work {
  fcp: number;
  /** CPU ms of the renderer's main thread from navigation start to first-contentful-paint. */
  main: number;
  parse: number;
  script: number;
  style: number;
  layout: number;
  paint: number;
  /** CPU ms of the renderer's raster threads for that frame. */
  raster: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: Record<string, unknown>;
}

/**
 * CPU time (trace `tdur`) that the page costs the renderer until the first slide is shown,
 * unthrottled: what the machine's load does not change. Times 4, it is what the 4× throttled
 * main thread needs on an idle machine.
 */
async function rendererWork(browser: Browser, url: string): Promise<Work> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,loading',
      transferMode: 'ReportEvents',
    });
    await page.goto(url, { waitUntil: 'load' });
    const paint = await page.evaluate(readPaint);
    await cdp.send('Tracing.end');
    await complete;
    const path = new URL(url).pathname;
    const parse = events.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes(path));
    if (!parse) throw new Error('no ParseHTML of the screen in the trace');
    const nav = events.find(
      (e) =>
        e.name === 'navigationStart' && e.pid === parse.pid && JSON.stringify(e.args ?? {}).includes(path),
    );
    const t0 = nav ? nav.ts : parse.ts;
    const t1 = t0 + paint.fcp * 1000;
    const slices = events.filter(
      (e) => e.ph === 'X' && e.pid === parse.pid && e.ts >= t0 && e.ts <= t1 && e.tdur !== undefined,
    );
    const main = slices.filter((e) => e.tid === parse.tid);
    const cpu = (list: TraceEvent[], ...names: string[]) =>
      list.filter((e) => names.includes(e.name)).reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000;
    const within = (outer: string, ...names: string[]) =>
      main
        .filter((e) => e.name === outer)
        .reduce(
          (a, o) =>
            a +
            cpu(
              main.filter((e) => e.ts >= o.ts && e.ts <= o.ts + (o.dur ?? 0)),
              ...names,
            ),
          0,
        );
    const tasks = cpu(main, 'RunTask', 'ThreadControllerImpl::RunTask');
    const style = cpu(main, 'UpdateLayoutTree');
    const layout = cpu(main, 'Layout');
    const scriptAll = cpu(main, 'EvaluateScript', 'v8.evaluateModule');
    const script =
      scriptAll -
      within('EvaluateScript', 'Layout', 'UpdateLayoutTree') -
      within('v8.evaluateModule', 'Layout', 'UpdateLayoutTree');
    return {
      fcp: paint.fcp,
      main: tasks,
      parse: cpu(main, 'ParseHTML') - within('ParseHTML', 'EvaluateScript'),
      script,
      style,
      layout,
      paint: cpu(main, 'Paint', 'PrePaint', 'Layerize', 'Commit', 'UpdateLayer'),
      raster: cpu(
        slices.filter((e) => e.tid !== parse.tid),
        'RasterTask',
      ),
    };
  } finally {
    await context.close();
  }
}

// --- 3. memory --------------------------------------------------------------------------------

interface Sample {
  step: number;
  heap: number;
  nodes: number;
  layoutObjects: number;
  listeners: number;
}

async function sample(cdp: CDPSession, step: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return {
    step,
    heap: get('JSHeapUsedSize'),
    nodes: get('Nodes'),
    layoutObjects: get('LayoutObjects'),
    listeners: get('JSEventListeners'),
  };
}

async function slideOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const stage = document.getElementById('stage') as HTMLElement;
    return `${stage.dataset.slide} ${stage.dataset.page}`;
  });
}

async function memory(browser: Browser, url: string): Promise<{ samples: Sample[]; changes: number }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.enable');
  const time = new Date('2026-04-02T10:00:00+08:00').getTime();
  await page.clock.install({ time: time - 1000 });
  await page.clock.pauseAt(time);
  await page.goto(url);
  await page.locator('.board').first().waitFor();
  await page.waitForTimeout(500);
  const samples = [await sample(cdp, 0)];
  let changes = 0;
  let last = await slideOf(page);
  for (let step = 1; step <= steps; step++) {
    await page.clock.runFor(1000);
    await page.waitForTimeout(30);
    const now = await slideOf(page);
    if (now !== last) changes++;
    last = now;
    if (step % 50 === 0) samples.push(await sample(cdp, step));
  }
  await context.close();
  return { samples, changes };
}

// --- the run ----------------------------------------------------------------------------------

const work = await mkdtemp(join(tmpdir(), 'liangbang-bench-screens-'));
try {
  const loadBefore = load();
  const { dist, how } = await siteDir(work);
  const dept = await pickDept(dist);
  const server = serveStatic(dist);
  const origin = await listenLocal(server);
  const screens = [
    { label: 'organisation `/screen/`', path: '/screen/', data: 'screen/data/all.json' },
    {
      label: `department \`/screen/${dept}/\``,
      path: `/screen/${encodeURIComponent(dept)}/`,
      data: `screen/data/dept/${dept}.json`,
    },
  ];
  const lines: string[] = [];
  const out = (line = '') => lines.push(line);

  // 1. bytes
  log('bytes …');
  const font = cjkFont();
  const browser = await launchBrowser();
  const version = browser.version();
  out('**Transferred bytes** (page load until idle; gzip level 6; fonts: none requested):');
  out();
  out('| screen | responses | body (gzip) | with headers | + data update (version.json + document, gzip) |');
  out('| --- | --- | --: | --: | --: |');
  const bytes: Record<string, number> = {};
  for (const s of screens) {
    const list = (await transfers(browser, origin + s.path)).filter((t) => t.type !== 'font');
    const body = list.reduce((a, t) => a + t.body, 0);
    const all = list.reduce((a, t) => a + t.body + t.headers, 0);
    const update =
      gzipSync(await readFile(join(dist, 'version.json')), { level: 6 }).length +
      gzipSync(await readFile(join(dist, s.data)), { level: 6 }).length;
    const parts = list
      .map((t) => `${new URL(t.url).pathname.split('/').pop() || 'index.html'} ${kb(t.body)}`)
      .join(', ');
    bytes[s.path] = all + update;
    out(`| ${s.label} | ${parts} | ${kb(body)} | ${kb(all)} | ${kb(all + update)} |`);
  }
  out();

  // 2. first paint
  const rates = throttle === 1 ? [1] : [throttle, 1];
  const colds: Cold[] = values.cold === 'both' ? ['browser', 'context'] : [values.cold as Cold];
  const paints = new Map<string, Paint[]>();
  const loads: number[] = [];
  // A first load that is not counted: the shared browser's own start-up work out of the way.
  await paintIn(browser, `${origin}${screens[0]?.path}?night=off`, 1);
  for (let rep = 0; rep < reps; rep++) {
    loads.push(loadavg()[0] ?? Number.NaN);
    log(`first paint, run ${rep + 1}/${reps} (load ${load()}) …`);
    for (const cold of colds) {
      for (const rate of rates) {
        for (const s of screens) {
          const key = `${cold} ${rate} ${s.path}`;
          const list = paints.get(key) ?? [];
          list.push(await firstPaint(browser, cold, `${origin}${s.path}?night=off`, rate));
          paints.set(key, list);
        }
      }
    }
  }
  out(
    `**First slide painted**, 1920×1080, cold, median of ${reps} runs (ms after navigation start; 1-minute load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} during the runs):`,
  );
  out();
  out(
    '| screen | cold | CPU | first-contentful-paint | runs (FCP) | script starts | first slide laid out | painted mark | HTML received | JS loop (throttle check) |',
  );
  out('| --- | --- | --- | --: | --- | --: | --: | --: | --: | --: |');
  const coldLabel: Record<Cold, string> = { browser: 'new browser', context: 'new context' };
  for (const cold of colds) {
    for (const rate of rates) {
      for (const s of screens) {
        const list = paints.get(`${cold} ${rate} ${s.path}`) ?? [];
        const m = (f: (p: Paint) => number) => ms(median(list.map(f)));
        out(
          `| ${s.label} | ${coldLabel[cold]} | ${rate === 1 ? 'unthrottled' : `${rate}× throttled`} | **${m((p) => p.fcp)}** | ${list
            .map((p) => Math.round(p.fcp))
            .join(
              ', ',
            )} | ${m((p) => p.start)} | ${m((p) => p.firstSlide)} | ${m((p) => p.painted)} | ${m((p) => p.responseEnd)} | ${m((p) => p.loop)} |`,
        );
      }
    }
  }
  out();

  // 2b. work
  log('renderer work …');
  const works = new Map<string, Work[]>();
  for (let rep = 0; rep < reps; rep++) {
    for (const s of screens) {
      const list = works.get(s.path) ?? [];
      list.push(await rendererWork(browser, `${origin}${s.path}?night=off`));
      works.set(s.path, list);
    }
  }
  out(
    `**The renderer's work until the first slide is shown** (CPU time from a trace, unthrottled, new context, median of ${reps}; unlike wall time it hardly depends on the machine's load; main thread ×${throttle} ≈ what the ${throttle}× throttled main thread needs on an idle machine):`,
  );
  out();
  out(
    `| screen | main thread | ×${throttle} | parse HTML | script | style | layout | paint + commit | raster threads |`,
  );
  out('| --- | --: | --: | --: | --: | --: | --: | --: | --: |');
  for (const s of screens) {
    const list = works.get(s.path) ?? [];
    const m = (f: (w: Work) => number) => ms(median(list.map(f)));
    out(
      `| ${s.label} | ${m((w) => w.main)} | ${ms(median(list.map((w) => w.main)) * throttle)} | ${m((w) => w.parse)} | ${m((w) => w.script)} | ${m((w) => w.style)} | ${m((w) => w.layout)} | ${m((w) => w.paint)} | ${m((w) => w.raster)} |`,
    );
  }
  out();

  // 3. memory
  out(
    `**Memory over ${steps} slide changes** (\`?interval=1&night=off\`, fake clock, after a forced GC; the warm baseline is the sample after 50 changes, once every slide has been shown and compiled):`,
  );
  out();
  out(
    '| screen | changes | JS heap used: start / after 50 / end | heap after 50 … end: min … max | DOM nodes: start / min … max / end | layout objects: min … max | listeners: min … max |',
  );
  out('| --- | --: | --- | --- | --- | --- | --- |');
  const pct = (x: number, base: number) =>
    `${x >= base ? '+' : '−'}${Math.abs(((x - base) / base) * 100).toFixed(1)} %`;
  const mb = (x: number) => `${(x / 1024 / 1024).toFixed(2)} MB`;
  const memo: Record<string, Sample[]> = {};
  for (const s of screens) {
    log(`memory on ${s.path} (load ${load()}) …`);
    const { samples, changes } = await memory(browser, `${origin}${s.path}?interval=1&night=off`);
    memo[s.path] = samples;
    const heap = samples.map((x) => x.heap);
    const warm = samples.filter((x) => x.step >= 50);
    const base = warm[0]?.heap ?? Number.NaN;
    const warmHeap = warm.map((x) => x.heap);
    const nodes = samples.map((x) => x.nodes);
    const range = (xs: number[]) => `${Math.min(...xs)} … ${Math.max(...xs)}`;
    out(
      `| ${s.label} | ${changes} | ${mb(heap[0] ?? Number.NaN)} / ${mb(base)} / ${mb(heap[heap.length - 1] ?? Number.NaN)} | ${pct(Math.min(...warmHeap), base)} … ${pct(Math.max(...warmHeap), base)} | ${nodes[0]} / ${range(nodes)} / ${nodes[nodes.length - 1]} | ${range(samples.map((x) => x.layoutObjects))} | ${range(samples.map((x) => x.listeners))} |`,
    );
  }
  out();
  for (const s of screens) {
    const samples = memo[s.path] ?? [];
    out(
      `Samples on ${s.label} (changes: heap KB / DOM nodes): ${samples
        .map((x) => `${x.step}: ${(x.heap / 1024).toFixed(0)} / ${x.nodes}`)
        .join(', ')}.`,
    );
    out();
  }
  await browser.close();
  server.close();

  const head = [
    `### ${new Date().toISOString().slice(0, 10)}`,
    '',
    `\`${['npx node bench/screens.ts', ...process.argv.slice(2)].join(' ')}\` on ${how}; department: ${values.dept ? dept : `the one with the largest screen document below the 党委 (${dept})`}.`,
    '',
    `Machine: \`nproc\` ${cpus().length}; CPU "${cpus()[0]?.model ?? '?'}"; ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM; chromium ${version} headless (test/helpers/browser.ts flags: --disable-gpu, software drawing; omnibox popup off); CJK font ${font}; load average ${loadBefore} at the start, ${load()} at the end.`,
    '',
  ];
  const text = [...head, ...lines].join('\n');
  console.log(text);
  if (values.out) await writeFile(values.out, `${text}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
