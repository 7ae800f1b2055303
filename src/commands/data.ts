import { resolve } from 'node:path';
import { runAnalytics } from '../analytics/run.ts';
import { replaceDir } from '../atomic.ts';
import type { CliOptions } from '../cli.ts';
import { openIngested, refuseRejects, resolveDataDir } from '../pipeline.ts';
import { writeTablesInto } from '../tables/write.ts';

/**
 * `liangbang data`: the SPEC §3 tables as Parquet and CSV, swapped into place only when all are
 * written (src/atomic.ts), so a failed or killed run leaves the previous tables as they were.
 */
export async function data(opts: CliOptions): Promise<number> {
  const outDir = resolve(opts.out ?? 'tables');
  const { conn, result, close } = await openIngested(await resolveDataDir(opts.data));
  try {
    refuseRejects(result, opts.allowRejects);
    await runAnalytics(conn);
    await replaceDir(outDir, (dir) => writeTablesInto(conn, dir));
  } finally {
    close();
  }
  console.log(`已写出结果表格：${outDir}`);
  return 0;
}
