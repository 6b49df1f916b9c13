import { defineConfig } from 'vitest/config';
import { oneGraphqlInstance } from '../tooling/vitest/one-graphql';

export default defineConfig({
  resolve: { alias: oneGraphqlInstance(import.meta.url) },
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/support/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    // Each file starts a whole API; one at a time keeps a 2-core machine responsive.
    fileParallelism: false,
  },
});
