import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Native better-sqlite3 and Chromium tests are heavier than a forked worker per file needs.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
