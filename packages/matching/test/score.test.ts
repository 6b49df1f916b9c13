import { describe, expect, it } from 'vitest';
import {
  parseOpeningSentence,
  parseProfileSentence,
  referenceScore,
  scoreTerms,
  regionMatches,
  experienceMet,
  type OpeningCriteria,
  type Profile,
} from '../src/index';
import { readSeedSentences } from './seed-card';

const profile = (over: Partial<Profile> = {}): Profile => ({
  region: '서울특별시',
  experienceYears: 3,
  stacks: ['Java'],
  traits: [],
  ...over,
});
const opening = (over: Partial<OpeningCriteria> = {}): OpeningCriteria => ({
  region: '서울특별시',
  minExperienceYears: 3,
  stacks: ['Java'],
  tags: [],
  ...over,
});
const score = (p: Partial<Profile>, o: Partial<OpeningCriteria>) => referenceScore(profile(p), opening(o)).score;
const codes = (p: Partial<Profile>, o: Partial<OpeningCriteria>) =>
  referenceScore(profile(p), opening(o)).reasons.map((r) => r.code);
const messages = (p: Partial<Profile>, o: Partial<OpeningCriteria>) =>
  referenceScore(profile(p), opening(o)).reasons.map((r) => r.message);

describe('spec §3 seed checks', () => {
  const cases: [string, string, number][] = [
    [
      '경기도 거주, 1년 이하 개발자, 스택: Django. 추가: CS 전공자, 오프라인 중심',
      '대구광역시 지역 프로젝트, 요구 스택: Flask, 필요 경력: 4년차 이상. 특이사항: 팀 협업',
      0.375,
    ],
    [
      '충청북도 거주, 7년차 이상 개발자, 스택: React. 추가: 비전공자 환영, 온라인 중심',
      '충청북도 지역 프로젝트, 요구 스택: Spring Boot, 필요 경력: 4년차 이상. 특이사항: CS 전공자 필수, 프로젝트 중심',
      0,
    ],
    [
      '경기도 거주, 1년 이하 개발자, 스택: Flask. 추가: 토이 프로젝트, 오프라인 중심',
      '경기도 지역 프로젝트, 요구 스택: Spring Boot, 필요 경력: 3년차 이상. 특이사항: 리서치 중심, 프로젝트 중심',
      0,
    ],
    [
      '경상북도 거주, 2년차 개발자, 스택: Java. 추가: 비전공자, 온라인 중심',
      '경상북도 지역 프로젝트, 요구 스택: Java, 필요 경력: 1년차 이상. 특이사항: 스터디, 프로젝트 중심',
      1,
    ],
    [
      '경상북도 거주, 2년차 개발자, 스택: Java. 추가: 비전공자, 온라인 중심',
      '강원도 지역 프로젝트, 요구 스택: JPA, 필요 경력: 2년차 이상. 특이사항: 비전공자 환영, 프로젝트 중심',
      0.5625,
    ],
  ];
  it.each(cases)('%s vs %s → %d', (member, open, expected) => {
    expect(referenceScore(parseProfileSentence(member), parseOpeningSentence(open)).score).toBe(expected);
  });

  it('the card samples table rows are the first three spec cases', () => {
    const samples = readSeedSentences().samples;
    expect(samples.map(([m, o]) => [m, o])).toEqual(cases.slice(0, 3).map(([m, o]) => [m, o]));
    expect(samples.map(([, , label]) => label)).toEqual([0.4, 0, 0]);
  });

  it('JPA case explains itself: related stack, other region, experience met', () => {
    const result = referenceScore(
      parseProfileSentence('경상북도 거주, 2년차 개발자, 스택: Java. 추가: 비전공자, 온라인 중심'),
      parseOpeningSentence('강원도 지역 프로젝트, 요구 스택: JPA, 필요 경력: 2년차 이상. 특이사항: 비전공자 환영, 프로젝트 중심'),
    );
    expect(result.reasons).toEqual([
      { code: 'STACK_RELATED', message: '관련 스택 (JPA ~ Java)' },
      { code: 'DIFFERENT_REGION', message: '다른 지역 (강원도)' },
      { code: 'EXPERIENCE_MET', message: '경력 충족 (2년차 ≥ 2년차)' },
    ]);
  });
});

