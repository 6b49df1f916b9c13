/**
 * Greedy weighted set cover for one opening: while seats remain and required stacks are uncovered, take the
 * candidate covering the most uncovered stacks (ties: higher score); then fill the remaining seats by score.
 * Returns candidate indexes in pick order. Greedy is within ln(k) of the smallest cover, and k ≤ 10 stacks.
 */
export function greedyTeam(
  candidates: readonly { stacks: readonly string[]; score: number }[],
  required: readonly string[],
  alreadyCovered: ReadonlySet<string>,
  seats: number,
): number[] {
  const uncovered = new Set(required.filter((s) => !alreadyCovered.has(s)));
  const taken = new Set<number>();
  const picked: number[] = [];
  while (picked.length < seats && uncovered.size > 0) {
    let best = -1;
    let bestGain = 0;
    for (const [i, c] of candidates.entries()) {
      if (taken.has(i)) continue;
      const gain = c.stacks.filter((s) => uncovered.has(s)).length;
      if (gain > bestGain || (gain === bestGain && gain > 0 && c.score > candidates[best]!.score)) {
        best = i;
        bestGain = gain;
      }
    }
    if (best < 0) break;
    taken.add(best);
    picked.push(best);
    for (const s of candidates[best]!.stacks) uncovered.delete(s);
  }
  const rest = candidates
    .map((c, i) => ({ i, score: c.score }))
    .filter(({ i }) => !taken.has(i))
    .sort((a, b) => b.score - a.score);
  for (const { i } of rest) {
    if (picked.length >= seats) break;
    picked.push(i);
  }
  return picked;
}
