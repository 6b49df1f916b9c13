// Synthetic openings and profiles for the benchmarks and the faults test, from @moim/matching's one seeded
// generator (the same seed gives the same data on every machine).
import { createRng, randomOpeningCriteria, randomProfile, type OpeningInput, type ProfileInput } from '@moim/matching';

export function benchOpenings(n: number, seed: number): OpeningInput[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => ({
    externalId: `bench-${seed}-${i}`,
    kind: rng.chance(0.6) ? 'PROJECT' : 'STUDY',
    title: `벤치마크 모집 ${i}`,
    description: '',
    capacity: 2 + rng.int(5),
    ...randomOpeningCriteria(rng),
  }));
}

export function benchProfiles(n: number, seed: number): ProfileInput[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => randomProfile(rng));
}
