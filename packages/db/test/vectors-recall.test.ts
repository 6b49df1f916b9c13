import type { OpeningKind } from '@moim/matching';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dropOpeningIndexes,
  exactNearestOpenings,
  explainNearestOpenings,
  defaultIvfflatLists,
  hnswIndexNames,
  ivfflatIndexName,
  IVFFLAT_MIN_ROWS,
  maintainOpeningIndex,
  nearestOpenings,
  openingIndexInUse,
  registerEmbeddingModel,
  setOpeningEmbeddings,
  useOpeningIndex,
  type EmbeddingModelInfo,
  type NearestOpeningsQuery,
} from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { seededRandom } from './seeded';

// The shipped model's shape in small: openings are combinations of a few attributes (here region × stack ×
// detail), so they sit in tight clusters; queries are not openings but a profile-like mix of several stacks,
// shifted off the openings' manifold. A greedy graph walk from such a query stops in a near-but-wrong cluster.
const DIMENSION = 24;
const REGIONS = 6;
const STACKS = 14;
const DETAILS = 3;
const COPIES = 3;
const QUERIES = 30;
const REGION_NAMES = Array.from({ length: REGIONS }, (_, i) => `region-${i}`);

function normalize(v: number[]): Float32Array {
  const n = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / n);
}

