/**
 * Reverse nearest-neighbour search for NEW_MATCH notifications: for a new opening, which members who turned
 * notifications on (notify_threshold not null) could score at least their threshold? The caller re-scores the
 * candidates with the blended score, `score = w * max(0, cosine) + (1 - w) * referenceScore`, and keeps those at or
 * above their threshold. The work is per new opening (one index scan + one bounded range scan), never members × time.
 *
 * Candidates come from two places, so that recall does not depend on how far down the list a member is:
 * 1. `nearest`: the `pool` nearest opted-in members by cosine, through the model's partial HNSW index on member
 *    vectors (iterative scan, so members without a threshold are skipped inside the scan).
 * 2. `tail`: every other opted-in member who could still reach their threshold. A member outside the pool has
 *    cosine <= s, the pool's lowest similarity, so their score is at most w * max(0, s) + (1 - w) * r, where r is an
 *    upper bound of their reference score for the opening (`ReferenceBound`: spec §3's terms with the major term at
 *    its best and the bonus at its cap; 1 when no bound is given). Members whose threshold is above that bound cannot
 *    match and are never read; the others are read through the partial index on notify_threshold (range
 *    `<= w * s + (1 - w)`) and scored exactly. When the pool holds fewer than `pool` rows, it already holds every
 *    opted-in member and there is no tail.
 *
 * Statements are Prisma.sql tagged templates; the model key, dimension and limits are validated integers inlined
 * with Prisma.raw so the partial index (`WHERE model_key = K` on `embedding::vector(N)`) can be used.
 */
import type { Database } from './database';
import { Prisma } from './generated/prisma/client';
import { getEmbeddingModel } from './embedding-models';
import { requireInt, VectorInputError } from './vector-input';

type Db = Pick<Database, 'prisma'>;

/**
 * What bounds a member's reference score for one opening (docs/matching.md §3:
 * `min(1, stack × (0.5 + 0.25 × region + 0.25 × experience) × major + bonus)`, 0 without a stack in common or
 * related), read from the member's row: stack 1 with one of `exactStacks`, `relatedWeight` with one of
 * `relatedStacks`, else 0; region 1 when equal (or `region` null: the opening is remote); experience 1 when the
 * member's years reach `minExperienceYears`, 0.5 one year short; major at most 1; bonus at most `bonusCap`.
 */
export interface ReferenceBound {
  exactStacks: readonly string[];
  relatedStacks: readonly string[];
  relatedWeight: number;
  region: string | null;
  minExperienceYears: number;
  bonusCap: number;
}

export interface FanOutOpening {
  openingId: string;
  /** Omitted: any member might have reference score 1 (a looser bound, a larger tail). */
  reference?: ReferenceBound;
}

export interface FanOutQuery {
  modelKey: number;
  openings: readonly FanOutOpening[];
  /** Weight w of the cosine in the blended score (0..1). */
  scoreWeight: number;
  /** Nearest opted-in members read through the HNSW index per opening (default 200). */
  pool?: number;
  /**
   * hnsw.ef_search (default max(400, 2 × pool), at most 1000). A member the approximate scan misses from the pool
   * can be missed altogether (the tail's bound assumes the pool is the true nearest), so the default is generous.
   */
  efSearch?: number;
  /** Turn off sequential scans and sorts so the planner takes the HNSW index even on small tables (tests). */
  forceIndexScan?: boolean;
}

export interface FanOutCandidate {
  openingId: string;
  memberId: string;
  /** Cosine similarity of the member's and the opening's vectors under the model. */
  similarity: number;
  threshold: number;
  source: 'nearest' | 'tail';
}

export const DEFAULT_FAN_OUT_POOL = 200;
const MAX_OPENINGS = 1000;

