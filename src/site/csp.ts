// The page-specific part of the Content-Security-Policy (the policy every page carries is in
// astro.config.mjs). A page adds these in its own frontmatter: Astro writes the <meta> tag when
// it reaches <head>, before any component of the body has run.

/**
 * What the 数据探索 panel (src/components/ExplorePanel.astro) needs beyond the site's policy,
 * measured (test/browser/hostile.test.ts drills down under the policy): duckdb-wasm runs in a
 * worker started from the site's own file (src/explore/engine.ts), and every other page allows
 * no worker (`child-src 'none'`). The WebAssembly is compiled inside that worker, which the
 * page's <meta> policy does not govern, so no page needs 'wasm-unsafe-eval'.
 */
export const EXPLORE_DIRECTIVES = ["worker-src 'self'"] as const;
