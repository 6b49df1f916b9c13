// The real Moim API (apps/api) on a fresh PostgreSQL database, serving this package's build at /admin and
// /graphiql exactly as in production. Loaded by path on purpose: @moim/api depends on @moim/admin, and declaring
// the reverse dependency would make a workspace cycle that turbo refuses. The import is untyped (the small
// interface below) so this package's typecheck does not need apps/api's generated GraphQL types.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@moim/db/testing';
import { adminStaticDir, graphiqlStaticDir } from '../../src/server';

const API_ENTRY = join(import.meta.dirname, '../../../api/src/index.ts');

/** What this test uses of @moim/api's createApp (apps/api/src/app.ts). */
interface ApiApp {
  ready: Promise<void>;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  services: { apiKeys: { create(name: string, role: 'ADMIN' | 'BOT'): Promise<{ key: string }> } };
}
interface ApiModule {
  testConfig(overrides: Record<string, unknown>): unknown;
  createApp(options: { config: unknown; db: TestDatabase }): Promise<ApiApp>;
}

export interface RunningApi {
  app: ApiApp;
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
  const { createApp, testConfig } = (await import(/* @vite-ignore */ API_ENTRY)) as ApiModule;
  const db = await createTestDatabase();
  try {
    const adminKey = `admin-console-test-${randomBytes(12).toString('hex')}`;
    const config = testConfig({
      databaseUrl: db.databaseUrl,
      adminKey,
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
