// The real Moim API (@moim/api) on a fresh PostgreSQL database, serving this package's build at /admin and
// /graphiql exactly as in production (MOIM_ADMIN_DIST pointed at this package's dist/).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, testConfig, type App } from '@moim/api';
import { createTestDatabase, type TestDatabase } from '@moim/db/testing';
import { adminDistDir, adminStaticDir, graphiqlStaticDir } from '../../src/server';

export interface RunningApi {
  app: App;
  db: TestDatabase;
  url: string;
  adminKey: string;
  botKey: string;
  close(): Promise<void>;
}

export async function startApi(): Promise<RunningApi> {
  for (const dir of [adminStaticDir(), graphiqlStaticDir()]) {
    if (!existsSync(join(dir, 'index.html'))) {
      throw new Error(`${dir}/index.html is missing: run \`pnpm --filter @moim/admin build\` first (\`pnpm turbo run test --filter=@moim/admin\` does)`);
    }
  }
  const db = await createTestDatabase();
  try {
    const adminKey = `admin-console-test-${randomBytes(12).toString('hex')}`;
    const config = testConfig({
      databaseUrl: db.databaseUrl,
      adminKey,
      adminDist: adminDistDir(),
      embedThreads: 1,
      rateLimitPerMinuteIp: 0,
      rateLimitPerMinuteKey: 0,
    });
    const app = await createApp({ config, db });
    const url = await app.listen(0, '127.0.0.1');
    await app.ready;
    const botKey = (await app.services.apiKeys.create('admin console test bot', 'BOT')).key;
    return {
      app,
      db,
      url,
      adminKey,
      botKey,
      close: async () => {
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
