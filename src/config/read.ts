// Reading a configuration file (scheme.yaml, departments.csv, members.csv) whole. They are
// small — a roster of 100,000 members is 2.5 MB — so one past MAX_CONFIG_BYTES is refused with a
// reason, rather than read into memory (docs/ingest.md, "Limits"; exports are streamed instead).
import { readFile, stat } from 'node:fs/promises';
import { ConfigError } from '../errors.ts';

export const MAX_CONFIG_BYTES = 64 * 1024 * 1024;

/** The bytes of `path`; ConfigError (exit 2) with `missing` when there is no such file. */
export async function readConfigBytes(path: string, fileLabel: string, missing: string): Promise<Uint8Array> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new ConfigError(missing);
    throw error;
  });
  if (info.size > MAX_CONFIG_BYTES) {
    const mb = (info.size / 1024 / 1024).toFixed(0);
    throw new ConfigError(
      `${fileLabel}: 文件有 ${mb} MB，超过 ${MAX_CONFIG_BYTES / 1024 / 1024} MB 的上限；积分方案、组织树和花名册都是小文件，请检查是否放错了文件`,
    );
  }
  return readFile(path);
}
