import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{server,domain,documents,contracts,cli,web/src}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['./server/test/global-setup.ts'],
    pool: 'forks',
  },
});
