import { REGIONS, STACKS, TAGS, TRAITS, renderOpeningSentence, renderProfileSentence, type Profile } from '@moim/matching';

/**
 * An endless, deterministic supply of distinct spec-shaped sentences (profiles and openings in turn). The space
 * of sentences is in the millions, so a fast machine never runs a time-bounded bench out of them.
 */
export function sentenceSource(seed = 1): { take(count: number): string[] } {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const some = <T>(items: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(items)))];
  const seen = new Set<string>();
  const one = () => {
    if (seen.size % 2 === 0) {
      const profile: Profile = { region: pick(REGIONS), experienceYears: Math.floor(next() * 9), stacks: some(STACKS, 3), traits: some(TRAITS, 3) };
      return renderProfileSentence(profile);
    }
    return renderOpeningSentence({ region: pick(REGIONS), minExperienceYears: Math.floor(next() * 8), stacks: some(STACKS, 3), tags: some(TAGS, 3) });
  };
  return {
    take(count) {
      const out: string[] = [];
      while (out.length < count) {
        const sentence = one();
        if (seen.has(sentence)) continue;
        seen.add(sentence);
        out.push(sentence);
      }
      return out;
    },
  };
}

/** The first `count` sentences of `sentenceSource(seed)`. */
export const benchSentences = (count: number, seed = 1): string[] => sentenceSource(seed).take(count);
