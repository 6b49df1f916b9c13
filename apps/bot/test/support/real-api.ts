import { startApi } from '@moim/api/testing';
import { createGraphqlClient, type TypedDocument } from '@moim/graphql-client';
import { createGraphqlApi } from '../../src/api/moim-graphql-api';
import type { MoimApi, OpeningKind } from '../../src/api/types';

/** An ad-hoc document for the admin operations below (the bot's own operations are generated). */
function doc<R = Record<string, unknown>, V = Record<string, unknown>>(source: string): TypedDocument<R, V> {
  return source;
}

export interface OpeningSeed {
  kind: OpeningKind;
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
  /** ADMIN-only operations the bot never performs, for setting the scene. */
  admin: {
    createOpening(seed: OpeningSeed): Promise<string>;
    applicationIds(openingId: string): Promise<string[]>;
    decide(applicationId: string, accept: boolean): Promise<void>;
    openingStatus(openingId: string): Promise<string>;
    closeOpening(openingId: string): Promise<void>;
    /** The DM language the API keeps for the member with this Discord id. */
    memberLocale(discordId: string): Promise<string | null>;
  };
  close(): Promise<void>;
}

/** The real API (@moim/api/testing, in this process) on a fresh PostgreSQL database, with its BOT key. */
export async function startRealApi(): Promise<RealApi> {
  const running = await startApi({ logLevel: (process.env.MOIM_TEST_API_LOG as 'error' | undefined) ?? 'silent' });
  const url = `${running.url}/graphql`;
  const admin = createGraphqlClient({ url, apiKey: running.adminKey });
  const { botKey } = running;

  return {
    url,
    botKey,
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
      async closeOpening(openingId) {
        await admin.request(doc('mutation ($id: ID!) { closeOpening(id: $id) { id } }'), { id: openingId });
      },
      async memberLocale(discordId) {
        const result = await admin.request(doc<{ memberByDiscordId: { locale: string | null } | null }>(
          'query ($d: String!) { memberByDiscordId(discordId: $d) { locale } }',
        ), { d: discordId });
        return result.memberByDiscordId?.locale ?? null;
      },
    },
    close: running.close,
  };
}
