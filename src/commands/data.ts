import { resolve } from 'node:path';
import { runAnalytics } from '../analytics/run.ts';
import type { CliOptions } from '../cli.ts';
import { openIngested, refuseRejects, resolveDataDir } from '../pipeline.ts';
import { writeTables } from '../tables/write.ts';

/** `liangbang data`: the SPEC §3 tables as Parquet and CSV, written atomically. */
export async function data(opts: CliOptions): Promise<number> {
  const outDir = resolve(opts.out ?? 'tables');
  const { conn, result, close } = await openIngested(await resolveDataDir(opts.data));
  try {
    refuseRejects(result, opts.allowRejects);
    await runAnalytics(conn);
    await writeTables(conn, outDir);
  } finally {
    close();
  }
  console.log(`已写出结果表格：${outDir}`);
  return 0;
}
