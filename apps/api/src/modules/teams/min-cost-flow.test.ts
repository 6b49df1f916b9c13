import { describe, expect, it } from 'vitest';
import { maxWeightAssignment, MinCostFlow, type WeightedEdge } from './min-cost-flow';
import { createRng } from '@moim/matching';

/** Exhaustive optimum: every member tries "unassigned" and every opening with a free seat. */
function bruteForce(memberCount: number, capacities: number[], edges: WeightedEdge[]): number {
  const weight = new Map(edges.map((e) => [`${e.member}:${e.opening}`, e.weight]));
  const left = [...capacities];
  const go = (m: number): number => {
    if (m === memberCount) return 0;
    let best = go(m + 1);
    for (let j = 0; j < left.length; j++) {
      const w = weight.get(`${m}:${j}`);
      if (w === undefined || w <= 0 || left[j]! === 0) continue;
      left[j]!--;
      best = Math.max(best, w + go(m + 1));
      left[j]!++;
    }
    return best;
  };
  return go(0);
}

const rng = (seed: number): (() => number) => createRng(seed).next;

describe('maxWeightAssignment', () => {
  it('spreads members instead of giving everyone the popular top-1', () => {
    // Both members prefer opening 0 (one seat); the optimum sends member 1 to opening 1.
    const edges = [
      { member: 0, opening: 0, weight: 10 },
      { member: 1, opening: 0, weight: 9 },
      { member: 0, opening: 1, weight: 1 },
      { member: 1, opening: 1, weight: 8 },
    ];
    const r = maxWeightAssignment(2, [1, 1], edges);
    expect(r.total).toBe(18);
    expect(r.assignment).toEqual([0, 1]);
  });

  it('leaves a member unassigned rather than exceed a capacity', () => {
    const r = maxWeightAssignment(3, [2], [0, 1, 2].map((m) => ({ member: m, opening: 0, weight: m + 1 })));
    expect(r.total).toBe(5);
    expect(r.assignment).toEqual([null, 0, 0]);
  });

  it('matches brute force on 300 random small instances', () => {
    const random = rng(42);
    for (let round = 0; round < 300; round++) {
      const members = 1 + Math.floor(random() * 6);
      const openings = 1 + Math.floor(random() * 3);
      const capacities = Array.from({ length: openings }, () => Math.floor(random() * 3));
      const edges: WeightedEdge[] = [];
      for (let m = 0; m < members; m++) {
        for (let j = 0; j < openings; j++) {
          if (random() < 0.75) edges.push({ member: m, opening: j, weight: 1 + Math.floor(random() * 20) });
        }
      }
      const r = maxWeightAssignment(members, capacities, edges);
      expect(r.total, `round ${round}`).toBe(bruteForce(members, capacities, edges));
      // the reported assignment is feasible and its weight is the reported total
      const used = new Array(openings).fill(0);
      let sum = 0;
      r.assignment.forEach((j, m) => {
        if (j === null) return;
        used[j]++;
        sum += edges.find((e) => e.member === m && e.opening === j)!.weight;
      });
      used.forEach((u, j) => expect(u).toBeLessThanOrEqual(capacities[j]!));
      expect(sum).toBe(r.total);
    }
  });
});

describe('MinCostFlow', () => {
  it('finds max flow at min cost on a classic graph', () => {
    const g = new MinCostFlow(4);
    g.addEdge(0, 1, 2, 1);
    g.addEdge(0, 2, 1, 2);
    g.addEdge(1, 2, 1, 1);
    g.addEdge(1, 3, 1, 3);
    g.addEdge(2, 3, 2, 1);
    // paths 0-1-2-3 (3), 0-2-3 (3), 0-1-3 (4)
    expect(g.run(0, 3)).toEqual({ flow: 3, cost: 10 });
  });

  it('refuses non-integer costs', () => {
    expect(() => new MinCostFlow(2).addEdge(0, 1, 1, 0.5)).toThrow(RangeError);
  });
});
