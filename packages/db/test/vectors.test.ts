import type { OpeningKind } from '@moim/matching';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countMissingEmbeddings,
  exactNearestOpenings,
  explainNearestMembers,
  explainNearestOpenings,
  hnswIndexNames,
  listOwnersMissingEmbeddings,
  nearestMembers,
  nearestOpenings,
  registerEmbeddingModel,
  setMemberEmbedding,
  setOpeningEmbeddings,
  writeOpeningEmbeddings,
  VectorInputError,
  type EmbeddingModelInfo,
  type NearestOpeningsQuery,
} from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { cosine, randomVector, seededRandom } from './seeded';

const OPENINGS = 1500;
const MEMBERS = 300;
const RARE_REGION = '제주특별자치도';

describe('vectors (PostgreSQL + pgvector)', () => {
  let db: TestDatabase;
  let small: EmbeddingModelInfo;
  const random = seededRandom(20261127);
  const openingVectors = new Map<string, Float32Array>();
  const openings: { id: string; region: string; kind: OpeningKind; minExperienceYears: number; status: 'OPEN' | 'CLOSED' }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    small = await registerEmbeddingModel(db, { name: 'test-small@000000000008', dimension: 8 });
    for (let i = 0; i < OPENINGS; i++) {
      openings.push({
        id: `op${String(i).padStart(5, '0')}`,
        region: i % 50 === 0 ? RARE_REGION : i % 3 === 0 ? '부산광역시' : '서울특별시',
        kind: i % 2 === 0 ? 'PROJECT' : 'STUDY',
        minExperienceYears: i % 6,
        status: i % 10 === 9 ? 'CLOSED' : 'OPEN',
      });
    }
    await db.prisma.opening.createMany({
      data: openings.map((o) => ({ ...o, title: `t ${o.id}`, stacks: ['Java'], capacity: 4, sentence: `opening ${o.id}` })),
    });
    await db.prisma.member.createMany({
      data: Array.from({ length: MEMBERS }, (_, i) => ({
        id: `mb${String(i).padStart(5, '0')}`,
        displayName: `member ${i}`,
        region: i % 2 === 0 ? '서울특별시' : '부산광역시',
        experienceYears: i % 8,
        stacks: ['React'],
        sentence: `member ${i}`,
      })),
    });
    for (const o of openings) openingVectors.set(o.id, randomVector(random, 8));
    await setOpeningEmbeddings(
      db,
      openings.map((o) => ({ openingId: o.id, vector: openingVectors.get(o.id)! })),
      small.key,
    );
    for (let i = 0; i < MEMBERS; i++) await setMemberEmbedding(db, `mb${String(i).padStart(5, '0')}`, small.key, randomVector(random, 8));
    await db.prisma.$executeRaw`ANALYZE`;
  });
  afterAll(async () => {
    await db?.close();
  });

  const query = (extra: Partial<NearestOpeningsQuery> = {}): NearestOpeningsQuery => ({
    modelKey: small.key,
    dimension: 8,
    vector: randomVector(random, 8),
    first: 10,
    ...extra,
  });

  it('registers a model idempotently and creates its partial HNSW indexes', async () => {
    expect(await registerEmbeddingModel(db, { name: small.name, dimension: 8 })).toEqual(small);
    await expect(registerEmbeddingModel(db, { name: small.name, dimension: 16 })).rejects.toThrow(VectorInputError);
    const names = hnswIndexNames(small.key);
    const indexes = await db.prisma.$queryRaw<{ indexname: string; indexdef: string }[]>`
      SELECT indexname::text, indexdef FROM pg_indexes WHERE indexname IN (${names.opening}, ${names.member}) ORDER BY indexname`;
    expect(indexes.map((i) => i.indexname)).toEqual([names.member, names.opening]);
    for (const index of indexes) {
      expect(index.indexdef).toContain('USING hnsw (((embedding)::vector(8)) vector_cosine_ops)');
      expect(index.indexdef).toContain(`WHERE (model_key = ${small.key})`);
    }
  });

  it('returns the exact nearest openings, in order, with similarity = 1 - cosine distance', async () => {
    let found = 0;
    const queries = 20;
    for (let q = 0; q < queries; q++) {
      const request = query();
      const approximate = await nearestOpenings(db, request);
      const exact = await exactNearestOpenings(db, request);
      expect(approximate).toHaveLength(10);
      expect(exact).toHaveLength(10);
      const exactIds = new Set(exact.map((r) => r.openingId));
      found += approximate.filter((r) => exactIds.has(r.openingId)).length;
      for (let i = 1; i < approximate.length; i++) {
        expect(approximate[i]!.similarity).toBeLessThanOrEqual(approximate[i - 1]!.similarity);
      }
      for (const row of approximate) {
        expect(row.similarity).toBeCloseTo(cosine(request.vector as Float32Array, openingVectors.get(row.openingId)!), 5);
        expect(openings.find((o) => o.id === row.openingId)?.status).toBe('OPEN');
      }
    }
    expect(found / (queries * 10)).toBeGreaterThanOrEqual(0.95);
  });

  it('uses the model HNSW index for the very SQL nearestOpenings and nearestMembers run', async () => {
    const plan = await explainNearestOpenings(db, query());
    expect(plan).toContain(`Index Scan using ${hnswIndexNames(small.key).opening}`);
    // 300 members is few enough that a scan is cheaper; forcing shows the SQL matches the index expression.
    const memberPlan = await explainNearestMembers(db, {
      modelKey: small.key,
      dimension: 8,
      vector: randomVector(random, 8),
      first: 5,
      forceIndexScan: true,
    });
    expect(memberPlan).toContain(`Index Scan using ${hnswIndexNames(small.key).member}`);
  });

  it('still returns `first` rows when a filter rejects most of what a plain HNSW scan would see', async () => {
    // min_experience_years = 0 holds for 1 opening in 6. With ef_search 10 a single HNSW pass yields about
    // 10 candidates, so only an iterative scan can produce 30 matching rows. At this table size the planner
    // prefers a scan for such a filter, hence forceIndexScan.
    const request = query({ first: 30, minExperienceMetBy: 0, efSearch: 10, forceIndexScan: true });
    expect(await explainNearestOpenings(db, request)).toContain(`Index Scan using ${hnswIndexNames(small.key).opening}`);
    const withoutIteration = await nearestOpenings(db, { ...request, iterativeScan: 'off' });
    expect(withoutIteration.length).toBeLessThan(30);

    const rows = await nearestOpenings(db, request);
    expect(rows).toHaveLength(30);
    for (const row of rows) expect(openings.find((o) => o.id === row.openingId)?.minExperienceYears).toBe(0);
    const exact = new Set((await exactNearestOpenings(db, request)).map((r) => r.openingId));
    expect(rows.filter((r) => exact.has(r.openingId)).length).toBeGreaterThanOrEqual(27);
  });

  it('applies kind, regions, experience and status filters in the same query', async () => {
    const request = query({ first: 50, kind: 'PROJECT', regions: [RARE_REGION], minExperienceMetBy: 3 });
    const expected = openings.filter((o) => o.kind === 'PROJECT' && o.region === RARE_REGION && o.minExperienceYears <= 3 && o.status === 'OPEN');
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(50);
    const rows = await nearestOpenings(db, request);
    expect(rows.map((r) => r.openingId).sort()).toEqual(expected.map((o) => o.id).sort());

    const closed = await nearestOpenings(db, query({ first: 1000, statuses: ['CLOSED'] }));
    expect(closed.length).toBe(openings.filter((o) => o.status === 'CLOSED').length);
  });

  it('drops openings the member already applied to', async () => {
    const request = query({ first: 5 });
    const before = await nearestOpenings(db, request);
    const top = before[0]!.openingId;
    await db.prisma.application.create({ data: { memberId: 'mb00000', openingId: top } });
    const after = await nearestOpenings(db, { ...request, excludeAppliedBy: 'mb00000' });
    expect(after.map((r) => r.openingId)).not.toContain(top);
    expect(after).toHaveLength(5);
    expect(after.slice(0, 4).map((r) => r.openingId)).toEqual(before.slice(1).map((r) => r.openingId));

    const applicants = await nearestMembers(db, { modelKey: small.key, dimension: 8, vector: randomVector(random, 8), first: MEMBERS, excludeOpeningApplicants: top });
    expect(applicants).toHaveLength(MEMBERS - 1);
    expect(applicants.map((r) => r.memberId)).not.toContain('mb00000');
  });

  it('keeps vectors of models with different dimensions side by side', async () => {
    const large = await registerEmbeddingModel(db, { name: 'test-large@000000000768', dimension: 768 });
    expect(large.key).not.toBe(small.key);
    const subset = openings.slice(0, 120);
    const largeVectors = new Map(subset.map((o) => [o.id, randomVector(random, 768)]));
    await setOpeningEmbeddings(db, subset.map((o) => ({ openingId: o.id, vector: largeVectors.get(o.id)! })), large.key, { chunkSize: 50 });

    const vector = randomVector(random, 768);
    const rows = await nearestOpenings(db, { modelKey: large.key, dimension: 768, vector, first: 5 });
    const expected = subset
      .filter((o) => o.status === 'OPEN')
      .map((o) => ({ id: o.id, similarity: cosine(vector, largeVectors.get(o.id)!) }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, 5);
    expect(rows.map((r) => r.openingId)).toEqual(expected.map((e) => e.id));

    const smallRequest = query({ first: 20 });
    for (const row of await nearestOpenings(db, smallRequest)) {
      expect(row.similarity).toBeCloseTo(cosine(smallRequest.vector as Float32Array, openingVectors.get(row.openingId)!), 5);
    }
  });

  it('rejects bad input with the field and value, storing nothing', async () => {
    const count = async () => (await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM opening_embeddings`)[0]!.n;
    const before = await count();
    const wrongLength = setOpeningEmbeddings(db, [{ openingId: 'op00001', vector: new Float32Array(7) }], small.key);
    await expect(wrongLength).rejects.toThrow(/rows\[0\]\.vector: must have exactly 8 dimensions/);
    const unknown = setOpeningEmbeddings(
      db,
      [
        { openingId: 'op00001', vector: randomVector(random, 8) },
        { openingId: 'no-such-opening', vector: randomVector(random, 8) },
      ],
      small.key,
    );
    await expect(unknown).rejects.toThrow(/rows\[1\]\.openingId: no opening with this id/);
    await expect(setMemberEmbedding(db, 'no-such-member', small.key, randomVector(random, 8))).rejects.toThrow(/memberId/);
    await expect(nearestOpenings(db, query({ vector: [1, 2, Number.NaN, 0, 0, 0, 0, 0] }))).rejects.toThrow(/vector\[2\]: must be a finite number/);
    await expect(nearestOpenings(db, query({ modelKey: 0 }))).rejects.toThrow(/modelKey/);
    await expect(nearestOpenings(db, query({ dimension: 16, vector: randomVector(random, 16) }))).rejects.toThrow(
      /dimension: embedding model \d+ \(test-small@000000000008\) has dimension 8/,
    );
    expect(await count()).toBe(before);
  });

  it('writes opening vectors inside the caller\'s transaction: a rollback keeps neither the row nor its vector', async () => {
    const count = async () => (await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM opening_embeddings`)[0]!.n;
    const before = await count();
    const rollback = db.prisma.$transaction(async (tx) => {
      await tx.opening.create({ data: { id: 'op-in-tx', kind: 'PROJECT', title: 't', region: '서울특별시', stacks: ['Java'], minExperienceYears: 0, capacity: 2, sentence: 's' } });
      await writeOpeningEmbeddings({ prisma: tx }, [{ openingId: 'op-in-tx', vector: randomVector(random, 8) }], small.key);
      expect((await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM opening_embeddings`)[0]!.n).toBe(before + 1);
      throw new Error('roll back');
    });
    await expect(rollback).rejects.toThrow('roll back');
    expect(await count()).toBe(before);
    expect(await db.prisma.opening.findUnique({ where: { id: 'op-in-tx' } })).toBeNull();
  });

  it('finds owners with missing or stale vectors', async () => {
    const key = small.key;
    expect(await countMissingEmbeddings(db, key)).toEqual({ members: 0, openings: 0 });
    await db.prisma.opening.update({ where: { id: 'op00002' }, data: { sentence: 'a changed sentence' } });
    await db.prisma.opening.create({ data: { id: 'op99999', kind: 'STUDY', title: 'new', region: '서울특별시', stacks: ['Go'], minExperienceYears: 0, capacity: 2, sentence: 'new one' } });
    expect(await countMissingEmbeddings(db, key)).toEqual({ members: 0, openings: 2 });
    expect(await listOwnersMissingEmbeddings(db, { modelKey: key, owner: 'opening' })).toEqual([
      { id: 'op00002', sentence: 'a changed sentence' },
      { id: 'op99999', sentence: 'new one' },
    ]);
    expect(await listOwnersMissingEmbeddings(db, { modelKey: key, owner: 'opening', after: 'op00002' })).toEqual([
      { id: 'op99999', sentence: 'new one' },
    ]);
    await setOpeningEmbeddings(db, [{ openingId: 'op00002', vector: randomVector(random, 8), sentence: 'a changed sentence' }], key);
    expect(await countMissingEmbeddings(db, key)).toEqual({ members: 0, openings: 1 });
    // A vector recorded for an older sentence stays stale.
    await setMemberEmbedding(db, 'mb00001', key, randomVector(random, 8), { sentence: 'what it used to say' });
    expect(await countMissingEmbeddings(db, key)).toEqual({ members: 1, openings: 1 });

    await db.prisma.opening.delete({ where: { id: 'op00002' } });
    const left = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM opening_embeddings WHERE opening_id = 'op00002'`;
    expect(left[0]!.n).toBe(0);
  });
});
