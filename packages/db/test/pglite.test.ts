import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exactNearestOpenings,
  explainNearestOpenings,
  hnswIndexNames,
  nearestMembers,
  nearestOpenings,
  openDatabase,
  ping,
  readMigrations,
  registerEmbeddingModel,
  setMemberEmbedding,
  setOpeningEmbeddings,
  writeOpeningEmbeddings,
} from '../src/index';
import { cosine, randomVector, seededRandom } from './seeded';

describe('embedded PGlite mode', () => {
  let dataDir: string;
  const random = seededRandom(7);
  const vectors = new Map<string, Float32Array>();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'moim-pglite-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates, stores vectors and answers filtered nearest queries with the same SQL as PostgreSQL', async () => {
    const db = await openDatabase({ dataDir });
    try {
      expect(db.kind).toBe('pglite');
      expect((await ping(db)).ok).toBe(true);
      const model = await registerEmbeddingModel(db, { name: 'pglite-test@8', dimension: 8 });
      await db.prisma.opening.createMany({
        data: Array.from({ length: 60 }, (_, i) => ({
          id: `op${String(i).padStart(3, '0')}`,
          kind: i % 2 === 0 ? ('PROJECT' as const) : ('STUDY' as const),
          title: `opening ${i}`,
          region: i % 3 === 0 ? '재택' : '서울특별시',
          stacks: ['Go'],
          minExperienceYears: i % 4,
          capacity: 3,
          sentence: `s${i}`,
        })),
      });
      await db.prisma.member.create({ data: { id: 'mb0', displayName: '민수', region: '재택', experienceYears: 1, stacks: ['Go'], sentence: 'm' } });
      for (let i = 0; i < 60; i++) vectors.set(`op${String(i).padStart(3, '0')}`, randomVector(random, 8));
      await setOpeningEmbeddings(db, [...vectors].map(([openingId, vector]) => ({ openingId, vector })), model.key);
      await setMemberEmbedding(db, 'mb0', model.key, randomVector(random, 8));

      const vector = randomVector(random, 8);
      const request = { modelKey: model.key, dimension: 8, vector, first: 5, kind: 'PROJECT' as const, regions: ['재택'], minExperienceMetBy: 1 };
      const rows = await nearestOpenings(db, request);
      expect(rows.map((r) => r.openingId)).toEqual((await exactNearestOpenings(db, request)).map((r) => r.openingId));
      expect(rows.length).toBe(5);
      for (const row of rows) {
        const index = Number(row.openingId.slice(2));
        expect(index % 2 === 0 && index % 3 === 0 && index % 4 <= 1).toBe(true);
        expect(row.similarity).toBeCloseTo(cosine(vector, vectors.get(row.openingId)!), 5);
      }
      expect(await explainNearestOpenings(db, { ...request, forceIndexScan: true })).toContain(hnswIndexNames(model.key).opening);
      expect(await nearestMembers(db, { modelKey: model.key, dimension: 8, vector, first: 3 })).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it('commits an opening row and its vector in one interactive transaction (no savepoints needed)', async () => {
    const db = await openDatabase({ dataDir });
    try {
      const model = await registerEmbeddingModel(db, { name: 'pglite-test@8', dimension: 8 });
      const vector = randomVector(random, 8);
      await db.prisma.$transaction(async (tx) => {
        await tx.opening.create({ data: { id: 'op-tx', kind: 'STUDY', title: 'tx', region: '재택', stacks: ['Go'], minExperienceYears: 0, capacity: 2, sentence: 'tx' } });
        await writeOpeningEmbeddings({ prisma: tx }, [{ openingId: 'op-tx', vector }], model.key);
      });
      const [nearest] = await nearestOpenings(db, { modelKey: model.key, dimension: 8, vector, first: 1, kind: 'STUDY' });
      expect(nearest).toMatchObject({ openingId: 'op-tx' });
      expect(nearest!.similarity).toBeCloseTo(1, 5);
      await db.prisma.opening.delete({ where: { id: 'op-tx' } });
    } finally {
      await db.close();
    }
  });

  it('persists across reopen without re-applying migrations', async () => {
    const db = await openDatabase({ dataDir });
    try {
      expect(await db.prisma.opening.count()).toBe(60);
      const migrations = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations"`;
      expect(migrations[0]!.n).toBe((await readMigrations()).length);
      const model = await registerEmbeddingModel(db, { name: 'pglite-test@8', dimension: 8 });
      const vector = randomVector(random, 8);
      const rows = await nearestOpenings(db, { modelKey: model.key, dimension: 8, vector, first: 3 });
      const expected = [...vectors]
        .map(([id, v]) => ({ id, similarity: cosine(vector, v) }))
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, 3);
      expect(rows.map((r) => r.openingId)).toEqual(expected.map((e) => e.id));
    } finally {
      await db.close();
    }
  });
});
