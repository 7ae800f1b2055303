// @ts-check
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';

// The CLI (src/commands/build.ts) passes outDir and base; this file holds what never varies.
export default defineConfig({
  output: 'static',
  integrations: [react()],
  // Intranet hosting: no telemetry, no prefetch of other origins, pages as folders with index.html.
  trailingSlash: 'always',
  build: { format: 'directory', assets: '_assets' },
  devToolbar: { enabled: false },
  // No Markdown pages; Shiki's inline styles would also be refused by the policy below.
  markdown: { syntaxHighlight: false },
  // The Content-Security-Policy of every page, as a <meta> tag (docs/security.md): nothing but
  // the site's own files, no inline code except Astro's and the screens' by their hashes, no
  // eval, no plugin, no frame or worker. Pages holding the 数据探索 panel add a worker for
  // duckdb-wasm (src/site/csp.ts); the screens add the hashes of their inline script and
  // stylesheet (src/screen/Screen.astro). `frame-ancestors` is left out: a <meta> policy cannot
  // carry it (the browser ignores it and logs an error).
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "connect-src 'self'",
        "img-src 'self'",
        "object-src 'none'",
        "child-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'"] },
      styleDirective: { resources: ["'self'"] },
    },
  },
  vite: {
    logLevel: 'warn',
    // Activity-room TVs run old Chromium (Android TV boxes): browser code is built for ES2019.
    // Astro sets the client target itself, so only a per-environment override reaches it.
    plugins: [
      {
        name: 'liangbang:client-target',
        configEnvironment(name) {
          return name === 'client' ? { build: { target: 'es2019' } } : undefined;
        },
      },
    ],
  },
});
