// Node-only: precompressed copies beside the files the drill-down ships, so that a web server
// sends them compressed without compressing on every request (docs/explore.md: nginx
// gzip_static / brotli_static). The data gets a .gz only: on a slice of items brotli (quality 5)
// took 2.6× gzip -6's time for a file 2 % smaller, and brotli_static needs a module few intranet
// servers have. The engine files also get a .br (6.2 MB against 7.7 MB as .gz); they never
// change for one duckdb-wasm version, so their copies are made once and kept in a cache folder.
import { copyFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Files smaller than this are not worth a compressed copy (nginx's gzip_min_length spirit). */
export const MIN_COMPRESS_BYTES = 1024;

/**
 * Gzip level 6 for data (a 36 MB items slice: 1 s, where level 9 takes 13 s for 7 % less), 9 for
 * the engine. Brotli quality 5 for the engine: ~5 s for 6.2 MB, where quality 11 takes over 3
 * minutes for 5.1 MB.
 */
const GZIP_DATA = 6;
const GZIP_ENGINE = 9;
const BROTLI_ENGINE = 5;

/** Writes `file.gz` beside `file` (when it is at least MIN_COMPRESS_BYTES). */
export async function precompress(file: string, data?: Uint8Array): Promise<void> {
  const bytes = data ?? (await readFile(file));
  if (bytes.byteLength < MIN_COMPRESS_BYTES) return;
  await writeFile(`${file}.gz`, await gz(bytes, { level: GZIP_DATA }));
}

/** Writes an engine file's `.br` and `.gz` beside it. */
async function compressEngineFile(file: string): Promise<void> {
  const bytes = await readFile(file);
  const [br, gzipped] = await Promise.all([
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_ENGINE,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      },
    }),
    gz(bytes, { level: GZIP_ENGINE }),
  ]);
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
  await compressEngineFile(target);
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
