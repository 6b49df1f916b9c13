import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@moim/db/testing';
import { loadEmbedder, type Embedder } from '@moim/embedder';
import type { Logger } from 'pino';
import { createApp, type App } from '../../src/app';
import { testConfig, type ApiConfig } from '../../src/env';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[] };
}

export interface TestApi {
  app: App;
  db: TestDatabase;
  embedder: Embedder;
  url: string;
  adminKey: string;
  botKey: string;
  /** `headers`: extra request headers, e.g. `{ 'x-moim-acting-discord-id': … }` (see `as` in fixtures). */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, key?: string | null, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** A real API on a random port, a fresh PostgreSQL database and the shipped default model. */
export async function startTestApi(overrides: Partial<ApiConfig> = {}, options: { log?: Logger } = {}): Promise<TestApi> {
  const db = await createTestDatabase();
  const embedder = await loadEmbedder({ threads: 1 });
  const adminKey = `test-admin-${randomBytes(12).toString('hex')}`;
  const config = testConfig({ logLevel: 'error', adminKey, rateLimitPerMinuteIp: 0, rateLimitPerMinuteKey: 0, ...overrides });
  const app = await createApp({
    config,
    db,
    embedder,
    serveAdmin: false,
    ...(options.log ? { log: options.log } : {}),
    loadEmbedder: (modelDir) => loadEmbedder({ ...(modelDir ? { modelDir } : {}), threads: 1 }),
  });
  const url = await app.listen(0, '127.0.0.1');
  await app.ready;
  const botKey = (await app.services.apiKeys.create('test bot', 'BOT')).key;
  return {
    app,
    db,
    embedder,
    url,
    adminKey,
    botKey,
    async gql(query, variables, key, headers) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as never };
    },
    async close() {
      await app.close();
      await embedder.close();
      await db.close();
    },
  };
}
