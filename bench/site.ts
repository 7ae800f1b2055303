// The site build (`liangbang build`) on the demo data and on 5,000 members × 24 months, next to
// Astro building the same number of trivial pages in the same run (bench/README.md, "Site").
//
//   npx node bench/site.ts [--sets data,/tmp/liangbang-bench/m5000x24] [--no-cli] [--no-trivial]
//
// For each data folder (generated with scripts/generate-demo.ts --utf8 when it is a missing
// `m<members>x<months>` folder):
//   1. steps: a child process ingests and runs the analytics (not timed), then times the site
//      step alone — writeSiteData, writeScreenData, writeExploreData and buildSite — into a temporary dist/;
//   2. the whole `liangbang build` as a process, wall time (Node start, ingest and analytics
//      included);
//   3. Astro alone: a throwaway project under node_modules/.cache/ (so that it resolves the
//      project's astro) with one getStaticPaths page producing as many trivial pages as the
//      site has, built by a child process the way buildSite builds the site.
// Then the pages (HTML files), the size of dist/ and its largest HTML pages.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    sets: { type: 'string', default: `data,${join(tmpdir(), 'liangbang-bench', 'm5000x24')}` },
    'no-cli': { type: 'boolean', default: false },
    'no-trivial': { type: 'boolean', default: false },
    child: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
    pages: { type: 'string' },
  },
});

const seconds = (from: number) => (performance.now() - from) / 1000;
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};

/**
 * GNU time, when there, gives the CPU time (user + system) of a process and of the children it
 * waited for: on a machine shared with other work, CPU time says more than wall time.
 */
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface Timed {
  status: number | null;
  stdout: string;
  stderr: string;
  wall: number;
  /** CPU seconds of the process and its children, when GNU time is there. */
  cpu: number | null;
}

function timed(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Timed {
  const t0 = performance.now();
  const run = TIME
    ? spawnSync(TIME, ['-f', 'liangbang-bench-cpu %U %S', command, ...args], {
        cwd,
        env,
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      })
    : spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = seconds(t0);
  const m = /liangbang-bench-cpu ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr);
  const stderr = run.stderr.replace(/liangbang-bench-cpu [\d.]+ [\d.]+\s*$/, '');
  return {
    status: run.status,
    stdout: run.stdout,
    stderr,
    wall,
    cpu: m ? Number(m[1]) + Number(m[2]) : null,
  };
}

/** Child: ingest and analytics (not timed), then the site step, timed part by part. */
async function childSteps(dataDir: string, outDir: string): Promise<object> {
  const { openIngested } = await import('../src/pipeline.ts');
  const { runAnalytics } = await import('../src/analytics/run.ts');
  const { writeSiteData } = await import('../src/tables/site-data.ts');
  const { writeScreenData } = await import('../src/tables/screen-data.ts');
  const { writeExploreData } = await import('../src/tables/explore-data.ts');
  const { buildSite } = await import('../src/site/astro-build.ts');
  const t0 = performance.now();
  const { conn, scheme, close } = await openIngested(dataDir);
  await runAnalytics(conn);
  const prepare = seconds(t0);
  const c1 = process.cpuUsage();
  const siteDataDir = await mkdtemp(join(tmpdir(), 'liangbang-bench-site-'));
  try {
    // The committee's site: the most a build writes (the downloads included).
    const info = { organization: scheme.organization, audience: 'committee' as const };
    const t1 = performance.now();
    await writeSiteData(conn, info, siteDataDir);
    const siteData = seconds(t1);
    const t2 = performance.now();
    await writeScreenData(conn, info, siteDataDir);
    const screenData = seconds(t2);
    const t4 = performance.now();
    await writeExploreData(conn, siteDataDir);
    const exploreData = seconds(t4);
    close();
    // This process's CPU for the two writers (DuckDB's threads included); buildSite's is its child's.
    const writersCpu = cpuSeconds(c1);
    const t3 = performance.now();
    await buildSite({ siteDataDir, outDir });
    const astro = seconds(t3);
    return {
      prepare,
      siteData,
      screenData,
      exploreData,
      astro,
      site: seconds(t1),
      writersCpu,
      ownCpu: cpuSeconds({ user: 0, system: 0 }),
    };
  } finally {
    close();
    await rm(siteDataDir, { recursive: true, force: true });
  }
}

