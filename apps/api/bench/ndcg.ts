// NDCG@k of a ranking against the exact ranking by the matching rules (gain = referenceScore, log2 discount).
import { combineTerms, scoreTerms, type OpeningCriteria, type Profile } from '@moim/matching';

export function dcg(gains: readonly number[], k: number): number {
  let sum = 0;
  for (let i = 0; i < Math.min(k, gains.length); i++) sum += gains[i]! / Math.log2(i + 2);
  return sum;
}

/**
 * DCG of the best k openings for the profile over all of them. referenceScore's score is
 * combineTerms(scoreTerms(…)); calling those two skips building the reasons, which a million rows would pay for.
 */
export function idealDcg(profile: Profile, openings: readonly OpeningCriteria[], k: number): number {
  const top: number[] = []; // ascending, at most k
  for (const o of openings) {
    const score = combineTerms(scoreTerms(profile, o));
    if (top.length === k && score <= top[0]!) continue;
    let i = 0;
    while (i < top.length && top[i]! < score) i++;
    top.splice(i, 0, score);
    if (top.length > k) top.shift();
  }
  return dcg(top.reverse(), k);
}

/** 1 when the ranking's gains are as good as the ideal; 1 as well when no opening scores above 0. */
export function ndcgAt(gains: readonly number[], ideal: number, k: number): number {
  return ideal === 0 ? 1 : dcg(gains, k) / ideal;
}
