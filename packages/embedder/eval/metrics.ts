/** Retrieval and correlation metrics for the model evaluation (pure functions). */

export function pearson(xs: readonly number[], ys: readonly number[]): number {
  assertPaired(xs, ys);
  const n = xs.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let cov = 0;
  let varX = 0;
  let varY = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - meanX;
    const dy = ys[i]! - meanY;
    cov += dx * dy;
    varX += dx * dx;
    varY += dy * dy;
  }
  if (varX === 0 || varY === 0) return Number.NaN;
  return cov / Math.sqrt(varX * varY);
}

/** Spearman's rho: Pearson on ranks, tied values sharing their average rank. */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  assertPaired(xs, ys);
  return pearson(averageRanks(xs), averageRanks(ys));
}

export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end++;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i]!.index] = rank;
    start = end + 1;
  }
  return ranks;
}

/**
 * NDCG@k with graded relevance (linear gain rel / log2(position + 1)).
 * `scores` ranks the items (higher first); `relevance` is each item's true grade.
 * Returns null when no item is relevant (the ideal DCG is 0).
 */
export function ndcgAtK(scores: readonly number[], relevance: readonly number[], k: number): number | null {
  assertPaired(scores, relevance);
  const dcg = (indices: number[]) =>
    indices.slice(0, k).reduce((sum, item, position) => sum + relevance[item]! / Math.log2(position + 2), 0);
  const indices = relevance.map((_, i) => i);
  // Ties in the model's score are broken pessimistically (least relevant first) so a constant scorer cannot look good.
  const predicted = [...indices].sort((a, b) => scores[b]! - scores[a]! || relevance[a]! - relevance[b]!);
  const ideal = [...indices].sort((a, b) => relevance[b]! - relevance[a]!);
  const idealDcg = dcg(ideal);
  return idealDcg === 0 ? null : dcg(predicted) / idealDcg;
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function assertPaired(xs: readonly number[], ys: readonly number[]): void {
  if (xs.length !== ys.length) throw new RangeError(`paired lists differ in length: ${xs.length} vs ${ys.length}`);
  if (xs.length === 0) throw new RangeError('paired lists are empty');
}
