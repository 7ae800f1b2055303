// Node-only: the duckdb-wasm files the site serves itself (no CDN): the `eh` bundle (browsers
// with WebAssembly exceptions) and the `mvp` bundle (older ones). Not `coi` (it needs
// cross-origin isolation headers that an intranet server rarely sends).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ENGINE_FILES = [
  'duckdb-eh.wasm',
  'duckdb-browser-eh.worker.js',
  'duckdb-mvp.wasm',
  'duckdb-browser-mvp.worker.js',
] as const;

/** The folder holding duckdb-wasm's built files, and the package's version. */
export async function engineSource(): Promise<{ dir: string; version: string }> {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const pkg = JSON.parse(await readFile(join(dir, '..', 'package.json'), 'utf8')) as { version: string };
  return { dir, version: pkg.version };
}

/** Where the precompressed engine files are kept between builds (inside the project's node_modules). */
export function engineCacheDir(version: string): string {
  return fileURLToPath(
    new URL(`../../../node_modules/.cache/liangbang-explore/duckdb-wasm-${version}/`, import.meta.url),
  );
}

/**
 * Small workers written beside the engine, which the browser starts instead of duckdb-wasm's
 * own: duckdb-wasm wraps the WebAssembly response in a TransformStream to report progress, and
 * a response built that way has no URL, so Chrome can neither stream-compile it from its cache
 * nor keep the compiled code. Without TransformStream, duckdb-wasm passes fetch()'s response
 * straight to WebAssembly.instantiateStreaming (its own fallback), and a second visit starts
 * from compiled code. TransformStream is used nowhere else in the worker. They also turn an
 * unhandled rejection (duckdb-wasm does not catch a failed instantiation) into a worker error.
 */
export const ENGINE_WRAPPERS = {
  'liangbang-eh.worker.js': 'duckdb-browser-eh.worker.js',
  'liangbang-mvp.worker.js': 'duckdb-browser-mvp.worker.js',
} as const;

export function wrapperSource(worker: string): string {
  return [
    '// Written by liangbang (src/tables/explore/engine-files.ts): duckdb-wasm without its progress',
    '// stream, so that the browser can cache the compiled WebAssembly.',
    'self.TransformStream = undefined;',
    '// duckdb-wasm does not catch a failed instantiation (a wrong MIME type, a missing file): make it',
    '// an error the page sees, instead of a start that never ends.',
    "self.addEventListener('unhandledrejection', (event) => { throw event.reason; });",
    `importScripts(${JSON.stringify(worker)});`,
    '',
  ].join('\n');
}
