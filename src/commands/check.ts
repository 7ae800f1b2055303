import type { CliOptions } from '../cli.ts';
import { formatCheckReport } from '../ingest/index.ts';
import { openIngested, resolveDataDir } from '../pipeline.ts';

/** `liangbang check`: exit 1 when any row is rejected (SPEC §1.4); config errors exit 2 upstream. */
export async function check(opts: CliOptions): Promise<number> {
  const { result, close } = await openIngested(await resolveDataDir(opts.data));
  close();
  // The report is bounded whatever the number of problems: the text lists 20 rows per reason
  // code, the JSON (an IngestResult) 1,000 (docs/ingest.md, "Limits").
  console.log(opts.json ? JSON.stringify(result, null, 2) : formatCheckReport(result));
  return result.totals.rejected > 0 ? 1 : 0;
}
