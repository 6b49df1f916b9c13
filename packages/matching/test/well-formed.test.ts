import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatchingInputError, normalizeMember, normalizeOpening } from '../src/index';

const member = { displayName: '김모임', discordId: '123456789012345678', region: '서울', experienceYears: 2, stacks: ['Java'], traits: ['비전공자'] };
const opening = {
  externalId: 'sheet-1',
  kind: 'PROJECT',
  title: '스프링 프로젝트',
  description: '함께 만들어요',
  region: '서울',
  stacks: ['Java'],
  minExperienceYears: 1,
  tags: ['팀 협업'],
  capacity: 3,
};

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
/** A string with one unpaired surrogate somewhere (a high one followed by a non-low unit, or a bare low one). */
const withLoneSurrogate = fc
  .tuple(fc.string({ maxLength: 10 }), loneSurrogate, fc.string({ maxLength: 10 }))
  .map(([a, s, b]) => `${a}${s}${b.replace(/^[\uDC00-\uDFFF]/, 'x')}`)
  .filter((s) => /[\uD800-\uDFFF]/u.test(s));

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof MatchingInputError) {
      expect(error.reason).toBe('INVALID_FORMAT');
      return error.field;
    }
    throw error;
  }
  throw new Error('expected a MatchingInputError');
}

describe('lone UTF-16 surrogates are refused, never stored as U+FFFD', () => {
  it('in every member text field', () => {
    fc.assert(
      fc.property(withLoneSurrogate, fc.constantFrom('displayName', 'region', 'stacks', 'traits'), (bad, key) => {
        const input = { ...member, [key]: key === 'stacks' || key === 'traits' ? [bad] : bad };
        const field = fieldOf(() => normalizeMember(input as never));
        expect(field).toBe(key === 'stacks' || key === 'traits' ? `${key}[0]` : key);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('in every opening text field', () => {
    const keys = ['externalId', 'kind', 'title', 'description', 'region', 'stacks', 'tags'] as const;
    fc.assert(
      fc.property(withLoneSurrogate, fc.constantFrom(...keys), (bad, key) => {
        const input = { ...opening, [key]: key === 'stacks' || key === 'tags' ? [bad] : bad };
        const field = fieldOf(() => normalizeOpening(input as never));
        expect(field).toBe(key === 'stacks' || key === 'tags' ? `${key}[0]` : key);
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it('paired surrogates (emoji) are still text', () => {
    expect(normalizeMember({ ...member, displayName: '모임😀' } as never).displayName).toBe('모임😀');
  });
});
