import type { Prisma, PrismaClient } from './generated/prisma/client';

/**
 * openings.new_matches_pending: an opening owed its NEW_MATCH fan-out. Set in the transaction that creates it, cleared
 * once its notifications are written; a mark still set later means the fan-out was lost (a process died between the
 * commit and queueing it) and is queued again.
 */
export async function markNewMatchesOwed(tx: Pick<Prisma.TransactionClient, '$executeRaw'>, openingIds: readonly string[]): Promise<void> {
  if (openingIds.length === 0) return;
  await tx.$executeRaw`UPDATE openings SET new_matches_pending = true WHERE id = ANY(${[...openingIds]}::text[])`;
}

export async function clearNewMatchesOwed(prisma: Pick<PrismaClient, '$executeRaw'>, openingIds: readonly string[]): Promise<void> {
  if (openingIds.length === 0) return;
  await prisma.$executeRaw`UPDATE openings SET new_matches_pending = false WHERE id = ANY(${[...openingIds]}::text[]) AND new_matches_pending`;
}

/**
 * Openings marked at least `olderThanSeconds` after their creation, oldest first, at most `limit`. Marks older than
 * `staleAfterHours` are dropped first: that news is stale and nobody is told.
 */
export async function owedNewMatches(
  prisma: Pick<PrismaClient, '$executeRaw' | '$queryRaw'>,
  options: { olderThanSeconds: number; staleAfterHours: number; limit: number },
): Promise<string[]> {
  await prisma.$executeRaw`
    UPDATE openings SET new_matches_pending = false
    WHERE new_matches_pending AND created_at < (now() AT TIME ZONE 'UTC') - make_interval(hours => ${options.staleAfterHours}::int)`;
  const owed = await prisma.$queryRaw<{ id: string }[]>`
    SELECT id FROM openings
    WHERE new_matches_pending AND created_at <= (now() AT TIME ZONE 'UTC') - make_interval(secs => ${options.olderThanSeconds}::float8)
    ORDER BY created_at LIMIT ${options.limit}::int`;
  return owed.map((o) => o.id);
}
