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
