import { describe, expect, it } from 'vitest';
import { greedyTeam } from './greedy-team';

describe('greedyTeam', () => {
  const candidates = [
    { stacks: ['React'], score: 0.9 },
    { stacks: ['Java', 'Spring Boot'], score: 0.6 },
    { stacks: ['JPA'], score: 0.5 },
    { stacks: ['React', 'TypeScript'], score: 0.8 },
  ];

  it('covers the required stacks before filling by score', () => {
    // React is taken by the best React candidate; Java+Spring Boot come with one member; then JPA.
    expect(greedyTeam(candidates, ['Java', 'Spring Boot', 'JPA', 'React'], new Set(), 3)).toEqual([1, 0, 2]);
  });

  it('fills remaining seats by score once everything is covered', () => {
    expect(greedyTeam(candidates, ['JPA'], new Set(), 3)).toEqual([2, 0, 3]);
  });

  it('counts stacks of accepted members as covered and never exceeds the seats', () => {
    expect(greedyTeam(candidates, ['React', 'JPA'], new Set(['React']), 1)).toEqual([2]);
    expect(greedyTeam(candidates, ['React'], new Set(), 0)).toEqual([]);
  });
});
