import { describe, expect, it } from 'vitest';
import { createRng, normalizeProfile, randomOpeningCriteria, randomProfile, renderOpeningSentence, STACK_FAMILIES } from '../src/index';

const sameFamily = (stacks: readonly string[]) => STACK_FAMILIES.some((f) => stacks.every((s) => (f.stacks as readonly string[]).includes(s)));

describe('seeded generator', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws valid profiles: normalising one changes nothing, stacks come from one family', () => {
    const rng = createRng(1);
    for (let i = 0; i < 500; i++) {
      const profile = randomProfile(rng);
      expect(normalizeProfile(profile)).toEqual(profile);
      expect(sameFamily(profile.stacks)).toBe(true);
    }
  });

  it('draws valid opening criteria that render, with every region and some remote', () => {
    const rng = createRng(2);
    const openings = Array.from({ length: 2000 }, () => randomOpeningCriteria(rng));
    for (const o of openings) {
      expect(sameFamily(o.stacks)).toBe(true);
      expect(o.minExperienceYears).toBeGreaterThanOrEqual(0);
      expect(new Set(o.tags).size).toBe(o.tags.length);
      expect(renderOpeningSentence(o)).toContain(' 지역 프로젝트, ');
    }
    const remote = openings.filter((o) => o.region === '재택').length / openings.length;
    expect(remote).toBeGreaterThan(0.2);
    expect(new Set(openings.map((o) => o.region)).size).toBe(18);
  });
});
