import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // journey.test.ts runs the API in this process: Apollo (loaded natively) gets graphql's CommonJS entry, and
    // graphql refuses to mix two instances, so every import of `graphql` uses Node's resolution.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/support/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    // Each file starts a whole API; one at a time keeps a 2-core machine responsive.
    fileParallelism: false,
  },
});
