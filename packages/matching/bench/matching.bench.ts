// Throughput of the hot paths: label generation scores millions of pairs, the API renders and parses per request.
import { bench, describe } from 'vitest';
import {
  REGIONS,
  STACKS,
  TAGS,
  TRAITS,
  normalizeProfile,
  parseOpeningSentence,
  referenceScore,
  renderOpeningSentence,
  type OpeningCriteria,
  type Profile,
} from '../src/index';

// Deterministic pseudo-random records (no Math.random, so runs compare).
let state = 42;
const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
const pickSome = <T>(list: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(list)))];

const profiles: Profile[] = Array.from({ length: 1000 }, () => ({
  region: pick(REGIONS),
  experienceYears: Math.floor(next() * 10),
  stacks: pickSome(STACKS, 3),
  traits: pickSome(TRAITS, 2),
}));
const openings: OpeningCriteria[] = Array.from({ length: 1000 }, () => ({
  region: pick(REGIONS),
  minExperienceYears: Math.floor(next() * 8),
  stacks: pickSome(STACKS, 3),
  tags: pickSome(TAGS, 2),
}));
const sentences = openings.map(renderOpeningSentence);
const rawProfiles = profiles.map((p) => ({ ...p, region: p.region.slice(0, 2), stacks: p.stacks.map((s) => s.toLowerCase()) }));

describe('matching (1000 items per iteration)', () => {
  bench('referenceScore', () => {
    for (let i = 0; i < 1000; i++) referenceScore(profiles[i]!, openings[(i * 7) % 1000]!);
  });
  bench('renderOpeningSentence', () => {
    for (const o of openings) renderOpeningSentence(o);
  });
  bench('parseOpeningSentence', () => {
    for (const s of sentences) parseOpeningSentence(s);
  });
  bench('normalizeProfile (aliases)', () => {
    for (const p of rawProfiles) {
      try {
        normalizeProfile(p);
      } catch {
        // a two-letter region prefix is not always an alias; errors are part of the workload
      }
    }
  });
});
