import { clearNewMatchesOwed, DEFAULT_FAN_OUT_POOL, insertNotifications, newMatchCandidates, type NotificationInput, type ReferenceBound } from '@moim/db';
import { BONUS_CAP, REMOTE_REGION, STACKS, stackSimilarity, type Stack } from '@moim/matching';
import { blendScore, criteriaOf, profileOf } from '../../common/scoring';
import type { ServiceDeps } from '../service-deps';

/** Openings per fan-out query (the import path calls it once per committed chunk). */
const OPENINGS_PER_QUERY = 200;
const ROWS_PER_INSERT = 5000;

/** The best related-stack term of the reference score (docs/matching.md §3: related stacks score 0.75). */
const RELATED_STACK_TERM = 0.75;

/**
 * What bounds a member's reference score for this opening, for the fan-out's tail (see ReferenceBound in @moim/db):
 * the opening's stacks, the stacks related to one of them, its region (null when remote: every region matches),
 * its minimum years, and the bonus cap. `test/match-fan-out.test.ts` in @moim/db checks the bound against
 * referenceScore itself.
 */
export function referenceBoundOf(opening: { stacks: readonly string[]; region: string; minExperienceYears: number }): ReferenceBound {
  const exact = new Set(opening.stacks);
  return {
    exactStacks: [...exact],
    relatedStacks: STACKS.filter((candidate) => !exact.has(candidate) && opening.stacks.some((wanted) => stackSimilarity(candidate, wanted as Stack) > 0)),
    relatedWeight: RELATED_STACK_TERM,
    region: opening.region === REMOTE_REGION ? null : opening.region,
    minExperienceYears: opening.minExperienceYears,
    bonusCap: BONUS_CAP,
  };
}

/**
 * NEW_MATCH for new openings, event driven: for each OPEN opening, the members with a notifyThreshold whose blended
 * score (the one recommendations rank by) reaches it, found with the reverse nearest-neighbour search of
 * `@moim/db` (newMatchCandidates: an HNSW pool plus the threshold-bounded tail). The lead is never told of their own
 * opening, and a member is told of an opening once: the unique index notifications_new_match_once skips a row
 * another fan-out of the same opening wrote first, so concurrent or retried runs never tell anyone twice. Clears
 * the openings' new_matches_pending mark once their notifications are written. Returns how many were written.
 * Runs as the `new-matches` job (queued after the openings committed, and again by sweepOwedNewMatches).
 */
export async function notifyNewMatches(deps: Pick<ServiceDeps, 'db' | 'embedding'>, scoreWeight: number, openingIds: readonly string[], pool = DEFAULT_FAN_OUT_POOL): Promise<number> {
  const { prisma } = deps.db;
  const modelKey = deps.embedding.serving.modelKey;
  let written = 0;
  for (let start = 0; start < openingIds.length; start += OPENINGS_PER_QUERY) {
    const ids = [...new Set(openingIds.slice(start, start + OPENINGS_PER_QUERY))];
    written += await fanOut(deps, scoreWeight, modelKey, ids, pool);
    await clearNewMatchesOwed(prisma, ids);
  }
  return written;
}

/** One batch of openings: their candidates, scored against each member's threshold, written as NEW_MATCH. */
async function fanOut(deps: Pick<ServiceDeps, 'db'>, scoreWeight: number, modelKey: number, ids: string[], pool: number): Promise<number> {
  const { prisma } = deps.db;
  const openings = await prisma.opening.findMany({ where: { id: { in: ids }, status: 'OPEN' } });
  if (openings.length === 0) return 0;
  const candidates = await newMatchCandidates(deps.db, {
    modelKey,
    scoreWeight,
    pool,
    openings: openings.map((o) => ({ openingId: o.id, reference: referenceBoundOf(o) })),
  });
  if (candidates.length === 0) return 0;
  const members = await prisma.member.findMany({
    where: { id: { in: [...new Set(candidates.map((c) => c.memberId))] } },
    select: { id: true, region: true, experienceYears: true, stacks: true, traits: true, notifyThreshold: true },
  });
  const memberById = new Map(members.map((m) => [m.id, m]));
  const openingById = new Map(openings.map((o) => [o.id, o]));
  const told = await prisma.notification.findMany({
    where: { kind: 'NEW_MATCH', openingId: { in: openings.map((o) => o.id) } },
    select: { openingId: true, recipientId: true },
  });
  // Saves scoring and writing the members already told; the unique index is what makes it once.
  const already = new Set(told.map((t) => `${t.openingId} ${t.recipientId}`));
  const rows: NotificationInput[] = [];
  for (const c of candidates) {
    const member = memberById.get(c.memberId);
    const opening = openingById.get(c.openingId)!;
    // The threshold as stored now (it may have changed since the candidate query read it).
    if (!member || member.notifyThreshold === null || member.id === opening.leadId) continue;
    if (already.has(`${opening.id} ${member.id}`)) continue;
    const match = blendScore(scoreWeight, profileOf(member), criteriaOf(opening), c.similarity);
    if (match.score < member.notifyThreshold) continue;
    rows.push({
      kind: 'NEW_MATCH',
      recipientId: member.id,
      openingId: opening.id,
      payload: { openingId: opening.id, openingTitle: opening.title, score: match.score, reasons: match.reasons },
    });
  }
  let written = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const part = rows.slice(i, i + ROWS_PER_INSERT);
    written += (await prisma.$transaction((tx) => insertNotifications(tx, part), { timeout: 60_000, maxWait: 30_000 })).length;
  }
  return written;
}