describe('stack term', () => {
  it.each([
    [['Java'], ['Java'], 1],
    [['Java'], ['JPA'], 0.75],
    [['Kotlin'], ['Spring Boot'], 0.75],
    [['Django'], ['Python (Pandas)'], 0.75],
    [['FastAPI'], ['Flask'], 0.75],
    [['React'], ['Vue.js'], 0.75],
    [['TypeScript'], ['Node.js'], 0.75],
    [['Next.js'], ['Node.js'], 0.75],
    [['HTML/CSS/JS'], ['TypeScript'], 0.75],
    [['React'], ['Node.js'], 0],
    [['HTML/CSS/JS'], ['Node.js'], 0],
    [['Go'], ['Java'], 0],
    [['Go'], ['Go'], 1],
    [['Java', 'React'], ['Django', 'JPA'], 0.75],
    [['Java', 'React'], ['JPA', 'React'], 1],
  ] as const)('member %j vs opening %j → %d', (has, wanted, expected) => {
    expect(scoreTerms(profile({ stacks: [...has] }), opening({ stacks: [...wanted] })).stack).toBe(expected);
  });

  it('is the multiplier: all else perfect gives the stack term', () => {
    expect(score({ stacks: ['Java'] }, { stacks: ['Java'] })).toBe(1);
    expect(score({ stacks: ['Java'] }, { stacks: ['Kotlin'] })).toBe(0.75);
  });

  it('zero stack gives zero even with region, experience and bonus all met', () => {
    expect(score({ stacks: ['Go'], traits: ['스터디', '팀 협업'] }, { stacks: ['React'], tags: ['스터디', '팀 협업'] })).toBe(0);
  });
});

describe('region term', () => {
  it('same region counts 0.25', () => {
    expect(score({ region: '부산광역시' }, { region: '부산광역시' })).toBe(1);
    expect(score({ region: '부산광역시' }, { region: '서울특별시' })).toBe(0.75);
  });
  it('a 재택 opening matches any member region', () => {
    expect(score({ region: '제주특별자치도' }, { region: '재택' })).toBe(1);
  });
  it('a 재택 member only matches 재택 openings', () => {
    expect(score({ region: '재택' }, { region: '서울특별시' })).toBe(0.75);
    expect(score({ region: '재택' }, { region: '재택' })).toBe(1);
  });
});

describe('experience term', () => {
  it.each([
    [5, 3, 1],
    [3, 3, 1],
    [2, 3, 0.5],
    [1, 3, 0],
    [0, 0, 1],
    [0, 1, 0.5],
    [7, 8, 0.5],
  ])('member %d years vs min %d → exp %d', (years, min, exp) => {
    expect(scoreTerms(profile({ experienceYears: years }), opening({ minExperienceYears: min })).exp).toBe(exp);
  });
  it('short by one costs 0.125, short by more costs 0.25', () => {
    expect(score({ experienceYears: 2 }, { minExperienceYears: 3 })).toBe(0.875);
    expect(score({ experienceYears: 1 }, { minExperienceYears: 3 })).toBe(0.75);
  });
});

describe('major term', () => {
  it('halves the score for 비전공자 against CS 전공자 필수', () => {
    expect(score({ traits: ['비전공자'] }, { tags: ['CS 전공자 필수'] })).toBe(0.5);
  });
  it.each([
    [['CS 전공자'], ['CS 전공자 필수']],
    [['비전공자 환영'], ['CS 전공자 필수']],
    [['비전공자'], ['비전공자 환영']],
    [[], ['CS 전공자 필수']],
  ] as const)('does not apply for traits %j and tags %j', (traits, tags) => {
    expect(score({ traits: [...traits] }, { tags: [...tags] })).toBe(1);
  });
  it('applies before the bonus is added', () => {
    // 0.75 stack, other region, exp met: 0.75 * 0.75 * 0.5 + 0.05
    expect(
      score(
        { region: '경기도', stacks: ['Kotlin'], traits: ['비전공자', '스터디'] },
        { stacks: ['Java'], tags: ['CS 전공자 필수', '스터디'] },
      ),
    ).toBe(0.33125);
  });
});

