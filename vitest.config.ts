import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser and CLI tests start processes and build sites; unit tests stay far below this.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // The machine has 2 cores; DuckDB and Astro builds use both.
    maxWorkers: 2,
  },
});
