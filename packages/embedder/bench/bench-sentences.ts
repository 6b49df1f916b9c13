import { createRng, randomOpeningCriteria, randomProfile, renderOpeningSentence, renderProfileSentence } from '@moim/matching';

/**
 * An endless, deterministic supply of distinct spec-shaped sentences, profiles and openings in turn. There are
 * about 370,000 distinct opening sentences and millions of profile sentences: when openings run dry, profiles
 * continue, so a fast machine never runs a time-bounded bench out of sentences.
 */
export function sentenceSource(seed = 1): { take(count: number): string[] } {
  const rng = createRng(seed);
  const seen = new Set<string>();
  let duplicatesInARow = 0;
  const one = () => {
    const opening = seen.size % 2 === 1 && duplicatesInARow < 100;
    return opening ? renderOpeningSentence(randomOpeningCriteria(rng)) : renderProfileSentence(randomProfile(rng));
  };
  return {
    take(count) {
      const out: string[] = [];
      while (out.length < count) {
        const sentence = one();
        if (seen.has(sentence)) {
          duplicatesInARow++;
          continue;
        }
        duplicatesInARow = 0;
        seen.add(sentence);
        out.push(sentence);
      }
      return out;
    },
  };
}

/** The first `count` sentences of `sentenceSource(seed)`. */
export const benchSentences = (count: number, seed = 1): string[] => sentenceSource(seed).take(count);
