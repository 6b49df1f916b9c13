import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type GraphQLResponse, type InProcessApi } from '../src/testing';
import { createMember, opening } from './support/fixtures';

/*
 * Races that only PostgreSQL shows (PGlite runs one statement at a time): the racing requests are fired at once
 * over real HTTP, for many rounds, and the seat invariants are checked after each round.
 */

let api: InProcessApi;
beforeAll(async () => {
  api = await startApi();
  expect(api.db.kind).toBe('postgres');
});
afterAll(async () => {
  await api?.close();
});

const ROUNDS = Number(process.env.RACE_ROUNDS ?? 20);

const APPLY = `mutation($m: ID!, $o: ID!) { apply(memberId: $m, openingId: $o) { id status } }`;
const DECIDE = `mutation($id: ID!) { decideApplication(id: $id, accept: true) { id status } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawApplication(id: $id) { id status } }`;
const DELETE = `mutation($id: ID!) { deleteMember(id: $id) }`;
const IMPORT = `mutation($i: [OpeningInput!]!) { importOpenings(input: $i) { created updated failed { index field message } } }`;
const UPDATE = `mutation($id: ID!, $i: OpeningInput!) { updateOpening(id: $id, input: $i) { id capacity } }`;

type Response = GraphQLResponse<Record<string, any>>;

/** Starts `request` after 0–`spread` ms, so the rounds cover both orders of the racing requests. */
const jittered = <T>(spread: number, request: () => Promise<T>): Promise<T> =>
  new Promise((resolve, reject) => setTimeout(() => request().then(resolve, reject), Math.random() * spread));

/** No 500 and nothing unexplained: every error is a public code (the loser of a race gets a clear refusal). */
function expectClean(responses: Response[], label: string): void {
  for (const r of responses) {
    expect(r.status, `${label}: ${JSON.stringify(r.body)}`).toBeLessThan(500);
    for (const e of r.body.errors ?? []) {
      expect(e.extensions?.code, `${label}: ${JSON.stringify(e)}`).toBe('BAD_USER_INPUT');
    }
  }
}

const reasonOf = (r: Response) => r.body.errors?.[0]?.extensions?.reason;

/** acceptedCount ≤ capacity, and (unless CLOSED) FULL exactly when every seat is taken. */
async function expectSeatInvariants(openingId: string, label: string): Promise<{ accepted: number; capacity: number; status: string }> {
  const o = await api.db.prisma.opening.findUniqueOrThrow({ where: { id: openingId } });
  const accepted = await api.db.prisma.application.count({ where: { openingId, status: 'ACCEPTED' } });
  const state = { accepted, capacity: o.capacity, status: o.status };
  expect(accepted, `${label}: ${JSON.stringify(state)}`).toBeLessThanOrEqual(o.capacity);
  if (o.status !== 'CLOSED') expect(o.status, `${label}: ${JSON.stringify(state)}`).toBe(accepted >= o.capacity ? 'FULL' : 'OPEN');
  return state;
}

async function importOpening(externalId: string, capacity: number): Promise<string> {
  const r = await api.gql(IMPORT, { i: [opening({ externalId, capacity })] }, api.adminKey);
  expect(r.body.errors).toBeUndefined();
  return (await api.db.prisma.opening.findUniqueOrThrow({ where: { externalId } })).id;
}

async function applyAll(memberIds: string[], openingId: string): Promise<string[]> {
  const rs = await Promise.all(memberIds.map((m) => api.gql(APPLY, { m, o: openingId }, api.adminKey)));
  return rs.map((r) => r.body.data!.apply.id);
}

