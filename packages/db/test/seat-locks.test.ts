import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedCountsByExternalId, lockInvitation, lockOpening, refreshSeatStatus, seatsTaken, withdrawPendingSeatRequests } from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';

describe('seats count accepted applications and accepted invitations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.member.createMany({
      data: ['s1', 's2', 's3', 's4'].map((id) => ({ id, displayName: id, region: '서울특별시', experienceYears: 1, stacks: ['Java'], sentence: id })),
    });
    await db.prisma.opening.create({
      data: { id: 'o1', externalId: 'x1', kind: 'PROJECT', title: 't', region: '서울특별시', stacks: ['Java'], minExperienceYears: 0, capacity: 2, sentence: 'o1' },
    });
    await db.prisma.application.createMany({ data: [{ id: 'a1', memberId: 's1', openingId: 'o1', status: 'ACCEPTED' }, { id: 'a2', memberId: 's2', openingId: 'o1' }] });
    await db.prisma.invitation.createMany({ data: [{ id: 'i3', memberId: 's3', openingId: 'o1', status: 'ACCEPTED' }, { id: 'i4', memberId: 's4', openingId: 'o1' }] });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('counts both kinds of seat, fills the opening and withdraws what is pending', async () => {
    const result = await db.prisma.$transaction(async (tx) => {
      expect(await lockOpening(tx, 'o1', 'UPDATE')).toEqual({ status: 'OPEN' });
      expect(await lockInvitation(tx, 'i4')).toBe(true);
      expect(await lockInvitation(tx, 'nope')).toBe(false);
      expect(await seatsTaken(tx, ['o1'])).toEqual(new Map([['o1', 2]]));
      expect(await acceptedCountsByExternalId(tx, ['o1'])).toEqual(new Map([['x1', 2]]));
      await refreshSeatStatus(tx, ['o1']);
      return withdrawPendingSeatRequests(tx, 'o1');
    });
    expect(result).toEqual({ applications: [{ id: 'a2', memberId: 's2' }], invitations: [{ id: 'i4', memberId: 's4' }] });
    expect((await db.prisma.opening.findUniqueOrThrow({ where: { id: 'o1' } })).status).toBe('FULL');
    expect((await db.prisma.invitation.findUniqueOrThrow({ where: { id: 'i4' } })).status).toBe('WITHDRAWN');
    expect((await db.prisma.application.findUniqueOrThrow({ where: { id: 'a2' } })).status).toBe('WITHDRAWN');
    await db.prisma.invitation.update({ where: { id: 'i3' }, data: { status: 'WITHDRAWN' } });
    await db.prisma.$transaction((tx) => refreshSeatStatus(tx, ['o1']));
    expect((await db.prisma.opening.findUniqueOrThrow({ where: { id: 'o1' } })).status).toBe('OPEN');
  });
});
