import { REGIONS, STACKS, TAGS, TRAITS, type OpeningInput, type ProfileInput } from '@moim/matching';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const some = <T>(r: () => number, xs: readonly T[], n: number): T[] => {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]!);
  return out;
};

/** Synthetic openings drawn from the vocabulary (deterministic per seed). */
export function benchOpenings(n: number, seed: number): OpeningInput[] {
  const r = random(seed);
  return Array.from({ length: n }, (_, i) => ({
    externalId: `bench-${seed}-${i}`,
    kind: r() < 0.6 ? 'PROJECT' : 'STUDY',
    title: `벤치마크 모집 ${i}`,
    description: '',
    region: REGIONS[Math.floor(r() * REGIONS.length)]!,
    stacks: some(r, STACKS, 1 + Math.floor(r() * 3)),
    minExperienceYears: Math.floor(r() * 6),
    tags: r() < 0.5 ? [] : some(r, TAGS, 1 + Math.floor(r() * 2)),
    capacity: 2 + Math.floor(r() * 5),
  }));
}

export function benchProfiles(n: number, seed: number): ProfileInput[] {
  const r = random(seed);
  return Array.from({ length: n }, () => ({
    region: REGIONS[Math.floor(r() * REGIONS.length)]!,
    experienceYears: Math.floor(r() * 8),
    stacks: some(r, STACKS, 1 + Math.floor(r() * 3)),
    traits: some(r, TRAITS, Math.floor(r() * 3)),
  }));
}