describe('seat races on PostgreSQL', () => {
  it('re-importing an opening with a lower capacity while accepts run never overfills it', async () => {
    const members = await Promise.all([0, 1, 2, 3, 4].map((i) => createMember(api, { displayName: `재가져오기${i}` })));
    let importsRefused = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const externalId = `race-import-${round}`;
      const openingId = await importOpening(externalId, 5);
      const apps = await applyAll(members.map((m) => m.id), openingId);
      // The import validates and embeds first: give the accepts a head start of 0–60 ms or none.
      const spread = round % 2 === 0 ? 60 : 0;
      const [reimport, ...accepts] = await Promise.all([
        api.gql(IMPORT, { i: [opening({ externalId, capacity: 1 })] }, api.adminKey),
        ...apps.map((id) => jittered(spread, () => api.gql(DECIDE, { id }, api.adminKey))),
      ]);
      expectClean([reimport!, ...accepts], `round ${round}`);
      const state = await expectSeatInvariants(openingId, `round ${round}`);
      const report = reimport!.body.data!.importOpenings;
      if (report.updated === 1) {
        expect(state.capacity).toBe(1);
      } else {
        importsRefused++;
        expect(report.failed).toMatchObject([{ index: 0, field: 'capacity' }]);
        expect(state.capacity).toBe(5);
      }
      // A loser finds the opening full, or its application already withdrawn by the accept that filled it.
      for (const a of accepts) {
        if (a.body.errors) expect(reasonOf(a) === 'OPENING_FULL' || /WITHDRAWN/.test(a.body.errors[0]!.message), JSON.stringify(a.body)).toBe(true);
      }
    }
    console.log(`[races] re-import vs accepts: ${ROUNDS} rounds, the lower capacity was refused (accepts first) in ${importsRefused}`);
  });

  it('deleting a member while their application is being accepted leaves a consistent opening', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const m = await createMember(api, { displayName: `삭제${round}` });
      const openingId = await importOpening(`race-delete-${round}`, 1);
      const [appId] = await applyAll([m.id], openingId);
      const [accept, del] = await Promise.all([jittered(5, () => api.gql(DECIDE, { id: appId }, api.adminKey)), jittered(5, () => api.gql(DELETE, { id: m.id }, api.adminKey))]);
      expectClean([accept!, del!], `round ${round}`);
      expect(del!.body.data!.deleteMember).toBe(true);
      if (accept!.body.errors) expect(reasonOf(accept!)).toBe('NOT_FOUND');
      const state = await expectSeatInvariants(openingId, `round ${round}`);
      expect(state).toMatchObject({ accepted: 0, status: 'OPEN' });
    }
  });

  it('apply racing deleteMember: the loser gets NOT_FOUND, never a foreign-key 500', async () => {
    const openingId = await importOpening('race-apply-delete', 50);
    let notFound = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const m = await createMember(api, { displayName: `지원삭제${round}` });
      const [apply, del] = await Promise.all([jittered(5, () => api.gql(APPLY, { m: m.id, o: openingId }, api.adminKey)), jittered(5, () => api.gql(DELETE, { id: m.id }, api.adminKey))]);
      expectClean([apply!, del!], `round ${round}`);
      if (apply!.body.errors) {
        notFound++;
        expect(reasonOf(apply!)).toBe('NOT_FOUND');
      }
      expect(await api.db.prisma.application.count({ where: { memberId: m.id } })).toBe(0);
      expect(await api.db.prisma.member.count({ where: { id: m.id } })).toBe(0);
    }
    console.log(`[races] apply vs deleteMember: ${ROUNDS} rounds, apply lost (NOT_FOUND) in ${notFound}`);
  });

  it('two imports of the same externalIds in opposite orders never deadlock and store each opening once', async () => {
    for (let round = 0; round < Math.ceil(ROUNDS / 2); round++) {
      const rows = Array.from({ length: 12 }, (_, i) => opening({ externalId: `race-order-${round}-${i}`, title: `순서 ${i}` }));
      const [a, b] = await Promise.all([
        api.gql(IMPORT, { i: rows }, api.adminKey),
        api.gql(IMPORT, { i: [...rows].reverse() }, api.adminKey),
      ]);
      expectClean([a!, b!], `round ${round}`);
      for (const r of [a!, b!]) expect(r.body.data!.importOpenings.created + r.body.data!.importOpenings.updated).toBe(rows.length);
      expect(await api.db.prisma.opening.count({ where: { externalId: { startsWith: `race-order-${round}-` } } })).toBe(rows.length);
    }
  });

  it('a storm of accepts, withdrawals, deletes and capacity changes on one opening keeps every invariant', async () => {
    const regulars = await Promise.all([0, 1, 2].map((i) => createMember(api, { displayName: `폭풍${i}` })));
    // Seven racing requests a round: half the rounds of the pairwise races cover as many interleavings.
    for (let round = 0; round < Math.ceil(ROUNDS / 2); round++) {
      // members[1] is deleted in the storm: a new one each round.
      const members = [regulars[0]!, await createMember(api, { displayName: `폭풍 삭제${round}` }), regulars[1]!, regulars[2]!];
      const externalId = `race-storm-${round}`;
      const openingId = await importOpening(externalId, 2);
      const apps = await applyAll(members.map((m) => m.id), openingId);
      await api.gql(DECIDE, { id: apps[0] }, api.adminKey);
      const responses = await Promise.all([
        ...apps.slice(1).map((id) => api.gql(DECIDE, { id }, api.adminKey)),
        api.gql(WITHDRAW, { id: apps[0] }, api.adminKey),
        api.gql(DELETE, { id: members[1]!.id }, api.botKey),
        api.gql(APPLY, { m: members[1]!.id, o: openingId }, api.adminKey),
        api.gql(IMPORT, { i: [opening({ externalId, capacity: 1 })] }, api.adminKey),
        api.gql(UPDATE, { id: openingId, i: opening({ externalId, capacity: 3 }) }, api.adminKey),
      ]);
      expectClean(responses, `round ${round}`);
      await expectSeatInvariants(openingId, `round ${round}`);
    }
  });
});
