import { describe, expect, it } from 'vitest';
import { averageRanks, cosine, ndcgAtK, pearson, spearman } from '../eval/metrics';

describe('pearson', () => {
  it('is 1 for a positive linear relation, -1 for a negative one', () => {
    expect(pearson([1, 2, 3, 4], [3, 5, 7, 9])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 12);
  });
  it('matches a hand computation', () => {
    // x = 1,2,3 ; y = 1,3,2 → cov 1, var 2 and 2 → 0.5
    expect(pearson([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 12);
  });
  it('is NaN when one side is constant and rejects unpaired input', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => pearson([1, 2], [1])).toThrow('paired lists differ in length: 2 vs 1');
  });
});

describe('spearman', () => {
  it('is 1 for any monotonic relation', () => {
    expect(spearman([1, 2, 3, 4, 5], [1, 4, 9, 16, 1000])).toBeCloseTo(1, 12);
  });
  it('gives ties their average rank', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    // ranks x = 1,2.5,2.5,4 vs y = 1,2,3,4 → pearson of those
    expect(spearman([10, 20, 20, 30], [1, 2, 3, 4])).toBeCloseTo(pearson([1, 2.5, 2.5, 4], [1, 2, 3, 4]), 12);
  });
});

describe('ndcgAtK', () => {
  it('is 1 when the ranking puts the most relevant first', () => {
    expect(ndcgAtK([0.9, 0.5, 0.1], [1, 0.5, 0], 2)).toBeCloseTo(1, 12);
  });
  it('matches a hand computation for a swapped pair', () => {
    // predicted order: item1 (rel 0.5), item0 (rel 1) → dcg = 0.5/1 + 1/log2(3); ideal = 1 + 0.5/log2(3)
    const expected = (0.5 + 1 / Math.log2(3)) / (1 + 0.5 / Math.log2(3));
    expect(ndcgAtK([0.1, 0.9, 0], [1, 0.5, 0], 2)).toBeCloseTo(expected, 12);
  });
  it('only counts the top k', () => {
    expect(ndcgAtK([3, 2, 1], [0, 0, 1], 2)).toBe(0);
    expect(ndcgAtK([3, 2, 1], [0, 0, 1], 3)).toBeCloseTo(1 / Math.log2(4), 12);
  });
  it('is null without relevant items and breaks score ties pessimistically', () => {
    expect(ndcgAtK([1, 2], [0, 0], 10)).toBeNull();
    expect(ndcgAtK([1, 1], [1, 0], 1)).toBe(0);
  });
});

describe('cosine', () => {
  it('measures the angle and treats a zero vector as 0', () => {
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([1, 1], [2, 2])).toBeCloseTo(1, 12);
    expect(cosine([0, 0], [1, 1])).toBe(0);
  });
});
