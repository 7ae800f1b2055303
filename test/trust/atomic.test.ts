// Atomic output (docs/security.md): `build` and `data` write beside the target and swap at the
// end, so a build that is killed midway or fails leaves the previous output as it was, still
// served; the next completed run replaces it and removes what the killed one left.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { replaceDir } from '../../src/atomic.ts';
import { serveStatic } from '../../src/server/static.ts';
import {
  generateDemo,
  hashTree,
  killGroup,
  liveMembers,
  projectRoot,
  runMeasured,
  sleep,
  startDetached,
  treeDifferences,
} from './cli-process.ts';

const OLD_ORG = '辽河石化公司党委';
const NEW_ORG = '改名之后的测试党委';

let root: string;
/** The data the site is built from, the same data under another organisation name, and two broken copies. */
let data: string;
let changed: string;
let rejects: string;
let broken: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'liangbang-atomic-'));
  data = join(root, 'data');
  await generateDemo(data, 60, 4);
  changed = join(root, 'changed');
  await cp(data, changed, { recursive: true });
  const scheme = await readFile(join(data, 'scheme.yaml'), 'utf8');
  expect(scheme).toContain(`organization: ${OLD_ORG}`);
  await writeFile(join(changed, 'scheme.yaml'), scheme.replace(OLD_ORG, NEW_ORG));
  // One rejected row (a member not in the roster): exit 1.
  rejects = join(root, 'rejects');
  await cp(data, rejects, { recursive: true });
  await writeFile(
    join(rejects, 'exports', 'zz-extra.csv'),
    'member_id,month,item_code,points\nM9999,2026-10,B01,1\n',
  );
  // A scheme that is not a scheme: exit 2.
  broken = join(root, 'broken');
  await cp(data, broken, { recursive: true });
  await writeFile(join(broken, 'scheme.yaml'), `organization: ${NEW_ORG}\ncategories: nonsense\n`);
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** Entries beside `target` that a run leaves while it works: `.<name>.partial-<pid>`, `.<name>.old-<pid>`. */
async function leftovers(target: string): Promise<string[]> {
  const name = target.slice(target.lastIndexOf('/') + 1);
  const entries = await readdir(join(target, '..'));
  return entries.filter((e) => e.startsWith(`.${name}.partial-`) || e.startsWith(`.${name}.old-`)).sort();
}

