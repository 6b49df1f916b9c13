import { defineConfig } from 'vitest/config';
import { oneGraphqlInstance } from '../../tooling/vitest/one-graphql';

export default defineConfig({
  resolve: { alias: oneGraphqlInstance(import.meta.url) },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
