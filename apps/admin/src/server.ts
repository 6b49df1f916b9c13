// Node-side entry of @moim/admin: where the built console and GraphQL IDE live. The API serves them
// (MOIM_ADMIN_DIST, default this package's dist/), so it needs only the folder, not this package.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** Absolute path of this package's build folder, holding admin/ and graphiql/ (the API's MOIM_ADMIN_DIST default). */
export function adminDistDir(): string {
  return join(packageRoot, 'dist');
}

/** Absolute path of the built admin console (`pnpm --filter @moim/admin build`), served at /admin/. */
export function adminStaticDir(): string {
  return join(adminDistDir(), 'admin');
}

/** Absolute path of the built offline GraphiQL IDE, served at /graphiql/. */
export function graphiqlStaticDir(): string {
  return join(adminDistDir(), 'graphiql');
}
