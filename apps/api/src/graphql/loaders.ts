import DataLoader from 'dataloader';
import type { ApplicationModel, MemberModel, OpeningModel, PrismaClient } from '@moim/db';

export interface OpeningCounts {
  accepted: number;
  total: number;
}

/** Per-request batch loaders: one query per kind of lookup per tick, whatever the result size. */
export function createLoaders(prisma: PrismaClient) {
  const byIds = <T extends { id: string }>(rows: T[], ids: readonly string[]): (T | null)[] => {
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  };
  const grouped = <T>(rows: T[], key: (r: T) => string, ids: readonly string[]): T[][] => {
    const map = new Map<string, T[]>();
    for (const r of rows) {
      const k = key(r);
      const list = map.get(k);
      if (list) list.push(r);
      else map.set(k, [r]);
    }
    return ids.map((id) => map.get(id) ?? []);
  };
  return {
    member: new DataLoader<string, MemberModel | null>(async (ids) =>
      byIds(await prisma.member.findMany({ where: { id: { in: [...ids] } } }), ids),
    ),
    opening: new DataLoader<string, OpeningModel | null>(async (ids) =>
      byIds(await prisma.opening.findMany({ where: { id: { in: [...ids] } } }), ids),
    ),
    applicationsByMember: new DataLoader<string, ApplicationModel[]>(async (ids) =>
      grouped(
        await prisma.application.findMany({ where: { memberId: { in: [...ids] } }, orderBy: { createdAt: 'asc' } }),
        (a) => a.memberId,
        ids,
      ),
    ),
    applicationsByOpening: new DataLoader<string, ApplicationModel[]>(async (ids) =>
      grouped(
        await prisma.application.findMany({ where: { openingId: { in: [...ids] } }, orderBy: { createdAt: 'asc' } }),
        (a) => a.openingId,
        ids,
      ),
    ),
    openingCounts: new DataLoader<string, OpeningCounts>(async (ids) => {
      const rows = await prisma.application.groupBy({
        by: ['openingId', 'status'],
        where: { openingId: { in: [...ids] } },
        _count: { _all: true },
      });
      const counts = new Map<string, OpeningCounts>();
      // Accepted invitations hold seats too (they are not applications, so `total` leaves them out).
      const seated = await prisma.invitation.groupBy({
        by: ['openingId'],
        where: { openingId: { in: [...ids] }, status: 'ACCEPTED' },
        _count: { _all: true },
      });
      for (const r of seated) counts.set(r.openingId, { accepted: r._count._all, total: 0 });
      for (const r of rows) {
        const c = counts.get(r.openingId) ?? { accepted: 0, total: 0 };
        c.total += r._count._all;
        if (r.status === 'ACCEPTED') c.accepted += r._count._all;
        counts.set(r.openingId, c);
      }
      return ids.map((id) => counts.get(id) ?? { accepted: 0, total: 0 });
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
