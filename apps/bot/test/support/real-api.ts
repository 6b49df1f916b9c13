import { randomBytes } from 'node:crypto';
import { createApp, testConfig, type App } from '@moim/api';
import { createTestDatabase } from '@moim/db/testing';
import { createGraphqlClient, type TypedDocument } from '@moim/graphql-client';
import { createGraphqlApi } from '../../src/api/moim-graphql-api';
import type { MoimApi } from '../../src/api/types';

/** An ad-hoc document for the admin operations below (the bot's own operations are generated). */
function doc<R = Record<string, unknown>, V = Record<string, unknown>>(source: string): TypedDocument<R, V> {
  return source;
}

export interface OpeningSeed {
  kind: 'PROJECT' | 'STUDY';
  title: string;
  region: string;
  stacks: string[];
  minExperienceYears: number;
  capacity: number;
  tags?: string[];
  description?: string;
  /** The member (by Discord id) who leads it. */
  leadDiscordId?: string;
}

export interface RealApi {
  url: string;
  botKey: string;
  api: MoimApi;
  app: App;
  /** ADMIN-only operations the bot never performs, for setting the scene. */
  admin: {
    createOpening(seed: OpeningSeed): Promise<string>;
    applicationIds(openingId: string): Promise<string[]>;
    decide(applicationId: string, accept: boolean): Promise<void>;
    openingStatus(openingId: string): Promise<string>;
  };
  close(): Promise<void>;
}

/** The real API (createApp from @moim/api) on a fresh PostgreSQL database, with a BOT key made through the API. */
export async function startRealApi(): Promise<RealApi> {
  const db = await createTestDatabase();
  const adminKey = `admin_${randomBytes(16).toString('hex')}`;
  let app: App;
  try {
    app = await createApp({
      config: testConfig({
        adminKey,
        databaseUrl: db.databaseUrl,
        logLevel: (process.env.MOIM_TEST_API_LOG as 'error' | undefined) ?? 'silent',
        rateLimitPerMinuteIp: 0,
        rateLimitPerMinuteKey: 0,
      }),
      db,
      serveAdmin: false,
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const base = await app.listen(0, '127.0.0.1');
  await app.ready;
  const url = `${base}/graphql`;
  const admin = createGraphqlClient({ url, apiKey: adminKey });
  const created = await admin.request(
    doc<{ createApiKey: { key: string } }>('mutation { createApiKey(name: "bot tests", role: BOT) { key } }'),
    {},
  );
  const botKey = created.createApiKey.key;

  return {
    url,
    botKey,
    app,
    api: createGraphqlApi({ url, apiKey: botKey }),
    admin: {
      async createOpening(seed) {
        const result = await admin.request(doc<{ createOpening: { id: string } }>(
          'mutation ($input: OpeningInput!) { createOpening(input: $input) { id } }',
        ), { input: { description: '', tags: [], ...seed } });
        return result.createOpening.id;
      },
      async applicationIds(openingId) {
        const result = await admin.request(doc<{ opening: { applications: { id: string }[] } }>(
          'query ($id: ID!) { opening(id: $id) { applications { id } } }',
        ), { id: openingId });
        return result.opening.applications.map((application) => application.id);
      },
      async decide(applicationId, accept) {
        await admin.request(doc('mutation ($id: ID!, $accept: Boolean!) { decideApplication(id: $id, accept: $accept) { id } }'), {
          id: applicationId,
          accept,
        });
      },
      async openingStatus(openingId) {
        const result = await admin.request(doc<{ opening: { status: string } }>('query ($id: ID!) { opening(id: $id) { status } }'), { id: openingId });
        return result.opening.status;
      },
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
