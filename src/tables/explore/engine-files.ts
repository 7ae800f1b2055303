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
 * own (src/explore/worker.ts starts them the moment the panel opens). They:
 * - start fetching and compiling the engine's WebAssembly at once, while duckdb-wasm's worker
 *   script (770 kB) and the page's own scripts still load, and hand the compiled module to
 *   duckdb-wasm when it asks for the file (through `fetch` and `WebAssembly.instantiateStreaming`,
 *   the only way duckdb-wasm loads it when `TransformStream` is missing);
 * - compile from fetch()'s own response, which has a URL, so that Chrome can keep the compiled
 *   code in its cache for the next visit (duckdb-wasm's progress stream would hide the URL);
 * - turn an unhandled rejection (duckdb-wasm does not catch a failed instantiation, such as a
 *   wrong MIME type) into a worker error that the page sees, instead of a start that never ends.
 */
export const ENGINE_WRAPPERS = {
  'liangbang-eh.worker.js': { worker: 'duckdb-browser-eh.worker.js', wasm: 'duckdb-eh.wasm' },
  'liangbang-mvp.worker.js': { worker: 'duckdb-browser-mvp.worker.js', wasm: 'duckdb-mvp.wasm' },
} as const;

export function wrapperSource({ worker, wasm }: { worker: string; wasm: string }): string {
  return `// Written by liangbang (src/tables/explore/engine-files.ts): starts compiling the engine at once,
// and hands the compiled module to duckdb-wasm when it asks for the file.
'use strict';
(() => {
  const wasm = new URL(${JSON.stringify(wasm)}, self.location.href).href;
  const compiled = WebAssembly.compileStreaming(fetch(wasm));
  // Reported when duckdb-wasm asks for the engine, as its own failure would be.
  compiled.catch(() => undefined);
  const early = {};
  const urlOf = (input) => (input instanceof Request ? input.url : new URL(String(input), self.location.href).href);
  const fetchFile = self.fetch.bind(self);
  self.fetch = (input, init) => (urlOf(input) === wasm ? Promise.resolve(early) : fetchFile(input, init));
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    if (response !== early) return instantiateStreaming(response, imports);
    const module = await compiled;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  self.TransformStream = undefined;
  self.addEventListener('unhandledrejection', (event) => {
    throw event.reason;
  });
})();
importScripts(${JSON.stringify(worker)});
`;
}
