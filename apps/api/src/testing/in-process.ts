import { createTestDatabase, type TestDatabase } from '@moim/db/testing';
import { loadEmbedder, type Embedder } from '@moim/embedder';
import type { Logger } from 'pino';
import { createApp, testConfig, type ApiConfig, type App } from '../index';
import { graphqlOver, randomKey, type Gql } from './graphql';

export interface InProcessApi {
  app: App;
  db: TestDatabase;
  embedder: Embedder;
  url: string;
  adminKey: string;
  botKey: string;
  gql: Gql;
  close(): Promise<void>;
}

export interface InProcessOptions {
  /** The API's log (default: one at the config's level, `error` unless `config.logLevel` says otherwise). */
  log?: Logger;
}

/**
 * The real API in this process on a random port: a fresh PostgreSQL database (dropped on close), the shipped
 * model (one thread), an admin key and a BOT key. Rate limits are off unless `config` sets them. /admin and
 * /graphiql are served only when `config.adminDist` is given.
 */
export async function startApi(config: Partial<ApiConfig> = {}, options: InProcessOptions = {}): Promise<InProcessApi> {
  const db = await createTestDatabase();
  let embedder: Embedder | undefined;
  let app: App | undefined;
  try {
    embedder = await loadEmbedder({ threads: 1 });
    const adminKey = config.adminKey ?? randomKey('test-admin');
    app = await createApp({
      config: testConfig({
        logLevel: 'error',
        rateLimitPerMinuteIp: 0,
        rateLimitPerMinuteKey: 0,
        ...config,
        adminKey,
        databaseUrl: db.databaseUrl,
      }),
      db,
      embedder,
      serveAdmin: config.adminDist !== undefined,
      ...(options.log ? { log: options.log } : {}),
      loadEmbedder: (modelDir) => loadEmbedder({ ...(modelDir ? { modelDir } : {}), threads: 1 }),
    });
    const url = await app.listen(0, '127.0.0.1');
    await app.ready;
    const gql = graphqlOver(url);
    // Not over HTTP: that would spend a request of the admin key's rate limit, which some tests count.
    const botKey = (await app.services.apiKeys.create('test bot', 'BOT')).key;
    const running = { app, embedder };
    return {
      app,
      db,
      embedder,
      url,
      adminKey,
      botKey,
      gql,
      async close() {
        await running.app.close();
        await running.embedder.close();
        await db.close();
      },
    };
  } catch (error) {
    await app?.close();
    await embedder?.close();
    await db.close();
    throw error;
  }
}