/** Candidates of every opening (openings without a vector for the model have none). */
export async function newMatchCandidates(db: Db, query: FanOutQuery): Promise<FanOutCandidate[]> {
  const model = await getEmbeddingModel(db, query.modelKey);
  const pool = requireInt('pool', query.pool ?? DEFAULT_FAN_OUT_POOL, 1, 10_000);
  const ef = requireInt('efSearch', query.efSearch ?? defaultEfSearch(pool), 1, 1000);
  const w = query.scoreWeight;
  if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > 1) {
    throw new VectorInputError('scoreWeight', w, 'must be a number between 0 and 1');
  }
  if (query.openings.length > MAX_OPENINGS) {
    throw new VectorInputError('openings', `length ${query.openings.length}`, `at most ${MAX_OPENINGS} per call`);
  }
  if (query.openings.length === 0) return [];
  const ids = query.openings.map((o, i) => {
    if (typeof o.openingId !== 'string' || o.openingId === '') throw new VectorInputError(`openings[${i}].openingId`, o.openingId, 'must be an opening id');
    return o.openingId;
  });
  const K = Prisma.raw(String(model.key));
  const { prisma } = db;
  const [, nearestRows] = await prisma.$transaction([
    scanSettings(db, ef, pool, query.forceIndexScan === true),
    prisma.$queryRaw<{ openingId: string; memberId: string; similarity: number; threshold: number }[]>(nearestSql(model, pool, ids)),
  ], FAN_OUT_TRANSACTION);

  const byOpening = new Map<string, FanOutCandidate[]>();
  for (const row of nearestRows) {
    const list = byOpening.get(row.openingId) ?? [];
    list.push({ ...row, source: 'nearest' });
    byOpening.set(row.openingId, list);
  }
  const tails = query.openings.flatMap((o) => {
    const nearest = byOpening.get(o.openingId);
    if (!nearest || nearest.length < pool) return [];
    const lowest = Math.max(0, Math.min(...nearest.map((c) => c.similarity)));
    const r = o.reference;
    return [{
      opening_id: o.openingId,
      cosine_bound: w * lowest,
      reference_weight: 1 - w,
      bounded: r !== undefined,
      exact: r?.exactStacks ?? [],
      related: r?.relatedStacks ?? [],
      related_weight: r?.relatedWeight ?? 1,
      region: r?.region ?? null,
      min_years: r?.minExperienceYears ?? 0,
      bonus_cap: r?.bonusCap ?? 0,
      exclude: nearest.map((c) => c.memberId),
    }];
  });
  const tailRows =
    tails.length === 0
      ? []
      : await prisma.$queryRaw<{ openingId: string; memberId: string; similarity: number; threshold: number }[]>`
      SELECT v.opening_id AS "openingId", m.id AS "memberId", 1 - (e.embedding <=> q.embedding) AS similarity,
             m.notify_threshold AS threshold
      FROM jsonb_to_recordset(${JSON.stringify(tails)}::jsonb)
        AS v(opening_id text, cosine_bound float8, reference_weight float8, bounded boolean, exact text[], related text[],
             related_weight float8, region text, min_years int, bonus_cap float8, exclude text[])
      JOIN opening_embeddings q ON q.opening_id = v.opening_id AND q.model_key = ${K}
      JOIN members m ON m.notify_threshold IS NOT NULL AND m.notify_threshold <= v.cosine_bound + v.reference_weight
      JOIN member_embeddings e ON e.member_id = m.id AND e.model_key = ${K}
      CROSS JOIN LATERAL (SELECT CASE WHEN m.stacks && v.exact THEN 1 WHEN m.stacks && v.related THEN v.related_weight ELSE 0 END AS stack) s
      WHERE m.id <> ALL(v.exclude)
        AND m.notify_threshold <= v.cosine_bound + v.reference_weight * CASE
          WHEN NOT v.bounded THEN 1
          WHEN s.stack = 0 THEN 0
          ELSE LEAST(1, s.stack * (0.5
            + 0.25 * CASE WHEN v.region IS NULL OR m.region = v.region THEN 1 ELSE 0 END
            + 0.25 * CASE WHEN m.experience_years >= v.min_years THEN 1 WHEN m.experience_years = v.min_years - 1 THEN 0.5 ELSE 0 END)
            + v.bonus_cap) END
          + 0.000001 /* scores are rounded to 6 decimals */`;
  const candidates = [...byOpening.values()].flat();
  for (const row of tailRows) candidates.push({ ...row, source: 'tail' });
  return candidates;
}

/** EXPLAIN of the nearest-members part for these openings, under the same settings (to check the index is used). */
export async function explainNewMatchNearest(
  db: Db,
  modelKey: number,
  openingIds: string[],
  options: { pool?: number; forceIndexScan?: boolean } = {},
): Promise<string> {
  const pool = options.pool ?? DEFAULT_FAN_OUT_POOL;
  const model = await getEmbeddingModel(db, modelKey);
  requireInt('pool', pool, 1, 10_000);
  const { prisma } = db;
  const [, rows] = await prisma.$transaction([
    scanSettings(db, defaultEfSearch(pool), pool, options.forceIndexScan === true),
    prisma.$queryRaw<{ 'QUERY PLAN': string }[]>`EXPLAIN ${nearestSql(model, pool, openingIds)}`,
  ], FAN_OUT_TRANSACTION);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

/**
 * The settings and the scan share one transaction. A fan-out is background work whose scan grows with the openings
 * per call, so Prisma's 5 s default would fail it on a busy machine (P2028) and its retry would fail the same way.
 */
const FAN_OUT_TRANSACTION = { timeout: 120_000, maxWait: 30_000 };

function defaultEfSearch(pool: number): number {
  return Math.min(1000, Math.max(400, pool * 2));
}

function scanSettings(db: Db, ef: number, pool: number, forceIndexScan: boolean) {
  const planner = forceIndexScan ? 'off' : 'on';
  return db.prisma.$queryRaw`SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true),
    set_config('hnsw.ef_search', ${String(ef)}, true), set_config('hnsw.max_scan_tuples', ${String(Math.max(20_000, pool * 50))}, true),
    set_config('enable_seqscan', ${planner}, true), set_config('enable_sort', ${planner}, true)`;
}

/** The `pool` nearest opted-in members of each opening, one HNSW scan per opening (a LATERAL join). */
function nearestSql(model: { key: number; dimension: number }, pool: number, openingIds: string[]): Prisma.Sql {
  const K = Prisma.raw(String(model.key));
  const N = Prisma.raw(String(model.dimension));
  const P = Prisma.raw(String(pool));
  return Prisma.sql`
    SELECT q.opening_id AS "openingId", c.member_id AS "memberId", 1 - c.distance AS similarity, c.threshold
    FROM opening_embeddings q
    CROSS JOIN LATERAL (
      SELECT e.member_id, m.notify_threshold AS threshold, (e.embedding::vector(${N})) <=> (q.embedding::vector(${N})) AS distance
      FROM member_embeddings e JOIN members m ON m.id = e.member_id
      WHERE e.model_key = ${K} AND m.notify_threshold IS NOT NULL
      ORDER BY (e.embedding::vector(${N})) <=> (q.embedding::vector(${N}))
      LIMIT ${P}
    ) c
    WHERE q.model_key = ${K} AND q.opening_id = ANY(${openingIds}::text[])`;
}
