import { REGIONS, STACKS, TAGS, TRAITS, renderOpeningSentence, renderProfileSentence, type Profile } from '@moim/matching';

/** Deterministic spec-shaped profile and opening sentences (half each), all distinct. */
export function benchSentences(count: number, seed = 1): string[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const some = <T>(items: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(items)))];
  const out = new Set<string>();
  while (out.size < count) {
    if (out.size % 2 === 0) {
      const profile: Profile = { region: pick(REGIONS), experienceYears: Math.floor(next() * 9), stacks: some(STACKS, 3), traits: some(TRAITS, 3) };
      out.add(renderProfileSentence(profile));
    } else {
      out.add(renderOpeningSentence({ region: pick(REGIONS), minExperienceYears: Math.floor(next() * 8), stacks: some(STACKS, 3), tags: some(TAGS, 3) }));
    }
  }
  return [...out];
}
