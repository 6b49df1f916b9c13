import { REGIONS, STACKS, TAGS, TRAITS } from '@moim/matching';
import { describe, expect, it } from 'vitest';
import type { Vocabulary } from '../src/api/types';
import { completeProfile, profileChoices, readProfileOptions } from '../src/command-helpers/profile-options';
import { UserFacingError } from '../src/interactions/errors';
import { options } from './support/fake-context';

const vocabulary: Vocabulary = {
  regions: Array.from({ length: 40 }, (_, i) => `지역${i}`),
  stacks: ['Java', 'Spring Boot', 'JPA', 'x'.repeat(150)],
  traits: ['비전공자', '온라인 중심'],
  tags: [],
};

describe('profile options', () => {
  it('autocomplete offers at most 25 choices of at most 100 characters, matching any part case-insensitively', () => {
    expect(profileChoices('region', '', vocabulary)).toHaveLength(25);
    expect(profileChoices('region', '지역3', vocabulary).map((c) => c.value)).toEqual(['지역3', '지역30', '지역31', '지역32', '지역33', '지역34', '지역35', '지역36', '지역37', '지역38', '지역39']);
    expect(profileChoices('stack2', 'j', vocabulary).map((c) => c.value)).toEqual(['Java', 'JPA']);
    const long = profileChoices('stack', 'xxx', vocabulary)[0]!;
    expect(long.name.length).toBeLessThanOrEqual(100);
    expect(profileChoices('extra3', '온라인', vocabulary)).toEqual([{ name: '온라인 중심', value: '온라인 중심' }]);
    expect(profileChoices('unknown', '', vocabulary)).toEqual([]);
  });

  it('folds case to the canonical name and keeps the order stack, stack2, stack3', () => {
    const read = readProfileOptions(options({ region: '지역1', years: 0, stack: 'jpa', stack3: 'JAVA', extra2: '비전공자' }), vocabulary);
    expect(read).toEqual({ region: '지역1', experienceYears: 0, stacks: ['JPA', 'Java'], traits: ['비전공자'], any: true });
    expect(readProfileOptions(options({}), vocabulary).any).toBe(false);
  });

  it('folds typed aliases to canonical names, so the buttons that encode the query can be built', () => {
    const real: Vocabulary = { regions: [...REGIONS], stacks: [...STACKS], traits: [...TRAITS], tags: [...TAGS] };
    const read = readProfileOptions(options({ region: '경북', years: 2, stack: '자바', stack2: 'springboot', extra: '비전공' }), real);
    expect(read).toEqual({ region: '경상북도', experienceYears: 2, stacks: ['Java', 'Spring Boot'], traits: ['비전공자'], any: true });
    expect(readProfileOptions(options({ region: '화성', stack: 'Rust' }), real)).toMatchObject({ region: '화성', stacks: ['Rust'] });
  });

  it('fills missing options from the saved profile and names the first one still missing', () => {
    const saved = { region: '지역2', experienceYears: 4, stacks: ['Java'], traits: ['비전공자'] };
    const partial = readProfileOptions(options({ stack: 'Spring Boot' }), vocabulary);
    expect(completeProfile(partial, saved)).toEqual({ region: '지역2', experienceYears: 4, stacks: ['Spring Boot'], traits: ['비전공자'] });
    const missing = (() => {
      try {
        completeProfile(readProfileOptions(options({ region: '지역1', stack: 'Java' }), vocabulary), null);
      } catch (error) {
        return error;
      }
    })();
    expect(missing).toBeInstanceOf(UserFacingError);
    expect(missing).toMatchObject({ key: 'error.missingOption', params: { field: 'years' } });
  });
});
