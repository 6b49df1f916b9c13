import { defineConfig } from 'vitest/config';
import { oneGraphqlInstance } from '../../tooling/vitest/one-graphql';

export default defineConfig({
  resolve: { alias: oneGraphqlInstance(import.meta.url) },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // The browser test's cases share one page and run in order.
    sequence: { concurrent: false },
  },
});
