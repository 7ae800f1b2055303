// Replacing an output folder (dist/, tables/) so that whoever reads it, a web server or a
// person, sees the previous folder or the new one, never a half-written one (docs/security.md).
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Whether process `pid` is alive (EPERM: it is, under another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The entries of `dir` that `pattern` matches whose first group, a process id, names a process
 * that is gone: what a killed run left behind. A live run's entries (another build into the
 * same folder, this process's own) are never listed.
 */
export async function orphans(dir: string, pattern: RegExp): Promise<{ name: string; pid: number }[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const found: { name: string; pid: number }[] = [];
  for (const name of names.sort()) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid))
      found.push({ name, pid });
  }
  return found;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exists = async (path: string): Promise<boolean> => (await stat(path).catch(() => null)) !== null;

/**
 * Tidies what killed runs left beside `target`: half-written staging folders are deleted; a
 * retired previous folder is deleted too, unless `target` is missing (the run died between its
 * two renames), in which case it is moved back, so the previous output serves again. Tidying
 * is a courtesy: what cannot be removed (another user's) is left, and the run goes on.
 */
async function recoverLeftovers(target: string): Promise<void> {
  const parent = dirname(target);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(target))}\\.(?:partial|old)-(\\d+)$`);
  for (const { name } of await orphans(parent, pattern)) {
    const path = join(parent, name);
    try {
      if (name.includes('.old-') && !(await exists(target))) {
        await rename(path, target);
        console.error(`注意：上次生成在替换 ${target} 时中断，已恢复原有的输出（${name}）。`);
      } else {
        await rm(path, { recursive: true, force: true });
        console.error(`注意：已删除上次中断的生成留下的临时文件夹 ${path}。`);
      }
    } catch {
      console.error(`注意：无法删除上次中断的生成留下的临时文件夹 ${path}，请手工删除。`);
    }
  }
}

/** Removes what `orphans` lists in `dir`, as far as it can: a leftover is never worth failing a run. */
export async function removeOrphans(dir: string, pattern: RegExp): Promise<void> {
  for (const { name } of await orphans(dir, pattern)) {
    await rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Fills a fresh sibling folder of `target` (`.<name>.partial-<pid>`), then swaps it into place
 * with two renames (`target` → `.<name>.old-<pid>`, staging → `target`) and deletes the old one.
 * If `fill` throws, `target` is left as it was and the staging folder is removed. If the process
 * is killed, `target` is left as it was too, and the next run into the same folder removes the
 * staging folder (or, killed between the two renames, puts the previous folder back).
 */
export async function replaceDir(target: string, fill: (dir: string) => Promise<void>): Promise<void> {
  const parent = dirname(target);
  const staging = join(parent, `.${basename(target)}.partial-${process.pid}`);
  const old = join(parent, `.${basename(target)}.old-${process.pid}`);
  await mkdir(parent, { recursive: true });
  await recoverLeftovers(target);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging);
  try {
    await fill(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  let hadOld = true;
  try {
    await rename(target, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    hadOld = false;
  }
  try {
    await rename(staging, target);
  } catch (error) {
    if (hadOld) await rename(old, target);
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}
