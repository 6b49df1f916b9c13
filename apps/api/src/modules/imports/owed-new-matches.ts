import { owedNewMatches, type PrismaClient } from '@moim/db';
import type { JobQueue } from '../../jobs/queue';

/**
 * A new opening still marked new_matches_pending this long after it was created lost its `new-matches` job (its
 * process died between the commit and queueing it) or the job failed. Long enough that a job still waiting behind
 * a large import's fan-outs is not queued a second time as a rule (a second run would write nothing twice).
 */
export const OWED_AFTER_SECONDS = 300;
/** Older than this, the news is stale: the mark is dropped and nobody is told. */
export const OWED_FOR_HOURS = 24;
const PER_SWEEP = 1000;
const PER_JOB = 200;

/**
 * Queues the NEW_MATCH fan-out again for openings that are owed one (every replica runs this now and then); at most
 * once per OWED_AFTER_SECONDS per opening from this process. Returns how many openings were queued.
 */
export async function sweepOwedNewMatches(
  prisma: PrismaClient,
  queue: Pick<JobQueue, 'send'>,
  resentAt: Map<string, number>,
  owedAfterSeconds = OWED_AFTER_SECONDS,
  now = Date.now(),
): Promise<number> {
  const owed = await owedNewMatches(prisma, { olderThanSeconds: owedAfterSeconds, staleAfterHours: OWED_FOR_HOURS, limit: PER_SWEEP });
  for (const [id, at] of resentAt) if (now - at > owedAfterSeconds * 1000) resentAt.delete(id);
  const due = owed.filter((id) => !resentAt.has(id));
  for (let i = 0; i < due.length; i += PER_JOB) {
    const openingIds = due.slice(i, i + PER_JOB);
    await queue.send('new-matches', { openingIds });
    for (const id of openingIds) resentAt.set(id, now);
  }
  return due.length;
}
