import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MatchingInputError,
  REGIONS,
  STACKS,
  TAGS,
  TRAITS,
  VOCABULARY,
  isRelatedStack,
  normalizeMember,
  normalizeOpening,
  normalizeProfile,
  parseOpeningSentence,
  parseProfileSentence,
  referenceScore,
  renderOpeningSentence,
  renderProfileSentence,
  type Opening,
  type OpeningCriteria,
  type Profile,
} from '../src/index';

const region = fc.constantFrom(...REGIONS);
const years = fc.integer({ min: 0, max: 50 });
const stacks = fc.uniqueArray(fc.constantFrom(...STACKS), { minLength: 1, maxLength: 10 });
const traits = fc.uniqueArray(fc.constantFrom(...TRAITS), { maxLength: 8 });
const tags = fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 8 });

const profile: fc.Arbitrary<Profile> = fc.record({ region, experienceYears: years, stacks, traits });
const criteria: fc.Arbitrary<OpeningCriteria> = fc.record({ region, minExperienceYears: years, stacks, tags });
const opening: fc.Arbitrary<Opening> = fc.record({
  externalId: fc.option(fc.stringMatching(/^[A-Za-z0-9._:\-/]{1,40}$/), { nil: null }),
  kind: fc.constantFrom('PROJECT' as const, 'STUDY' as const),
  // Titles as normalizeOpening returns them: trimmed, NFC, no control characters.
  title: fc
    .string({ minLength: 1, maxLength: 30, unit: 'grapheme' })
    .filter((s) => s === s.normalize('NFC') && /^\S(.*\S)?$/u.test(s) && !/[\p{Cc}\u2028\u2029\ufeff]/u.test(s) && [...s].length <= 120),
  description: fc.constant('설명'),
  region,
  stacks,
  minExperienceYears: years,
  tags,
  capacity: fc.integer({ min: 1, max: 50 }),
});

/** The sentences cannot tell 7 from more: the vocabulary stops at 7년차 이상. */
const capYears = <T extends { experienceYears: number } | { minExperienceYears: number }>(record: T): T =>
  'experienceYears' in record
    ? { ...record, experienceYears: Math.min(7, record.experienceYears) }
    : { ...record, minExperienceYears: Math.min(7, record.minExperienceYears) };

describe('sentence round trips', () => {
  it('parse(render(profile)) gives the profile back (years capped at 7)', () => {
    fc.assert(fc.property(profile, (p) => {
      expect(parseProfileSentence(renderProfileSentence(p))).toEqual(capYears(p));
    }));
  });
  it('parse(render(opening)) gives the criteria back (years capped at 7)', () => {
    fc.assert(fc.property(criteria, (o) => {
      expect(parseOpeningSentence(renderOpeningSentence(o))).toEqual(capYears(o));
    }));
  });
  it('render(parse(s)) === s for every rendered sentence', () => {
    fc.assert(
      fc.property(profile, criteria, (p, o) => {
        const ps = renderProfileSentence(p);
        const os = renderOpeningSentence(o);
        expect(renderProfileSentence(parseProfileSentence(ps))).toBe(ps);
        expect(renderOpeningSentence(parseOpeningSentence(os))).toBe(os);
      }),
    );
  });
  it('a sentence with one character changed either fails to parse or still round-trips', () => {
    fc.assert(
      fc.property(profile, fc.nat(), fc.string({ minLength: 0, maxLength: 2 }), (p, at, insert) => {
        const s = renderProfileSentence(p);
        const i = at % (s.length + 1);
        const mutated = s.slice(0, i) + insert + s.slice(i + 1);
        let parsed: Profile;
        try {
          parsed = parseProfileSentence(mutated);
        } catch (error) {
          expect(error).toBeInstanceOf(MatchingInputError);
          return;
        }
        expect(renderProfileSentence(parsed)).toBe(mutated);
      }),
    );
  });
});

describe('reference score', () => {
  it('is within [0, 1] and a 4-decimal-safe number', () => {
    fc.assert(
      fc.property(profile, criteria, (p, o) => {
        const { score } = referenceScore(p, o);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(Math.round(score * 1e7) / 1e7).toBe(score);
      }),
    );
  });
  it('is 0 exactly when no member stack equals or relates to an opening stack', () => {
    fc.assert(
      fc.property(profile, criteria, (p, o) => {
        const overlap = p.stacks.some((s) => o.stacks.some((t) => s === t || isRelatedStack(s, t)));
        expect(referenceScore(p, o).score === 0).toBe(!overlap);
      }),
    );
  });
  it('has a stack reason first and at most one reason per code', () => {
    fc.assert(
      fc.property(profile, criteria, (p, o) => {
        const found = referenceScore(p, o).reasons.map((r) => r.code);
        expect(['STACK_MATCH', 'STACK_RELATED', 'NO_STACK_OVERLAP']).toContain(found[0]);
        expect(new Set(found).size).toBe(found.length);
      }),
    );
  });
  it('never decreases when the member gains experience', () => {
    fc.assert(
      fc.property(profile, criteria, fc.integer({ min: 1, max: 5 }), (p, o, more) => {
        const later = { ...p, experienceYears: Math.min(50, p.experienceYears + more) };
        expect(referenceScore(later, o).score).toBeGreaterThanOrEqual(referenceScore(p, o).score);
      }),
    );
  });
  it('is symmetric in relatedness: isRelatedStack(a, b) === isRelatedStack(b, a)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STACKS), fc.constantFrom(...STACKS), (a, b) => {
        expect(isRelatedStack(a, b)).toBe(isRelatedStack(b, a));
      }),
    );
  });
});

