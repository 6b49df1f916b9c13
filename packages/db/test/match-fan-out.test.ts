import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  explainNewMatchNearest,
  hnswIndexNames,
  newMatchCandidates,
  registerEmbeddingModel,
  setMemberEmbedding,
  setOpeningEmbeddings,
  type EmbeddingModelInfo,
} from '../src/index';
import { BONUS_CAP, referenceScore, stackSimilarity, STACKS as VOCABULARY, type OpeningCriteria, type Profile } from '@moim/matching';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { cosine, randomVector, seededRandom } from './seeded';

const DIMENSION = 16;
const MEMBERS = 1500;
const OPENINGS = 6;
const POOL = 60;
const WEIGHT = 0.5;
const STACKS = ['Java', 'Spring Boot', 'JPA', 'React', 'Python', 'Go', 'Swift'] as const;
const REGIONS = ['서울특별시', '부산광역시', '재택'] as const;
const CRITERIA: OpeningCriteria = { region: '서울특별시', stacks: ['Java'], minExperienceYears: 2, tags: ['팀 협업', '스터디'] } as OpeningCriteria;
/** What the API passes for CRITERIA (new-matches.ts builds the same from an opening). */
const BOUND = {
  exactStacks: ['Java'],
  relatedStacks: VOCABULARY.filter((s) => s !== 'Java' && stackSimilarity(s, 'Java') > 0),
  relatedWeight: 0.75,
  region: '서울특별시',
  minExperienceYears: 2,
  bonusCap: BONUS_CAP,
};

interface TestMember {
  id: string;
  vector: Float32Array;
  threshold: number | null;
  stacks: string[];
  region: string;
  experienceYears: number;
  traits: string[];
  /** The member's reference score for CRITERIA (docs/matching.md §3), computed by @moim/matching. */
  reference: number;
}

describe('new-match fan-out (reverse nearest neighbours, PostgreSQL + pgvector)', () => {
  let db: TestDatabase;
  let model: EmbeddingModelInfo;
  const random = seededRandom(20261201);
  const members: TestMember[] = [];
  const openings: { id: string; vector: Float32Array }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    model = await registerEmbeddingModel(db, { name: 'fan-out-test@000000000016', dimension: DIMENSION });
    for (let i = 0; i < MEMBERS; i++) {
      const stacks = [STACKS[Math.floor(random() * STACKS.length)]!];
      const threshold = random() < 0.3 ? null : Math.round((0.3 + random() * 0.65) * 1000) / 1000;
      const profile = {
        region: REGIONS[Math.floor(random() * REGIONS.length)]!,
        experienceYears: Math.floor(random() * 6),
        stacks,
        traits: random() < 0.3 ? ['팀 협업', '스터디', '비전공자'] : [],
      } as unknown as Profile;
      members.push({
        id: `fm${String(i).padStart(5, '0')}`,
        vector: randomVector(random, DIMENSION),
        threshold,
        stacks,
        region: profile.region,
        experienceYears: profile.experienceYears,
        traits: profile.traits,
        reference: referenceScore(profile, CRITERIA).score,
      });
    }
    await db.prisma.member.createMany({
      data: members.map((m) => ({
        id: m.id,
        displayName: m.id,
        region: m.region,
        experienceYears: m.experienceYears,
        traits: m.traits,
        stacks: m.stacks,
        sentence: m.id,
        notifyThreshold: m.threshold,
      })),
    });
    await db.prisma.$transaction(
      async (tx) => {
        for (const m of members) await setMemberEmbedding({ prisma: tx }, m.id, model.key, m.vector);
      },
      { timeout: 120_000 },
    );
    for (let i = 0; i < OPENINGS; i++) openings.push({ id: `fo${i}`, vector: randomVector(random, DIMENSION) });
    await db.prisma.opening.createMany({
      data: openings.map((o) => ({ id: o.id, kind: 'PROJECT', title: o.id, region: '서울특별시', stacks: ['Java'], minExperienceYears: 0, capacity: 3, sentence: o.id })),
    });
    await setOpeningEmbeddings(db, openings.map((o) => ({ openingId: o.id, vector: o.vector })), model.key);
    await db.prisma.$executeRaw`ANALYZE members, member_embeddings, opening_embeddings`;
  });
  afterAll(async () => {
    await db?.close();
  });

  it.each([false, true])('finds every member whose blended score reaches their threshold, far down the list too, and reads few others (index forced: %s)', async (forceIndexScan) => {
    const candidates = await newMatchCandidates(db, {
      forceIndexScan,
      modelKey: model.key,
      openings: openings.map((o) => ({ openingId: o.id, reference: BOUND })),
      scoreWeight: WEIGHT,
      pool: POOL,
    });
    const optedIn = members.filter((m) => m.threshold !== null);
    let fromTail = 0;
    for (const opening of openings) {
      const mine = candidates.filter((c) => c.openingId === opening.id);
      const ids = new Set(mine.map((c) => c.memberId));
      expect(ids.size, 'no member twice').toBe(mine.length);
      expect(mine.filter((c) => c.source === 'nearest')).toHaveLength(POOL);
      for (const c of mine) {
        const member = members.find((m) => m.id === c.memberId)!;
        expect(member.threshold).not.toBeNull();
        expect(c.threshold).toBeCloseTo(member.threshold!, 6);
        expect(c.similarity).toBeCloseTo(cosine(member.vector, opening.vector), 4);
      }
      const matches = optedIn.filter((m) => WEIGHT * Math.max(0, cosine(m.vector, opening.vector)) + (1 - WEIGHT) * m.reference >= m.threshold!);
      expect(matches.length).toBeGreaterThan(0);
      const missed = matches.filter((m) => !ids.has(m.id)).map((m) => m.id);
      expect(missed, `opening ${opening.id}: matching members missing from the candidates`).toEqual([]);
      fromTail += matches.filter((m) => mine.find((c) => c.memberId === m.id)!.source === 'tail').length;
      // The bound keeps the candidates to a fraction of the opted-in members.
      expect(mine.length).toBeLessThan(optedIn.length / 2);
    }
    // Members far down the list (outside the pool) do match: a pool alone would have missed them.
    expect(fromTail).toBeGreaterThan(0);
  });

  it('has no tail when the pool holds every opted-in member, and nothing for openings without a vector', async () => {
    const all = await newMatchCandidates(db, { modelKey: model.key, openings: [{ openingId: 'fo0' }, { openingId: 'none' }], scoreWeight: WEIGHT, pool: MEMBERS });
    expect(all.every((c) => c.source === 'nearest' && c.openingId === 'fo0')).toBe(true);
    expect(all).toHaveLength(members.filter((m) => m.threshold !== null).length);
  });

  it('reads the nearest members through the model\'s HNSW index', async () => {
    const plan = await explainNewMatchNearest(db, model.key, ['fo0'], { pool: POOL, forceIndexScan: true });
    expect(plan).toContain(hnswIndexNames(model.key).member);
  });

  it('validates its arguments', async () => {
    await expect(newMatchCandidates(db, { modelKey: model.key, openings: [{ openingId: 'fo0' }], scoreWeight: 2 })).rejects.toThrow(/scoreWeight/);
    await expect(newMatchCandidates(db, { modelKey: model.key, openings: [{ openingId: 'fo0' }], scoreWeight: 0.5, pool: 0 })).rejects.toThrow(/pool/);
  });
});