/** Polls `condition` every 10 ms; fails if the child exits first (the kill point was missed). */
async function until(
  condition: () => Promise<boolean>,
  child: ReturnType<typeof startDetached>,
  what: string,
) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the run ended (exit ${child.exitCode}) before ${what}`);
    if (await condition()) return;
    await sleep(10);
  }
}

function listen(dir: string): Promise<{ server: Server; url: string }> {
  const server = serveStatic(dir);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    );
  });
}

describe('liangbang build', () => {
  let out: string;
  /** The first build's files. */
  let before: Map<string, string>;
  let served: { server: Server; url: string };

  beforeAll(async () => {
    out = join(root, 'site', 'out');
    const first = await runMeasured(['build', '--data', data, '--out', out]);
    expect(first.status, first.stderr).toBe(0);
    before = await hashTree(out);
    served = await listen(out);
  });

  afterAll(async () => {
    await new Promise((resolve) => served?.server.close(resolve));
  });

  test('a build killed while Astro writes the new site leaves the previous site intact and serving', async () => {
    expect(before.size).toBeGreaterThan(50);
    const child = startDetached(['build', '--data', changed, '--out', out]);
    const staging = join(root, 'site', `.out.partial-${child.pid}`);
    // The kill point: the new site is half-written into its staging folder beside out/.
    await until(
      async () => (await readdir(staging).catch(() => [])).length > 0,
      child,
      'it wrote the new site',
    );
    await killGroup(child);
    expect(child.signalCode).toBe('SIGKILL');
    expect(await liveMembers(child.pid as number), 'processes of the killed build still alive').toEqual([]);

    expect(treeDifferences(before, await hashTree(out))).toEqual([]);
    expect(await leftovers(out)).toEqual([`.out.partial-${child.pid}`]);
    const siteDocs = (await readdir(tmpdir())).filter((e) => e.startsWith(`liangbang-site-${child.pid}-`));
    expect(siteDocs).toHaveLength(1);
    const home = await fetch(`${served.url}/`);
    expect(home.status).toBe(200);
    const body = await home.text();
    expect(body).toBe(await readFile(join(out, 'index.html'), 'utf8'));
    expect(body).toContain(`<title>${OLD_ORG}`);
    expect(body).not.toContain(NEW_ORG);

    // The next completed build replaces the site and removes what the killed one left: its
    // staging folder beside out/ and its Astro working folder.
    const next = await runMeasured(['build', '--data', changed, '--out', out]);
    expect(next.status, next.stderr).toBe(0);
    expect(next.stderr).toContain(`已删除上次中断的生成留下的临时文件夹 ${staging}`);
    expect(await leftovers(out)).toEqual([]);
    const scratch = join(projectRoot, 'node_modules', '.cache', 'liangbang-astro');
    expect((await readdir(scratch)).filter((e) => e.startsWith(`${child.pid}-`))).toEqual([]);
    // …and the site documents it had written into the system's temporary folder.
    expect((await readdir(tmpdir())).filter((e) => e.startsWith(`liangbang-site-${child.pid}-`))).toEqual([]);
    const after = await (await fetch(`${served.url}/`)).text();
    expect(after).toContain(`<title>${NEW_ORG}`);
    expect(treeDifferences(before, await hashTree(out))).not.toEqual([]);
  }, 300_000);

  test('a build refused for rejected rows (exit 1) or a broken scheme (exit 2) leaves the site untouched', async () => {
    const current = await hashTree(out);
    const refused = await runMeasured(['build', '--data', rejects, '--out', out]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('未生成任何输出，原有输出保持不变');
    const invalid = await runMeasured(['build', '--data', broken, '--out', out]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain('scheme.yaml: categories');
    expect(treeDifferences(current, await hashTree(out))).toEqual([]);
    expect(await leftovers(out)).toEqual([]);
    expect((await fetch(`${served.url}/`)).status).toBe(200);
  });
});

describe('liangbang data --out', () => {
  test('killed while writing, or refused, it leaves the previous tables; the next run replaces them', async () => {
    const out = join(root, 'tables', 'out');
    const first = await runMeasured(['data', '--data', data, '--out', out]);
    expect(first.status, first.stderr).toBe(0);
    const before = await hashTree(out);
    expect([...before.keys()]).toContain('standings.parquet');

    const child = startDetached(['data', '--data', changed, '--out', out]);
    const staging = join(root, 'tables', `.out.partial-${child.pid}`);
    await until(async () => existsSync(staging), child, 'it began writing');
    await killGroup(child);
    expect(child.signalCode).toBe('SIGKILL');
    expect(treeDifferences(before, await hashTree(out))).toEqual([]);
    expect(await leftovers(out)).toEqual([`.out.partial-${child.pid}`]);

    for (const [dir, status] of [
      [rejects, 1],
      [broken, 2],
    ] as const) {
      const refused = await runMeasured(['data', '--data', dir, '--out', out]);
      expect(refused.status).toBe(status);
      expect(treeDifferences(before, await hashTree(out))).toEqual([]);
    }

    // Rejected rows with --allow-rejects: the tables are replaced, the leftovers removed.
    const allowed = await runMeasured(['data', '--data', rejects, '--out', out, '--allow-rejects']);
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(await leftovers(out)).toEqual([]);
    const report = await readFile(join(out, 'ingest_report.csv'), 'utf8');
    expect(report).toContain('M9999');
    expect(treeDifferences(before, await hashTree(out))).not.toEqual([]);
  }, 300_000);
});

describe('replaceDir', () => {
  /** The id of a process that has ended. */
  async function deadPid(): Promise<number> {
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => child.on('exit', resolve));
    return child.pid as number;
  }

  test('a run killed between its two renames: the next run puts the previous folder back', async () => {
    const parent = join(root, 'swap');
    const target = join(parent, 'site');
    const pid = await deadPid();
    // As a run leaves it when killed after `site` → `.site.old-<pid>`, before the staging folder moved in.
    await mkdir(join(parent, `.site.old-${pid}`), { recursive: true });
    await writeFile(join(parent, `.site.old-${pid}`, 'index.html'), 'previous');
    await mkdir(join(parent, `.site.partial-${pid}`));
    await writeFile(join(parent, `.site.partial-${pid}`, 'index.html'), 'half');

    await expect(
      replaceDir(target, async () => {
        throw new Error('the build failed');
      }),
    ).rejects.toThrow('the build failed');
    expect(await readFile(join(target, 'index.html'), 'utf8')).toBe('previous');
    expect(await leftovers(target)).toEqual([]);
  });

  test("a live run's staging folder is left alone; a failed fill leaves the target as it was", async () => {
    const parent = join(root, 'live');
    const target = join(parent, 'site');
    await mkdir(target, { recursive: true });
    await writeFile(join(target, 'index.html'), 'current');
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      await mkdir(join(parent, `.site.partial-${live.pid}`));
      await expect(
        replaceDir(target, async (dir) => {
          await writeFile(join(dir, 'index.html'), 'new');
          throw new Error('disk full');
        }),
      ).rejects.toThrow('disk full');
      expect(await readFile(join(target, 'index.html'), 'utf8')).toBe('current');
      expect(await leftovers(target)).toEqual([`.site.partial-${live.pid}`]);
      await replaceDir(target, (dir) => writeFile(join(dir, 'index.html'), 'new'));
      expect(await readFile(join(target, 'index.html'), 'utf8')).toBe('new');
      expect(await leftovers(target)).toEqual([`.site.partial-${live.pid}`]);
    } finally {
      live.kill('SIGKILL');
    }
  });

  test('the target is swapped whole: files of the previous folder do not survive', async () => {
    const target = join(root, 'whole', 'site');
    await replaceDir(target, (dir) => writeFile(join(dir, 'old-only.html'), 'x'));
    await replaceDir(target, (dir) => writeFile(join(dir, 'index.html'), 'y'));
    expect((await readdir(target)).sort()).toEqual(['index.html']);
    await rename(target, `${target}-moved`);
    await replaceDir(target, (dir) => writeFile(join(dir, 'index.html'), 'z'));
    expect(await readFile(join(target, 'index.html'), 'utf8')).toBe('z');
  });
});
