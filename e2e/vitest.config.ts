import { defineConfig } from 'vitest/config';

// Browser tests: the built app (dist/) in Debian's Chromium; run by npm run test:e2e.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: 'out/test-results/e2e.json' }]],
  },
});
