import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertNotifications, type NotificationInput } from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { seedMembers } from './seeded';

const MEMBERS = 30;
const OPENINGS = 4;
const WRITERS = 4;
const ROUNDS = 12;

describe('NEW_MATCH is written once per (opening, member) (PostgreSQL, concurrent writers)', () => {
  let db: TestDatabase;
  let memberIds: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: WRITERS + 2 });
    memberIds = await seedMembers(db, 'nw', MEMBERS);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function openings(round: number): Promise<string[]> {
    const ids = Array.from({ length: OPENINGS }, (_, i) => `nwo-${round}-${i}`);
    await db.prisma.opening.createMany({
      data: ids.map((id) => ({ id, kind: 'STUDY' as const, title: id, region: '서울특별시', stacks: ['Java'], minExperienceYears: 0, capacity: 3, sentence: id })),
    });
    return ids;
  }

  const newMatch = (openingId: string, recipientId: string, writer: number): NotificationInput => ({
    kind: 'NEW_MATCH',
    recipientId,
    openingId,
    payload: { openingId, writer },
  });

  it('keeps one row per pair when several transactions write overlapping fan-outs at once, over many rounds', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const ids = await openings(round);
      // Every writer tells every member of every opening, each in its own order and its own transaction.
      const written = await Promise.all(
        Array.from({ length: WRITERS }, (_, writer) => {
          const rows = ids.flatMap((o) => memberIds.map((m) => newMatch(o, m, writer)));
          const shift = (writer * 37 + round * 11) % rows.length;
          return db.prisma.$transaction((tx) => insertNotifications(tx, [...rows.slice(shift), ...rows.slice(0, shift)]));
        }),
      );
      const pairs = await db.prisma.$queryRaw<{ opening_id: string; recipient_id: string; n: number }[]>`
        SELECT opening_id, recipient_id, count(*)::int AS n FROM notifications
        WHERE kind = 'NEW_MATCH' AND opening_id = ANY(${ids}::text[]) GROUP BY 1, 2`;
      expect(pairs.length, `round ${round}`).toBe(OPENINGS * MEMBERS);
      expect(pairs.filter((p) => p.n !== 1), `round ${round}`).toEqual([]);
      // The ids returned are the rows written: together, exactly one per pair.
      expect(written.flat().length, `round ${round}`).toBe(OPENINGS * MEMBERS);
    }
  });

  it('skips a pair already told within one call too, and leaves other kinds alone', async () => {
    const [o] = await openings(ROUNDS);
    const twice = await db.prisma.$transaction((tx) => insertNotifications(tx, [newMatch(o!, memberIds[0]!, 0), newMatch(o!, memberIds[0]!, 1)]));
    expect(twice).toHaveLength(1);
    const again = await db.prisma.$transaction((tx) => insertNotifications(tx, [newMatch(o!, memberIds[0]!, 2), newMatch(o!, memberIds[1]!, 2)]));
    expect(again).toHaveLength(1);
    const stored = await db.prisma.notification.findMany({ where: { openingId: o!, recipientId: memberIds[0]! } });
    expect(stored.map((n) => (n.payload as { writer: number }).writer)).toEqual([0]);
    const other = { kind: 'APPLICATION_RECEIVED' as const, recipientId: memberIds[0]!, openingId: o!, payload: { openingId: o! } };
    expect(await db.prisma.$transaction((tx) => insertNotifications(tx, [other, other]))).toHaveLength(2);
  });
});
