import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql has no "exports" map: Node loads its CommonJS build for Apollo, while Vite would pick index.mjs
    // for the API source the browser test imports, and graphql refuses types from "another realm". One file for both.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // The browser test's cases share one page and run in order.
    sequence: { concurrent: false },
  },
});