describe('bonus term', () => {
  const low = { region: '경기도' as const, experienceYears: 0 }; // base 0.5 with an exact stack match
  it('adds 0.05 per shared bonus tag', () => {
    expect(score({ ...low, traits: ['스터디'] }, { tags: ['스터디'] })).toBe(0.55);
    expect(score({ ...low, traits: ['스터디', '팀 협업'] }, { tags: ['팀 협업', '스터디'] })).toBe(0.6);
  });
  it('caps at 0.1', () => {
    const traits = ['스터디', '팀 협업', '토이 프로젝트', '리서치 중심', '프로덕트 중심'] as const;
    const result = scoreTerms(profile({ ...low, traits: [...traits] }), opening({ tags: [...traits] }));
    expect(result.sharedTags).toHaveLength(5);
    expect(result.bonus).toBe(0.1);
    expect(score({ ...low, traits: [...traits] }, { tags: [...traits] })).toBe(0.6);
  });
  it.each(['스터디', '토이 프로젝트', '리서치 중심', '프로덕트 중심', '팀 협업'] as const)('counts %s', (tag) => {
    expect(scoreTerms(profile({ traits: [tag] }), opening({ tags: [tag] })).bonus).toBe(0.05);
  });
  it('does not count 비전공자 환영 even when both sides list it', () => {
    expect(scoreTerms(profile({ traits: ['비전공자 환영'] }), opening({ tags: ['비전공자 환영'] })).bonus).toBe(0);
  });
  it('needs the tag on both sides', () => {
    expect(scoreTerms(profile({ traits: ['스터디'] }), opening({ tags: ['팀 협업'] })).bonus).toBe(0);
  });
  it('result is capped at 1', () => {
    expect(score({ traits: ['스터디', '팀 협업'] }, { tags: ['스터디', '팀 협업'] })).toBe(1);
  });
});

describe('reasons', () => {
  it('orders stack, major, region, experience, shared tags', () => {
    expect(
      codes(
        { region: '경기도', experienceYears: 2, traits: ['비전공자', '스터디'] },
        { stacks: ['Java'], tags: ['CS 전공자 필수', '스터디'] },
      ),
    ).toEqual(['STACK_MATCH', 'CS_MAJOR_REQUIRED', 'DIFFERENT_REGION', 'EXPERIENCE_SHORT_ONE', 'SHARED_TAG']);
  });
  it('uses the spec wording', () => {
    expect(
      messages(
        { experienceYears: 2, stacks: ['React', 'Java'], traits: ['비전공자', '스터디'] },
        { minExperienceYears: 1, stacks: ['Java', 'React'], tags: ['CS 전공자 필수', '스터디'] },
      ),
    ).toEqual(['스택 일치 (Java, React)', 'CS 전공자 필수 (비전공자)', '같은 지역', '경력 충족 (2년차 ≥ 1년차)', '공통 관심사 (스터디)']);
  });
  it('says 재택 가능 for remote openings', () => {
    expect(messages({}, { region: '재택' })).toContain('재택 가능');
  });
  it('counts missing years', () => {
    expect(messages({ experienceYears: 1 }, { minExperienceYears: 4 })).toContain('경력 3년 부족');
    expect(codes({ experienceYears: 1 }, { minExperienceYears: 4 })).toContain('EXPERIENCE_SHORT');
    expect(messages({ experienceYears: 0 }, { minExperienceYears: 0 })).toContain('경력 무관');
  });
  it('reports no overlap first when nothing is related', () => {
    expect(messages({ stacks: ['Go'] }, { stacks: ['React', 'Django'] })[0]).toBe('겹치는 스택 없음 (요구: React, Django)');
  });
});

describe('hard filters', () => {
  it('regionMatches: same region or remote opening', () => {
    expect(regionMatches('경기도', '경기도')).toBe(true);
    expect(regionMatches('경기도', '재택')).toBe(true);
    expect(regionMatches('재택', '경기도')).toBe(false);
    expect(regionMatches('경기도', '서울특별시')).toBe(false);
  });
  it('experienceMet: at least the minimum', () => {
    expect(experienceMet(3, 3)).toBe(true);
    expect(experienceMet(10, 7)).toBe(true);
    expect(experienceMet(2, 3)).toBe(false);
  });
});