/** The steps child; `treeCpu` is the CPU time of it and of the Astro process it starts. */
function runChild(args: string[]): Record<string, number> {
  const run = timed(process.execPath, [fileURLToPath(import.meta.url), ...args], root);
  if (run.status !== 0) throw new Error(`child ${args.join(' ')} failed:\n${run.stderr}`);
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
  if (run.cpu !== null) result.treeCpu = run.cpu;
  return result;
}

/** The CLI as a person runs it: wall (and CPU) time of the whole process. */
function timeCli(dataDir: string, outDir: string): Timed {
  const run = timed(
    process.execPath,
    [join(root, 'bin/liangbang.mjs'), 'build', '--data', dataDir, '--out', outDir],
    root,
  );
  if (run.status !== 0) throw new Error(`liangbang build failed:\n${run.stderr}`);
  return run;
}

/**
 * Astro alone: `pages` trivial pages from one getStaticPaths, built in a child process with the
 * site's output options (folders with index.html, trailing slash), in a project generated under
 * node_modules/.cache/ so that `astro` resolves to the project's copy.
 */
async function timeTrivialAstro(pages: number): Promise<Timed> {
  const cache = join(root, 'node_modules', '.cache', 'liangbang-bench-astro');
  await mkdir(cache, { recursive: true });
  const project = await mkdtemp(join(cache, 'p-'));
  try {
    await mkdir(join(project, 'src', 'pages', 'p'), { recursive: true });
    await writeFile(
      join(project, 'src', 'pages', 'p', '[n].astro'),
      `---
export function getStaticPaths() {
  return Array.from({ length: ${pages} }, (_, i) => ({ params: { n: String(i) } }));
}
const { n } = Astro.params;
---
<!doctype html>
<html lang="zh-CN">
  <head><meta charset="utf-8" /><title>第 {n} 页</title></head>
  <body><h1>第 {n} 页</h1><p>一个最简单的页面。</p></body>
</html>
`,
    );
    await writeFile(
      join(project, 'build.mjs'),
      `import { build } from 'astro';
await build({
  root: ${JSON.stringify(project)},
  outDir: ${JSON.stringify(join(project, 'dist'))},
  logLevel: 'warn',
  trailingSlash: 'always',
  build: { format: 'directory', assets: '_assets' },
  devToolbar: { enabled: false },
});
`,
    );
    const run = timed(process.execPath, [join(project, 'build.mjs')], project);
    if (run.status !== 0) throw new Error(`trivial Astro build failed:\n${run.stderr}`);
    const built = (await htmlFiles(join(project, 'dist'))).length;
    if (built !== pages) throw new Error(`trivial Astro built ${built} pages, expected ${pages}`);
    return run;
  } finally {
    await rm(project, { recursive: true, force: true });
  }
}

async function htmlFiles(dir: string): Promise<{ path: string; size: number }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((e) => e.isFile() && e.name.endsWith('.html'))
      .map(async (e) => {
        const path = join(e.parentPath, e.name);
        return { path: relative(dir, path), size: (await stat(path)).size };
      }),
  );
}

