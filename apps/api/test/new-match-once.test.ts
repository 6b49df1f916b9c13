import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/env';
import { sweepOwedNewMatches } from '../src/modules/imports/owed-new-matches';
import { OpeningsService, prepareOpening } from '../src/modules/openings/service';
import { notifyNewMatches } from '../src/modules/team-loop/new-matches';
import { startApi, type InProcessApi } from '../src/testing';
import { createMember, opening, snowflake } from './support/fixtures';

const WATCHERS = 40;
const ROUNDS = 8;
const OPENINGS_PER_ROUND = 3;

let api: InProcessApi;
beforeAll(async () => {
  api = await startApi();
  // A threshold of 0: every opening is a match for every watcher.
  for (let i = 0; i < WATCHERS; i++) await createMember(api, { displayName: `구독자 ${i}`, discordId: snowflake(), notifyThreshold: 0 });
});
afterAll(async () => {
  await api?.close();
});

const scoreWeight = testConfig().scoreWeight;

async function newMatchPairs(openingIds: string[]) {
  return api.db.prisma.$queryRaw<{ opening_id: string; recipient_id: string; n: number }[]>`
    SELECT opening_id, recipient_id, count(*)::int AS n FROM notifications
    WHERE kind = 'NEW_MATCH' AND opening_id = ANY(${openingIds}::text[]) GROUP BY 1, 2`;
}

async function until(what: string, done: () => Promise<boolean>): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 30_000; ) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} did not happen within 30 s`);
}

describe('NEW_MATCH exactly once per (opening, member)', () => {
  it('two fan-outs of the same openings at once tell every watcher once, over many rounds', async () => {
    // Stored without a fan-out (no queue), so only the two runs below write NEW_MATCH.
    const loader = new OpeningsService(api.app.services.deps);
    for (let round = 0; round < ROUNDS; round++) {
      const stored = await loader.upsertPrepared(
        Array.from({ length: OPENINGS_PER_ROUND }, (_, i) => prepareOpening(opening({ title: `동시 알림 ${round}-${i}` }) as never)),
      );
      const ids = stored.map((s) => ('id' in s ? s.id : '')).filter(Boolean);
      const [a, b] = await Promise.all([0, 1].map(() => notifyNewMatches(api.app.services.deps, scoreWeight, ids)));
      const pairs = await newMatchPairs(ids);
      expect(pairs.filter((p) => p.n !== 1), `round ${round}`).toEqual([]);
      expect(pairs.length, `round ${round}`).toBe(OPENINGS_PER_ROUND * WATCHERS);
      // Each row was written by exactly one of the two runs.
      expect(a! + b!, `round ${round}`).toBe(pairs.length);
      // A retry after both writes nothing.
      expect(await notifyNewMatches(api.app.services.deps, scoreWeight, ids)).toBe(0);
    }
  });

  it('an opening whose fan-out job was never queued (the process died after the commit) is fanned out by the sweep', async () => {
    const lost = new OpeningsService(api.app.services.deps, {
      send: () => Promise.reject(new Error('the process died before queueing the job')),
    });
    const created = await lost.create({ kind: 'admin' }, opening({ title: '잃어버린 알림' }) as never);
    const owed = () => api.db.prisma.opening.findUniqueOrThrow({ where: { id: created.id }, select: { newMatchesPending: true } });
    expect(await owed()).toEqual({ newMatchesPending: true });
    expect(await newMatchPairs([created.id])).toEqual([]);

    // Not yet owed for long enough: left alone.
    const resentAt = new Map<string, number>();
    expect(await sweepOwedNewMatches(api.db.prisma, api.app.services.queue, resentAt)).toBe(0);
    // Owed (any age): queued on the app's job queue, fanned out, the mark cleared.
    expect(await sweepOwedNewMatches(api.db.prisma, api.app.services.queue, resentAt, 0)).toBe(1);
    await until('the swept fan-out', async () => !(await owed()).newMatchesPending);
    const pairs = await newMatchPairs([created.id]);
    expect(pairs.length).toBe(WATCHERS);
    expect(pairs.every((p) => p.n === 1)).toBe(true);
    // Nothing is owed any more.
    expect(await sweepOwedNewMatches(api.db.prisma, api.app.services.queue, new Map(), 0)).toBe(0);
  });

  it('createOpening queues the fan-out as a job; the watchers are told once it has run', async () => {
    const r = await api.gql(`mutation($i: OpeningInput!) { createOpening(input: $i) { id } }`, { i: opening({ title: '작업으로 알림' }) }, api.adminKey);
    expect(r.body.errors).toBeUndefined();
    const id = r.body.data!.createOpening.id as string;
    await until('the fan-out job', async () => (await newMatchPairs([id])).length === WATCHERS);
    await until('the cleared mark', async () => !(await api.db.prisma.opening.findUniqueOrThrow({ where: { id } })).newMatchesPending);
    expect((await newMatchPairs([id])).every((p) => p.n === 1)).toBe(true);
  });
});
