import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Two independent apps, each built with its own absolute base because the API serves them under
// different prefixes: `vite build --mode admin` -> dist/admin (/admin/), `--mode graphiql` -> dist/graphiql (/graphiql/).
const apps = {
  admin: { root: 'src/web', base: '/admin/' },
  graphiql: { root: 'src/graphiql', base: '/graphiql/' },
} as const;

// The dev server proxies the API so `pnpm dev` works against a locally running `@moim/api`.
const apiTarget = 'http://127.0.0.1:4000';

export default defineConfig(({ mode }) => {
  const app = mode === 'graphiql' ? apps.graphiql : apps.admin;
  const name = mode === 'graphiql' ? 'graphiql' : 'admin';
  return {
    root: resolve(import.meta.dirname, app.root),
    base: app.base,
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'dist', name),
      emptyOutDir: true,
      chunkSizeWarningLimit: 6000,
      rolldownOptions: {
        // @moim/matching builds its lookup indexes at module load, which a bundler must keep unless told the modules
        // are pure; the console uses only its upload columns, so the vocabulary stays out of the bundle.
        treeshake: {
          moduleSideEffects: [{ test: /[\\/]packages[\\/]matching[\\/]src[\\/]/, sideEffects: false }],
        },
        // GraphiQL ships React-compiler output with "use no memo" directives; bundling drops them harmlessly.
        onLog(level, log, handler) {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
          handler(level, log);
        },
      },
    },
    server: {
      proxy: {
        '/graphql': apiTarget,
        '/admin/openings/import': apiTarget,
      },
    },
  };
});