async function treeSize(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const sizes = await Promise.all(
    entries.filter((e) => e.isFile()).map(async (e) => (await stat(join(e.parentPath, e.name))).size),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

function ensureData(dir: string): string {
  const path = resolve(root, dir);
  if (existsSync(join(path, 'scheme.yaml'))) return path;
  const m = /^m(\d+)x(\d+)$/.exec(basename(path));
  if (!m) throw new Error(`no data in ${path}`);
  const generator = join(root, 'scripts/generate-demo.ts');
  const args = ['--members', m[1] ?? '', '--months', m[2] ?? '', '--utf8', '--out', path];
  execFileSync(process.execPath, [generator, ...args], { stdio: 'ignore' });
  return path;
}

function cpuModel(): string {
  const model = cpus()[0]?.model;
  if (model && model !== 'unknown') return model;
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    return /model name\s*:\s*(.+)/.exec(info)?.[1] ?? /vendor_id\s*:\s*(.+)/.exec(info)?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

async function main(): Promise<void> {
  console.log(
    `machine: nproc ${cpus().length}; CPU ${cpuModel()}; RAM ${(totalmem() / 2 ** 30).toFixed(1)} GiB; Node ${process.version}`,
  );
  console.log(`load average at start: ${load()}`);
  for (const set of values.sets.split(',')) {
    const dataDir = ensureData(set);
    const members = readFileSync(join(dataDir, 'members.csv'), 'utf8').trim().split('\n').length - 1;
    const months = (await readdir(join(dataDir, 'exports'))).filter((f) => /\.(csv|xlsx?)$/i.test(f)).length;
    const out = await mkdtemp(join(tmpdir(), 'liangbang-bench-site-out-'));
    try {
      console.log(`\n## ${set}: ${members} members × ${months} export files`);
      const steps = runChild(['--child', 'steps', '--data', dataDir, '--out', join(out, 'steps')]);
      const loadSteps = load();
      const pages = await htmlFiles(join(out, 'steps'));
      const size = await treeSize(join(out, 'steps'));
      const largest = [...pages].sort((a, b) => b.size - a.size);
      const over = pages.filter((p) => p.size > 100 * 1024);
      const f = (x: number | undefined) => `${(x ?? Number.NaN).toFixed(2)} s`;
      console.log(`pages (HTML): ${pages.length}; dist/: ${mb(size)}; load after steps: ${loadSteps}`);
      console.log(
        `largest HTML: ${largest
          .slice(0, 3)
          .map((p) => `${p.path} ${kb(p.size)}`)
          .join(', ')}; over 100 KB: ${over.length}`,
      );
      for (const kind of ['member', 'dept', 'committee']) {
        const of = pages.filter((p) => p.path.startsWith(`${kind}/`));
        if (of.length === 0) continue;
        const total = of.reduce((a, p) => a + p.size, 0);
        console.log(
          `  ${kind}: ${of.length} pages, mean ${kb(total / of.length)}, max ${kb(Math.max(...of.map((p) => p.size)))}`,
        );
      }
      const astroCpu =
        steps.treeCpu !== undefined && steps.ownCpu !== undefined ? steps.treeCpu - steps.ownCpu : undefined;
      const siteCpu =
        astroCpu !== undefined && steps.writersCpu !== undefined ? astroCpu + steps.writersCpu : undefined;
      const rate = (n: number, t: number | undefined) => (t === undefined ? 'n/a' : `${(n / t).toFixed(0)}`);
      console.log(
        `site step, wall: ${f(steps.site)} = writeSiteData ${f(steps.siteData)} + writeScreenData ${f(steps.screenData)} + writeExploreData ${f(steps.exploreData)} + buildSite ${f(steps.astro)}; ${rate(pages.length, steps.site)} pages/s (buildSite alone ${rate(pages.length, steps.astro)} pages/s); ingest + analytics before it: ${f(steps.prepare)}`,
      );
      if (siteCpu !== undefined)
        console.log(
          `site step, CPU: ${f(siteCpu)} = writers ${f(steps.writersCpu)} + buildSite ${f(astroCpu)}; ${rate(pages.length, siteCpu)} pages per CPU-second (buildSite alone ${rate(pages.length, astroCpu)})`,
        );
      if (!values['no-cli']) {
        const cli = timeCli(dataDir, join(out, 'cli'));
        console.log(
          `liangbang build (process): wall ${f(cli.wall)} (${rate(pages.length, cli.wall)} pages/s)${cli.cpu === null ? '' : `, CPU ${f(cli.cpu)}`}; load: ${load()}`,
        );
      }
      if (!values['no-trivial']) {
        const trivial = await timeTrivialAstro(pages.length);
        const share = (n: number | undefined, d: number | null | undefined) =>
          n === undefined || d === null || d === undefined ? 'n/a' : `${((100 * d) / n).toFixed(0)} %`;
        console.log(
          `Astro alone, ${pages.length} trivial pages: wall ${f(trivial.wall)} (${rate(pages.length, trivial.wall)} pages/s)${trivial.cpu === null ? '' : `, CPU ${f(trivial.cpu)} (${rate(pages.length, trivial.cpu)} pages per CPU-second)`}; load: ${load()}`,
        );
        console.log(
          `throughput against Astro alone — wall: site step ${share(steps.site, trivial.wall)}, buildSite ${share(steps.astro, trivial.wall)}; CPU: site step ${share(siteCpu, trivial.cpu)}, buildSite ${share(astroCpu, trivial.cpu)}`,
        );
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }
}

if (values.child === 'steps' && values.data && values.out) {
  console.log(JSON.stringify(await childSteps(values.data, values.out)));
} else if (values.pages) {
  // Astro alone, for a quick look: --pages N.
  const pages = Number(values.pages);
  const run = await timeTrivialAstro(pages);
  console.log(
    `${pages} trivial pages: wall ${run.wall.toFixed(2)} s (${(pages / run.wall).toFixed(0)} pages/s), CPU ${run.cpu?.toFixed(2) ?? 'n/a'} s; load ${load()}`,
  );
} else {
  await main();
}
