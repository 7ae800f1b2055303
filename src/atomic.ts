import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Fills a fresh sibling folder of `target`, then swaps it into place. If `fill` throws (or the
 * process dies), `target` is left as it was; the half-written sibling is removed or, after a
 * kill, left under a name that says what it is (`.<name>.partial-<pid>`).
 */
export async function replaceDir(target: string, fill: (dir: string) => Promise<void>): Promise<void> {
  const parent = dirname(target);
  const staging = join(parent, `.${basename(target)}.partial-${process.pid}`);
  const old = join(parent, `.${basename(target)}.old-${process.pid}`);
  await mkdir(parent, { recursive: true });
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
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadOld = false;
  }
  await rename(staging, target);
  if (hadOld) await rm(old, { recursive: true, force: true });
}
