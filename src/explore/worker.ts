// Starts the engine's worker the moment the panel opens, before React, Plot and duckdb-wasm's
// own script have loaded: the worker (src/tables/explore/engine-files.ts) begins fetching and
// compiling the engine at once, so that its 34 MB overlap everything else the panel loads.
// Imported by ./mount.ts, so it stays small and imports nothing.

/** A module using WebAssembly exceptions: duckdb-wasm's own test for its `eh` bundle. */
const EXCEPTIONS = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11,
]);

export interface EngineWorker {
  worker: Worker;
  /** The WebAssembly file the worker is compiling (duckdb-wasm's `mainModule`). */
  mainModule: string;
  /** The worker's first error, as its message (a file that failed to load, an engine that failed to start). */
  failure: Promise<string>;
}

/**
 * Starts the worker of the bundle this browser can run: `eh` with WebAssembly exceptions, `mvp`
 * without. `engineDir` is the folder of the engine's version (duckdb/<version>/). Null when the
 * browser has no WebAssembly or no workers (./engine.ts then says so in Chinese).
 */
export function startEngineWorker(engineDir: string): EngineWorker | null {
  if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') return null;
  const bundle = WebAssembly.validate(EXCEPTIONS) ? 'eh' : 'mvp';
  const dir = new URL(engineDir, window.location.href).href;
  const worker = new Worker(`${dir}liangbang-${bundle}.worker.js`);
  const failure = new Promise<string>((resolve) => {
    worker.addEventListener('error', (event) => resolve(event.message || '工作线程加载失败'), { once: true });
  });
  return { worker, mainModule: `${dir}duckdb-${bundle}.wasm`, failure };
}
