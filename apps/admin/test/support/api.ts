// The real Moim API (@moim/api/testing) on a fresh PostgreSQL database, serving this package's build at /admin
// and /graphiql exactly as in production (MOIM_ADMIN_DIST pointed at this package's dist/).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startApi, type InProcessApi } from '@moim/api/testing';
import { adminDistDir, adminStaticDir, graphiqlStaticDir } from '../../src/server';

export async function startConsoleApi(): Promise<InProcessApi> {
  for (const dir of [adminStaticDir(), graphiqlStaticDir()]) {
    if (!existsSync(join(dir, 'index.html'))) {
      throw new Error(`${dir}/index.html is missing: run \`pnpm --filter @moim/admin build\` first (\`pnpm turbo run test --filter=@moim/admin\` does)`);
    }
  }
  return startApi({ adminDist: adminDistDir() });
}
