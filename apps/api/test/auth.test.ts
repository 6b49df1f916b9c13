import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type InProcessApi } from '../src/testing';
import { createMember, createOpening, errorOf, opening, tableCounts } from './support/fixtures';

let api: InProcessApi;
let ids: { opening: string; member: string } | undefined;
beforeAll(async () => {
  api = await startApi();
  ids = { opening: (await createOpening(api)).id, member: (await createMember(api)).id };
});
afterAll(async () => {
  await api?.close();
});

/**
 * Every admin-only operation, with valid arguments (so only the key decides). Opening writes are ADMIN or the acting
 * lead: test/team-authorization.test.ts tries them with BOT keys acting as someone else.
 */
const adminOps = (): [string, string, Record<string, unknown>][] => [
  ['importOpenings', `mutation($i: [OpeningInput!]!) { importOpenings(input: $i) { created } }`, { i: [opening({ externalId: 'auth-imp' })] }],
  ['formTeams', `query($ids: [ID!]!) { formTeams(kind: PROJECT, memberIds: $ids) { totalScore } }`, { ids: [ids?.member] }],
  ['importJob', `query { importJob(id: "x") { id } }`, {}],
  ['importJobs', `query { importJobs { id } }`, {}],
  ['apiKeys', `query { apiKeys { id } }`, {}],
  ['createApiKey', `mutation { createApiKey(name: "x", role: ADMIN) { key } }`, {}],
  ['revokeApiKey', `mutation { revokeApiKey(id: "x") }`, {}],
  ['startReembed', `mutation { startReembed { id } }`, {}],
  ['reembedJob', `query { reembedJob(id: "x") { id } }`, {}],
];

/** BOT-or-ADMIN writes: refused for anonymous callers. */
const writerOps = (): [string, string, Record<string, unknown>][] => [
  ['upsertMember', `mutation { upsertMember(input: { displayName: "a", region: "서울", experienceYears: 1, stacks: ["Java"] }) { id } }`, {}],
  ['deleteMember', `mutation($id: ID!) { deleteMember(id: $id) }`, { id: ids?.member }],
  ['apply', `mutation($m: ID!, $o: ID!) { apply(memberId: $m, openingId: $o) { id } }`, { m: ids?.member, o: ids?.opening }],
  ['decideApplication', `mutation { decideApplication(id: "x", accept: true) { id } }`, {}],
  ['withdrawApplication', `mutation { withdrawApplication(id: "x") { id } }`, {}],
];

describe('auth matrix', () => {
  it.each(adminOps().map(([name]) => name))('%s: UNAUTHENTICATED without a key, FORBIDDEN with a BOT key, nothing changed', async (name) => {
    const [, query, variables] = adminOps().find(([n]) => n === name)!;
    const before = await tableCounts(api);
    const anon = errorOf(await api.gql(query, variables));
    expect(anon.code).toBe('UNAUTHENTICATED');
    expect(anon.message).toContain(name);
    const bot = errorOf(await api.gql(query, variables, api.botKey));
    expect(bot.code).toBe('FORBIDDEN');
    expect(bot.message).toContain('ADMIN');
    expect(await tableCounts(api)).toEqual(before);
    expect((await api.db.prisma.opening.findUniqueOrThrow({ where: { id: ids!.opening } })).title).not.toBe('바뀜');
  });

  it.each(writerOps().map(([name]) => name))('%s: UNAUTHENTICATED without a key, nothing changed', async (name) => {
    const [, query, variables] = writerOps().find(([n]) => n === name)!;
    const before = await tableCounts(api);
    expect(errorOf(await api.gql(query, variables)).code).toBe('UNAUTHENTICATED');
    expect(await tableCounts(api)).toEqual(before);
  });

  it('a wrong, malformed or revoked key is UNAUTHENTICATED with HTTP 401, even for reads', async () => {
    const wrong = await api.gql(`{ vocabulary { regions } }`, {}, 'moim_not-a-real-key');
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong).code).toBe('UNAUTHENTICATED');
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(res.status).toBe(401);
    const created = await api.gql(`mutation { createApiKey(name: "temp bot", role: BOT) { key apiKey { id role } } }`, {}, api.adminKey);
    const { key, apiKey } = created.body.data!.createApiKey;
    expect((await api.gql(`{ viewer { role keyName } }`, {}, key)).body.data!.viewer).toEqual({ role: 'BOT', keyName: 'temp bot' });
    const stored = await api.db.prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(stored.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.keyHash).not.toContain(key);
    expect((await api.gql(`mutation($id: ID!) { revokeApiKey(id: $id) }`, { id: apiKey.id }, api.adminKey)).body.data!.revokeApiKey).toBe(true);
    expect((await api.gql(`{ viewer { role } }`, {}, key)).status).toBe(401);
  });

  it('anonymous callers can read; keys are reported by viewer', async () => {
    expect((await api.gql(`{ viewer { role } }`)).body.data!.viewer.role).toBe('ANONYMOUS');
    expect((await api.gql(`{ viewer { role } }`, {}, api.botKey)).body.data!.viewer.role).toBe('BOT');
    expect((await api.gql(`{ viewer { role } }`, {}, api.adminKey)).body.data!.viewer.role).toBe('ADMIN');
    const r = await api.gql(`query($id: ID!) { opening(id: $id) { id } }`, { id: ids?.opening });
    expect(r.body.data!.opening.id).toBe(ids?.opening);
  });
});
