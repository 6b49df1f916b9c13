import { describe, expect, it } from 'vitest';
import {
  parseOpeningSentence,
  parseProfileSentence,
  renderOpeningSentence,
  renderProfileSentence,
} from '../src/index';
import { readSeedSentences } from './seed-card';

const GLITCH = '필요 경력: 7년차 이상 이상';
const seed = readSeedSentences();
const all = [...seed.widget, ...seed.usage, ...seed.table];

describe('seed card sentences', () => {
  it('finds every sentence in the card (5 widget groups of 4, 3 usage, 3 table rows of 2)', () => {
    expect(seed.widget).toHaveLength(20);
    expect(seed.usage).toHaveLength(3);
    expect(seed.table).toHaveLength(6);
  });

  it.each(all.filter((s) => s.includes(' 거주, ')))('member sentence round-trips byte for byte: %s', (sentence) => {
    expect(Buffer.from(renderProfileSentence(parseProfileSentence(sentence)))).toEqual(Buffer.from(sentence));
  });

  it.each(all.filter((s) => s.includes(' 지역 프로젝트, ') && !s.includes(GLITCH)))(
    'opening sentence round-trips byte for byte: %s',
    (sentence) => {
      expect(Buffer.from(renderOpeningSentence(parseOpeningSentence(sentence)))).toEqual(Buffer.from(sentence));
    },
  );

  it('parses the seed glitch "7년차 이상 이상" as 7 and renders the spec form', () => {
    const glitched = all.filter((s) => s.includes(GLITCH));
    expect(glitched.length).toBeGreaterThan(0);
    for (const sentence of glitched) {
      const opening = parseOpeningSentence(sentence);
      expect(opening.minExperienceYears).toBe(7);
      expect(renderOpeningSentence(opening)).toBe(sentence.replace(GLITCH, '필요 경력: 7년차 이상'));
    }
  });
});
