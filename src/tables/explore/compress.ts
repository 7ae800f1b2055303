// Node-only: precompressed copies (.br, .gz) beside the files the drill-down ships, so that a web
// server sends them compressed without compressing on every request (docs/explore.md: nginx
// gzip_static / brotli_static). The engine files are large and never change for one
// duckdb-wasm version: their copies are made once and kept in a cache folder.
import { copyFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Files smaller than this are not worth a compressed copy (nginx's gzip_min_length spirit). */
export const MIN_COMPRESS_BYTES = 1024;

/**
 * Brotli quality 5: on the 34 MB engine it takes ~5 s for 6.2 MB, quality 11 over 3 minutes for
 * 5.1 MB. Gzip level 6 for data (a 36 MB items slice: 1 s, where level 9 takes 13 s for 7 %
 * less), 9 for the engine, compressed once per version.
 */
const BROTLI_QUALITY = 5;
export const GZIP_DATA = 6;
export const GZIP_ENGINE = 9;

export async function compressBuffer(
  data: Uint8Array,
  gzipLevel = GZIP_DATA,
): Promise<{ br: Buffer; gz: Buffer }> {
  const [br, gzipped] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength,
      },
    }),
    gz(data, { level: gzipLevel }),
  ]);
  return { br, gz: gzipped };
}

/** Writes `file.br` and `file.gz` beside `file` (when it is at least MIN_COMPRESS_BYTES). */
export async function precompress(file: string, data?: Uint8Array, gzipLevel = GZIP_DATA): Promise<void> {
  const bytes = data ?? (await readFile(file));
  if (bytes.byteLength < MIN_COMPRESS_BYTES) return;
  const { br, gz: gzipped } = await compressBuffer(bytes, gzipLevel);
  await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}

/**
 * Copies `source` to `target` with its .br and .gz, taking the compressed copies from `cacheDir`
 * when they are there and filling it otherwise (written under a temporary name and renamed, so
 * two builds at once never see half a file). Without a usable cache the copies are made anew.
 */
export async function copyPrecompressed(
  source: string,
  target: string,
  cacheDir: string | null,
): Promise<void> {
  await copyFile(source, target);
  const name = basename(source);
  if (cacheDir !== null) {
    const cached = [join(cacheDir, `${name}.br`), join(cacheDir, `${name}.gz`)] as const;
    if ((await exists(cached[0])) && (await exists(cached[1]))) {
      await Promise.all([copyFile(cached[0], `${target}.br`), copyFile(cached[1], `${target}.gz`)]);
      return;
    }
  }
  await precompress(target, undefined, GZIP_ENGINE);
  if (cacheDir === null) return;
  try {
    await mkdir(cacheDir, { recursive: true });
    for (const ext of ['br', 'gz']) {
      const partial = join(cacheDir, `${name}.${ext}.${process.pid}.partial`);
      await copyFile(`${target}.${ext}`, partial);
      await rename(partial, join(cacheDir, `${name}.${ext}`));
    }
  } catch {
    // A read-only install: no cache, the next build compresses again.
  }
}
