// The one seeded generator of test, demo, bench and training data: mulberry32, so the same seed gives the same
// data on every machine, and random profiles and openings drawn from the vocabulary.
import type { OpeningCriteria, Profile } from './types';
import { REGIONS, REMOTE_REGION, STACK_FAMILIES, TAGS, TRAITS, type Stack } from './vocabulary';

export interface Rng {
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  shuffle<T>(items: readonly T[]): T[];
  sample<T>(items: readonly T[], count: number): T[];
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return {
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)]!;
    },
    chance: (p) => next() < p,
    shuffle,
    sample: (items, count) => shuffle(items).slice(0, count),
    weighted: (entries) => {
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [value, w] of entries) {
        r -= w;
        if (r < 0) return value;
      }
      return entries[entries.length - 1]![0];
    },
  };
}

/** A stack family's stacks, each a coherent set one person or team might work with. */
const FAMILIES: readonly (readonly Stack[])[] = STACK_FAMILIES.map((family) => family.stacks);

/** A random member profile from the vocabulary: stacks from one family (1–3), 0–8 years, 0–3 traits. */
export function randomProfile(rng: Rng): Profile {
  const family = rng.pick(FAMILIES);
  return {
    region: rng.pick(REGIONS),
    experienceYears: rng.int(9),
    stacks: rng.sample(family, 1 + rng.int(Math.min(3, family.length))),
    traits: rng.sample(TRAITS, rng.int(4)),
  };
}

/** A random opening's criteria from the vocabulary: a quarter remote, stacks from one family (1–3), 0–2 tags. */
export function randomOpeningCriteria(rng: Rng): OpeningCriteria {
  const family = rng.pick(FAMILIES);
  return {
    region: rng.chance(0.25) ? REMOTE_REGION : rng.pick(REGIONS),
    minExperienceYears: rng.int(rng.int(7) + 1),
    stacks: rng.sample(family, 1 + rng.int(Math.min(3, family.length))),
    tags: rng.sample(TAGS, rng.int(3)),
  };
}
