import { defineConfig } from 'vitest/config';
import { oneGraphqlInstance } from '../../tooling/vitest/one-graphql';

export default defineConfig({
  resolve: { alias: oneGraphqlInstance(import.meta.url) },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