describe('candidate recall on clustered data with off-manifold queries (PostgreSQL + pgvector)', () => {
  let db: TestDatabase;
  let model: EmbeddingModelInfo;
  const random = seededRandom(20261201);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const base = (scale: number) => Array.from({ length: DIMENSION }, () => gauss() * scale);
  const regions = Array.from({ length: REGIONS }, () => base(1));
  const stacks = Array.from({ length: STACKS }, () => base(1));
  const details = Array.from({ length: DETAILS }, () => base(0.25));
  const profileShift = base(1.2);
  const queries: Float32Array[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    model = await registerEmbeddingModel(db, { name: 'test-clustered@000000000024', dimension: DIMENSION });
    const rows: { id: string; region: string; kind: OpeningKind; vector: Float32Array }[] = [];
    for (let r = 0; r < REGIONS; r++) {
      for (let s = 0; s < STACKS; s++) {
        for (let t = 0; t < STACKS; t++) {
          if (t === s) continue;
          for (let d = 0; d < DETAILS; d++) {
            for (let c = 0; c < COPIES; c++) {
              const noise = base(0.02);
              const v = regions[r]!.map((x, i) => x + stacks[s]![i]! + 0.6 * stacks[t]![i]! + details[d]![i]! + noise[i]!);
              rows.push({ id: `o${rows.length}`, region: REGION_NAMES[r]!, kind: rows.length % 3 === 0 ? 'STUDY' : 'PROJECT', vector: normalize(v) });
            }
          }
        }
      }
    }
    await db.prisma.opening.createMany({
      data: rows.map((o) => ({ id: o.id, kind: o.kind, title: o.id, region: o.region, stacks: ['Java'], minExperienceYears: 0, capacity: 4, sentence: o.id })),
    });
    // Bulk load without the graph, then build it: much faster than inserting into it row by row.
    await dropOpeningIndexes(db, model.key);
    await setOpeningEmbeddings(db, rows.map((o) => ({ openingId: o.id, vector: o.vector })), model.key, { chunkSize: 2000 });
    await useOpeningIndex(db, { modelKey: model.key, dimension: DIMENSION, method: 'hnsw' });
    await db.prisma.$executeRaw`ANALYZE`;
    for (let q = 0; q < QUERIES; q++) {
      const r = Math.floor(random() * REGIONS);
      const picked = [0, 1, 2].map(() => Math.floor(random() * STACKS));
      const v = regions[r]!.map((x, i) => 0.7 * x + picked.reduce((sum, s) => sum + stacks[s]![i]!, 0) * 0.6 + profileShift[i]! + gauss() * 0.3);
      queries.push(normalize(v));
    }
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  /** `force`: the settings go first, in a transaction; otherwise they travel in the search statement itself. */
  const recall = async (extra: Partial<NearestOpeningsQuery>, force = true): Promise<number> => {
    let found = 0;
    for (const vector of queries) {
      const request: NearestOpeningsQuery = { modelKey: model.key, dimension: DIMENSION, vector, first: 10, ...extra };
      const [approximate, exact] = await Promise.all([nearestOpenings(db, { ...request, forceIndexScan: force }), exactNearestOpenings(db, request)]);
      // By distance: equal vectors make "which of the tied ids" arbitrary.
      const tenth = exact.at(-1)!.similarity;
      found += Math.min(exact.length, approximate.filter((a) => a.similarity >= tenth - 1e-6).length) / exact.length;
    }
    return found / queries.length;
  };

  it('an ivfflat index finds ≥ 0.95 of the exact 10 nearest, with and without filters, where HNSW finds clearly fewer', async () => {
    expect(await openingIndexInUse(db, model.key)).toEqual({ method: 'hnsw', lists: null });
    const hnsw = await recall({ efSearch: 20 });
    const hnswFiltered = await recall({ efSearch: 20, kind: 'PROJECT', regions: REGION_NAMES.slice(0, 3) });

    const switched = await useOpeningIndex(db, { modelKey: model.key, dimension: DIMENSION, method: 'ivfflat' });
    expect(switched.lists).toBeGreaterThan(1);
    expect(await openingIndexInUse(db, model.key)).toEqual({ method: 'ivfflat', lists: switched.lists });
    const plan = await explainNearestOpenings(db, { modelKey: model.key, dimension: DIMENSION, vector: queries[0]!, first: 10 });
    expect(plan).toContain(`Index Scan using ${ivfflatIndexName(model.key)}`);
    const ivf = await recall({});
    const ivfFiltered = await recall({ kind: 'PROJECT', regions: REGION_NAMES.slice(0, 3) });
    const ivfOneProbe = await recall({ probes: 1 });
    console.log(`recall@10: hnsw ef 20 ${hnsw.toFixed(3)} (filtered ${hnswFiltered.toFixed(3)}); ivfflat ${ivf.toFixed(3)} (filtered ${ivfFiltered.toFixed(3)}, 1 probe ${ivfOneProbe.toFixed(3)})`);

    expect(ivf).toBeGreaterThanOrEqual(0.95);
    expect(ivfFiltered).toBeGreaterThanOrEqual(0.95);
    expect(hnsw).toBeLessThan(ivf - 0.1);
    // probes are what buys the recall: one list is not enough.
    expect(ivfOneProbe).toBeLessThan(ivf - 0.1);
    // The same with the settings inside the one search statement (the plan above: the index, not a scan).
    expect(await recall({}, false)).toBeGreaterThanOrEqual(0.95);
    expect(await recall({ probes: 1 }, false)).toBeLessThan(ivf - 0.1);
  }, 120_000);

  it('maintainOpeningIndex switches a model with enough vectors to ivfflat, rebuilds it once the rows outgrow its lists, and leaves small models on HNSW', async () => {
    await useOpeningIndex(db, { modelKey: model.key, dimension: DIMENSION, method: 'hnsw' });
    const rows = await db.prisma.openingEmbedding.count({ where: { modelKey: model.key } });
    expect(rows).toBeGreaterThanOrEqual(IVFFLAT_MIN_ROWS);

    expect(await maintainOpeningIndex(db, { modelKey: model.key, dimension: DIMENSION })).toEqual({ method: 'ivfflat', lists: defaultIvfflatLists(rows), rows });
    expect(await openingIndexInUse(db, model.key)).toEqual({ method: 'ivfflat', lists: defaultIvfflatLists(rows) });
    expect(await maintainOpeningIndex(db, { modelKey: model.key, dimension: DIMENSION })).toBeNull();
    expect(await recall({}, false)).toBeGreaterThanOrEqual(0.95);

    // Built when there were about a sixteenth of the rows: too few lists now.
    await useOpeningIndex(db, { modelKey: model.key, dimension: DIMENSION, method: 'ivfflat', lists: Math.floor(defaultIvfflatLists(rows) / 4) });
    expect((await maintainOpeningIndex(db, { modelKey: model.key, dimension: DIMENSION }))?.lists).toBe(defaultIvfflatLists(rows));
    expect(await openingIndexInUse(db, model.key)).toEqual({ method: 'ivfflat', lists: defaultIvfflatLists(rows) });

    const small = await registerEmbeddingModel(db, { name: 'test-small@000000000024', dimension: DIMENSION });
    await setOpeningEmbeddings(db, queries.slice(0, 10).map((vector, i) => ({ openingId: `o${i}`, vector })), small.key);
    expect(await maintainOpeningIndex(db, { modelKey: small.key, dimension: DIMENSION })).toBeNull();
    expect(await openingIndexInUse(db, small.key)).toEqual({ method: 'hnsw', lists: null });
  }, 120_000);

  it('keeps the chosen index when the model is registered again, and switches back to HNSW on request', async () => {
    await useOpeningIndex(db, { modelKey: model.key, dimension: DIMENSION, method: 'ivfflat' });
    await registerEmbeddingModel(db, { name: model.name, dimension: DIMENSION });
    const names = async () =>
      (await db.prisma.$queryRaw<{ indexname: string }[]>`
        SELECT indexname::text FROM pg_indexes WHERE indexname IN (${hnswIndexNames(model.key).opening}, ${ivfflatIndexName(model.key)})`).map((r) => r.indexname);
    expect(await names()).toEqual([ivfflatIndexName(model.key)]);
    await useOpeningIndex(db, { modelKey: model.key, dimension: DIMENSION, method: 'hnsw' });
    expect(await names()).toEqual([hnswIndexNames(model.key).opening]);
    expect(await openingIndexInUse(db, model.key)).toEqual({ method: 'hnsw', lists: null });
  });
});
