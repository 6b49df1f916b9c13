import { createRng } from '@moim/matching';
import type { TestDatabase } from '../src/testing';

/** Deterministic test data: a seeded generator so failures reproduce. */
export function seededRandom(seed: number): () => number {
  return createRng(seed).next;
}

export function randomVector(random: () => number, dimension: number): Float32Array {
  return Float32Array.from({ length: dimension }, () => random() * 2 - 1);
}

/** Cosine similarity computed in JS, independently of pgvector. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

/** `count` plain members with ids `<prefix>000`, `<prefix>001`, …, for tests that need recipients or applicants; returns the ids. */
export async function seedMembers(db: TestDatabase, prefix: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
  await db.prisma.member.createMany({
    data: ids.map((id, i) => ({ id, displayName: `m${i}`, region: '서울특별시', experienceYears: 1, stacks: ['Java'], sentence: id })),
  });
  return ids;
}