describe('normalisation', () => {
  it('is idempotent and the identity on canonical profiles', () => {
    fc.assert(
      fc.property(profile, (p) => {
        const once = normalizeProfile(p);
        expect(once).toEqual(p);
        expect(normalizeProfile(once)).toEqual(once);
      }),
    );
  });
  it('is idempotent on canonical members and openings', () => {
    fc.assert(
      fc.property(profile, fc.constant('모임 회원'), fc.option(fc.stringMatching(/^\d{17,20}$/), { nil: null }), (p, displayName, discordId) => {
        const member = { ...p, displayName, discordId };
        expect(normalizeMember(member)).toEqual(member);
      }),
    );
    fc.assert(
      fc.property(opening, (o) => {
        expect(normalizeOpening(o)).toEqual(o);
      }),
    );
  });
  it('is idempotent on alias input: normalize(normalize(x)) equals normalize(x)', () => {
    const { aliases } = VOCABULARY;
    const anyCase = (text: string, upper: boolean) => (upper ? text.toUpperCase() : text);
    const typedStacks = fc.uniqueArray(fc.constantFrom(...Object.entries(aliases.stack), ...STACKS.map((s) => [s, s] as const)), {
      minLength: 1,
      maxLength: 10,
      selector: ([, canonical]) => canonical,
    });
    const typedTraits = fc.uniqueArray(fc.constantFrom(...Object.entries(aliases.trait), ...TRAITS.map((t) => [t, t] as const)), {
      maxLength: 8,
      selector: ([, canonical]) => canonical,
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(aliases.region), ...REGIONS),
        years,
        typedStacks,
        typedTraits,
        fc.boolean(),
        (region, experienceYears, stackPairs, traitPairs, upper) => {
          const once = normalizeProfile({
            region: anyCase(region, upper),
            experienceYears,
            stacks: stackPairs.map(([alias]) => anyCase(alias, upper)),
            traits: traitPairs.map(([alias]) => alias),
          });
          expect(once.stacks).toEqual(stackPairs.map(([, canonical]) => canonical));
          expect(once.traits).toEqual(traitPairs.map(([, canonical]) => canonical));
          expect(normalizeProfile(once)).toEqual(once);
        },
      ),
    );
  });
  it('folds any case and spacing of any alias to the same canonical stack', () => {
    const entries = Object.entries(VOCABULARY.aliases.stack).filter(([alias]) => /[a-z]/.test(alias));
    fc.assert(
      fc.property(fc.constantFrom(...entries), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), fc.constantFrom('', ' ', '  '), ([alias, canonical], upper, pad) => {
        const typed = pad + [...alias].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join('') + pad;
        expect(normalizeProfile({ region: '서울', experienceYears: 1, stacks: [typed] }).stacks).toEqual([canonical]);
      }),
    );
  });
  it('every alias in the vocabulary resolves to its canonical value', () => {
    const { aliases } = VOCABULARY;
    for (const [alias, canonical] of Object.entries(aliases.region)) {
      expect(normalizeProfile({ region: alias, experienceYears: 1, stacks: ['Java'] }).region).toBe(canonical);
    }
    for (const [alias, canonical] of Object.entries(aliases.trait)) {
      expect(normalizeProfile({ region: '서울', experienceYears: 1, stacks: ['Java'], traits: [alias] }).traits).toEqual([canonical]);
    }
    for (const [alias, canonical] of Object.entries(aliases.tag)) {
      const o = { kind: 'STUDY', title: 't', region: '서울', stacks: ['Java'], minExperienceYears: 0, capacity: 1, tags: [alias] };
      expect(normalizeOpening(o).tags).toEqual([canonical]);
    }
  });
  it('rejects random unknown words with UNKNOWN_VALUE on the right item', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{3,12}$/), (word) => {
        fc.pre(!(word in VOCABULARY.aliases.stack) && !STACKS.some((s) => s.toLowerCase().replace(/[^a-z]/g, '') === word));
        expect(() => normalizeProfile({ region: '서울', experienceYears: 1, stacks: ['Java', word] })).toThrow(
          expect.objectContaining({ field: 'stacks[1]', value: word, reason: 'UNKNOWN_VALUE' }),
        );
      }),
    );
  });
});
