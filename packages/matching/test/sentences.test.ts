import { describe, expect, it } from 'vitest';
import {
  MatchingInputError,
  experienceLabel,
  minExperienceLabel,
  parseOpeningSentence,
  parseProfileSentence,
  renderOpeningSentence,
  renderProfileSentence,
} from '../src/index';

describe('experience labels', () => {
  it.each([
    [0, '1년 이하'],
    [1, '1년차'],
    [3, '3년차'],
    [6, '6년차'],
    [7, '7년차 이상'],
    [12, '7년차 이상'],
  ])('experienceLabel(%d) = %s', (years, label) => expect(experienceLabel(years)).toBe(label));

  it.each([
    [0, '무관'],
    [1, '1년차 이상'],
    [6, '6년차 이상'],
    [7, '7년차 이상'],
    [20, '7년차 이상'],
  ])('minExperienceLabel(%d) = %s', (years, label) => expect(minExperienceLabel(years)).toBe(label));
});

describe('render', () => {
  it('member with traits', () => {
    expect(
      renderProfileSentence({ region: '경상북도', experienceYears: 2, stacks: ['Java'], traits: ['비전공자', '온라인 중심'] }),
    ).toBe('경상북도 거주, 2년차 개발자, 스택: Java. 추가: 비전공자, 온라인 중심');
  });
  it('member without traits drops the tail; several stacks joined in record order', () => {
    expect(renderProfileSentence({ region: '재택', experienceYears: 0, stacks: ['React', 'Go'], traits: [] })).toBe(
      '재택 거주, 1년 이하 개발자, 스택: React, Go',
    );
  });
  it('opening with tags', () => {
    expect(
      renderOpeningSentence({ region: '경상북도', minExperienceYears: 1, stacks: ['Java'], tags: ['스터디', '프로젝트 중심'] }),
    ).toBe('경상북도 지역 프로젝트, 요구 스택: Java, 필요 경력: 1년차 이상. 특이사항: 스터디, 프로젝트 중심');
  });
  it('opening with no minimum and no tags', () => {
    expect(renderOpeningSentence({ region: '서울특별시', minExperienceYears: 0, stacks: ['Vue.js', 'TypeScript'], tags: [] })).toBe(
      '서울특별시 지역 프로젝트, 요구 스택: Vue.js, TypeScript, 필요 경력: 무관',
    );
  });
  it('opening at 7 years never renders the seed glitch', () => {
    expect(renderOpeningSentence({ region: '경상남도', minExperienceYears: 7, stacks: ['Flask'], tags: [] })).toBe(
      '경상남도 지역 프로젝트, 요구 스택: Flask, 필요 경력: 7년차 이상',
    );
  });
});

describe('parse', () => {
  it('member sentence', () => {
    expect(parseProfileSentence('충청북도 거주, 7년차 이상 개발자, 스택: React, Next.js. 추가: 비전공자 환영, 온라인 중심')).toEqual({
      region: '충청북도',
      experienceYears: 7,
      stacks: ['React', 'Next.js'],
      traits: ['비전공자 환영', '온라인 중심'],
    });
  });
  it('opening sentence with several stacks, 무관, no tags', () => {
    expect(parseOpeningSentence('재택 지역 프로젝트, 요구 스택: Python (Pandas), HTML/CSS/JS, 필요 경력: 무관')).toEqual({
      region: '재택',
      minExperienceYears: 0,
      stacks: ['Python (Pandas)', 'HTML/CSS/JS'],
      tags: [],
    });
  });

  const badProfiles = [
    '서울 거주, 2년차 개발자, 스택: Java', // alias, not canonical
    '서울특별시 거주, 2년차 개발자, 스택: java',
    '서울특별시 거주, 8년차 개발자, 스택: Java',
    '서울특별시 거주, 0년차 개발자, 스택: Java',
    '서울특별시 거주, 2년차 개발자, 스택: Java, Java',
    '서울특별시 거주, 2년차 개발자, 스택: Java. 추가: ',
    '서울특별시 거주, 2년차 개발자, 스택: Java. 추가: 야근',
    '서울특별시 거주, 2년차 개발자, 스택: Java.',
    '서울특별시 거주, 2년차 개발자, 스택: Java,Spring Boot',
    '서울특별시 거주,  2년차 개발자, 스택: Java',
    ' 서울특별시 거주, 2년차 개발자, 스택: Java',
    '서울특별시 거주, 2년차 개발자, 스택: Java ',
    '서울특별시 지역 프로젝트, 요구 스택: Java, 필요 경력: 무관',
    '',
  ];
  it.each(badProfiles)('rejects member sentence %j with field "sentence"', (s) => {
    expect(() => parseProfileSentence(s)).toThrow(MatchingInputError);
    try {
      parseProfileSentence(s);
    } catch (error) {
      expect((error as MatchingInputError).field).toBe('sentence');
      expect((error as MatchingInputError).value).toBe(s);
    }
  });

  const badOpenings = [
    '서울특별시 지역 프로젝트, 요구 스택: Java, 필요 경력: 0년차 이상',
    '서울특별시 지역 프로젝트, 요구 스택: Java, 필요 경력: 8년차 이상',
    '서울특별시 지역 프로젝트, 요구 스택: Java, 필요 경력: 3년차 이상 이상',
    '서울특별시 지역 프로젝트, 요구 스택: Java, 필요 경력: 3년차',
    '서울특별시 지역 프로젝트, 요구 스택: Rust, 필요 경력: 무관',
    '서울특별시 지역 프로젝트, 요구 스택: Java, 필요 경력: 무관. 특이사항: 비전공자',
    '서울특별시 지역 프로젝트, 요구 스택: Java, 필요 경력: 무관. 특이사항: 스터디, 스터디',
    '서울특별시 지역 스터디, 요구 스택: Java, 필요 경력: 무관',
    '서울특별시 거주, 2년차 개발자, 스택: Java',
  ];
  it.each(badOpenings)('rejects opening sentence %j with field "sentence"', (s) => {
    expect(() => parseOpeningSentence(s)).toThrow(expect.objectContaining({ field: 'sentence', value: s }));
  });

  it('explains what was wrong', () => {
    expect(() => parseOpeningSentence('서울특별시 지역 프로젝트, 요구 스택: Rust, 필요 경력: 무관')).toThrow(
      /^sentence: unknown stack "Rust" \(expected one of: Java, /,
    );
  });

  it('rejects non-strings', () => {
    expect(() => parseProfileSentence(42 as never)).toThrow(expect.objectContaining({ field: 'sentence', reason: 'INVALID_FORMAT' }));
  });
});
