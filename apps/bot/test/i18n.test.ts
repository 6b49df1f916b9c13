import { describe, expect, it } from 'vitest';
import { languageOf, translator } from '../src/i18n';

describe('i18n', () => {
  it('is Korean by default and English for en-* locales', () => {
    expect(languageOf(undefined)).toBe('ko');
    expect(languageOf('ko')).toBe('ko');
    expect(languageOf('ja')).toBe('ko');
    expect(languageOf('en-US')).toBe('en');
    expect(languageOf('en-GB')).toBe('en');
  });
  it('fills parameters and leaves unknown ones visible', () => {
    expect(translator('ko')('error.cooldown', { seconds: 3 })).toBe('조금만 천천히! 3초 후에 다시 시도해 주세요.');
    expect(translator('en-US')('error.cooldown', { seconds: 3 })).toBe('Slow down a little! Try again in 3s.');
    expect(translator('ko')('error.cooldown')).toContain('{seconds}');
  });
});

describe('optionNameFor', () => {
  it('names API input fields by the option the member typed', async () => {
    const { optionNameFor } = await import('../src/interactions/errors');
    expect(optionNameFor('profile.region')).toBe('region');
    expect(optionNameFor('input.experienceYears')).toBe('years');
    expect(optionNameFor('profile.stacks[0]')).toBe('stack');
    expect(optionNameFor('stacks[2]')).toBe('stack3');
    expect(optionNameFor('stacks')).toBe('stack');
    expect(optionNameFor('input.traits[1]')).toBe('extra2');
    expect(optionNameFor('traits[7]')).toBe('traits[7]');
    expect(optionNameFor('openingId')).toBe('openingId');
  });
});
