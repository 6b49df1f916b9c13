import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ackNotifications, claimNotifications, insertNotifications, recentNotifications, type ClaimedNotification } from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { seedMembers } from './seeded';

const MEMBERS = 20;
const CLAIMERS = 4;

describe('notifications outbox (PostgreSQL, concurrent claimers)', () => {
  let db: TestDatabase;
  let memberIds: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: CLAIMERS + 2 });
    memberIds = await seedMembers(db, 'nm', MEMBERS);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function seed(count: number, round: number): Promise<string[]> {
    return db.prisma.$transaction((tx) =>
      insertNotifications(
        tx,
        Array.from({ length: count }, (_, i) => ({
          kind: 'APPLICATION_RECEIVED' as const,
          recipientId: memberIds[i % MEMBERS]!,
          payload: { round, n: i },
        })),
      ),
    );
  }

  it('commits rows with the caller\'s transaction and rolls them back with it', async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await insertNotifications(tx, [{ kind: 'NEW_MATCH', recipientId: memberIds[0]!, payload: { openingId: 'x' } }]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.prisma.notification.count()).toBe(0);
    const [id] = await seed(1, -1);
    const recent = await recentNotifications(db, memberIds[0]!, 5);
    expect(recent.map((r) => r.id)).toEqual([id]);
    expect(recent[0]!.payload).toEqual({ round: -1, n: 0 });
    await ackNotifications(db, [id!]);
  });

  it('never gives a row to two claimers while leased, over many rounds; every row is delivered once', async () => {
    for (let round = 0; round < 8; round++) {
      const ids = new Set(await seed(150, round));
      const claimedBy = new Map<string, number>();
      const duplicates: string[] = [];
      await Promise.all(
        Array.from({ length: CLAIMERS }, async (_, claimer) => {
          for (;;) {
            const batch = await claimNotifications(db, { limit: 1 + ((claimer * 7 + round) % 9), leaseSeconds: 60 });
            if (batch.length === 0) return;
            for (const row of batch) {
              if (claimedBy.has(row.id)) duplicates.push(row.id);
              claimedBy.set(row.id, claimer);
              expect(row.leaseUntil.getTime()).toBeGreaterThan(row.claimedAt.getTime());
            }
            // Half of the claimers acknowledge at once; the others leave the rows leased (a slow bot).
            if (claimer % 2 === 0) await ackNotifications(db, batch.map((r) => r.id));
          }
        }),
      );
      expect(duplicates, `round ${round}`).toEqual([]);
      expect([...claimedBy.keys()].sort(), `round ${round}`).toEqual([...ids].sort());
      expect(new Set(claimedBy.values()).size, `round ${round}: claims were shared out`).toBeGreaterThan(1);
      // The leased, unacknowledged rows stay with their claimer until the lease ends.
      expect(await claimNotifications(db, { limit: 100, leaseSeconds: 60 })).toEqual([]);
      const unacked = [...claimedBy].filter(([, c]) => c % 2 === 1).map(([id]) => id);
      expect((await ackNotifications(db, unacked)).sort()).toEqual(unacked.sort());
    }
    expect(await db.prisma.notification.count({ where: { deliveredAt: null } })).toBe(0);
  });

  it('gives an unacknowledged row back after its lease, never before, over many rounds', async () => {
    const ids = new Set(await seed(60, 100));
    const claims = new Map<string, ClaimedNotification[]>();
    const delivered = new Set<string>();
    const deadline = Date.now() + 30_000;
    // Claimers with a short lease; each acknowledges only every third row it gets (the others "crash").
    await Promise.all(
      Array.from({ length: CLAIMERS }, async (_, claimer) => {
        let seen = 0;
        while (delivered.size < ids.size && Date.now() < deadline) {
          const batch = await claimNotifications(db, { limit: 5, leaseSeconds: 0.25 });
          for (const row of batch) {
            const list = claims.get(row.id) ?? [];
            list.push(row);
            claims.set(row.id, list);
          }
          const keep = batch.filter(() => seen++ % 3 === claimer % 3);
          for (const id of await ackNotifications(db, keep.map((r) => r.id))) delivered.add(id);
          if (batch.length === 0) await new Promise((r) => setTimeout(r, 50));
        }
      }),
    );
    expect(delivered.size).toBe(ids.size);
    let redelivered = 0;
    for (const [id, list] of claims) {
      const ordered = [...list].sort((a, b) => a.claimedAt.getTime() - b.claimedAt.getTime());
      for (let i = 1; i < ordered.length; i++) {
        // The next claim of a row only happens once the previous lease is over.
        expect(ordered[i]!.claimedAt.getTime(), id).toBeGreaterThanOrEqual(ordered[i - 1]!.leaseUntil.getTime());
        expect(ordered[i]!.claimCount).toBe(ordered[i - 1]!.claimCount + 1);
      }
      if (ordered.length > 1) redelivered++;
    }
    expect(redelivered).toBeGreaterThan(0);
  });

  it('acknowledges each row once and validates its arguments', async () => {
    const [id] = await seed(1, 200);
    expect(await ackNotifications(db, [id!, 'no-such-id'])).toEqual([id]);
    expect(await ackNotifications(db, [id!])).toEqual([]);
    await expect(claimNotifications(db, { limit: 0, leaseSeconds: 5 })).rejects.toThrow(/limit/);
    await expect(claimNotifications(db, { limit: 5, leaseSeconds: 0 })).rejects.toThrow(/leaseSeconds/);
  });
});
