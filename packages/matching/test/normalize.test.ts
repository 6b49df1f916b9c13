import { describe, expect, it } from 'vitest';
import {
  MatchingInputError,
  normalizeMember,
  normalizeOpening,
  normalizeProfile,
  type MatchingErrorReason,
} from '../src/index';

const profileInput = { region: '서울', experienceYears: 2, stacks: ['java'], traits: ['비전공'] };
const memberInput = { ...profileInput, displayName: '  김모임 ', discordId: '123456789012345678' };
const openingInput = {
  externalId: 'sheet:row-12',
  kind: '스터디',
  title: ' 스프링 스터디 ',
  description: '주 1회\r\n온라인',
  region: 'remote',
  stacks: ['spring boot', 'JPA'],
  minExperienceYears: 1,
  tags: ['스터디'],
  capacity: 5,
};

function caught(fn: () => unknown): MatchingInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MatchingInputError) return error;
    throw error;
  }
  throw new Error('expected a MatchingInputError');
}

describe('alias folding', () => {
  it.each([
    ['서울', '서울특별시'],
    ['서울시', '서울특별시'],
    ['부산', '부산광역시'],
    ['대구', '대구광역시'],
    ['인천', '인천광역시'],
    ['광주', '광주광역시'],
    ['대전', '대전광역시'],
    ['울산', '울산광역시'],
    ['세종', '세종특별자치시'],
    ['경기', '경기도'],
    ['강원', '강원도'],
    ['강원특별자치도', '강원도'],
    ['충북', '충청북도'],
    ['충남', '충청남도'],
    ['전북', '전라북도'],
    ['전북특별자치도', '전라북도'],
    ['전남', '전라남도'],
    ['경북', '경상북도'],
    ['경남', '경상남도'],
    ['제주', '제주특별자치도'],
    ['제주도', '제주특별자치도'],
    ['원격', '재택'],
    ['Remote', '재택'],
    ['REMOTE', '재택'],
    ['온라인', '재택'],
    [' 경상북도 ', '경상북도'],
    ['Seoul', '서울특별시'],
  ])('region %j → %s', (input, expected) => {
    expect(normalizeProfile({ ...profileInput, region: input }).region).toBe(expected);
  });

  it.each([
    ['spring boot', 'Spring Boot'],
    ['springboot', 'Spring Boot'],
    ['Spring-Boot', 'Spring Boot'],
    ['SPRING', 'Spring Boot'],
    ['jpa', 'JPA'],
    ['자바', 'Java'],
    ['JAVA', 'Java'],
    ['코틀린', 'Kotlin'],
    ['리액트', 'React'],
    ['next', 'Next.js'],
    ['nextjs', 'Next.js'],
    ['Next.JS', 'Next.js'],
    ['vue', 'Vue.js'],
    ['vuejs', 'Vue.js'],
    ['뷰', 'Vue.js'],
    ['html', 'HTML/CSS/JS'],
    ['CSS', 'HTML/CSS/JS'],
    ['js', 'HTML/CSS/JS'],
    ['JavaScript', 'HTML/CSS/JS'],
    ['html / css / js', 'HTML/CSS/JS'],
    ['ts', 'TypeScript'],
    ['typescript', 'TypeScript'],
    ['node', 'Node.js'],
    ['NodeJS', 'Node.js'],
    ['장고', 'Django'],
    ['플라스크', 'Flask'],
    ['fast api', 'FastAPI'],
    ['pandas', 'Python (Pandas)'],
    ['파이썬', 'Python (Pandas)'],
    ['python (pandas)', 'Python (Pandas)'],
    ['golang', 'Go'],
    ['고', 'Go'],
    ['ｊａｖａ', 'Java'],
  ])('stack %j → %s', (input, expected) => {
    expect(normalizeProfile({ ...profileInput, stacks: [input] }).stacks).toEqual([expected]);
  });

  it.each([
    ['비전공', '비전공자'],
    ['온라인', '온라인 중심'],
    ['오프라인', '오프라인 중심'],
    ['cs전공자', 'CS 전공자'],
    ['토이프로젝트', '토이 프로젝트'],
    ['팀협업', '팀 협업'],
  ])('trait %j → %s (온라인 is 재택 only as a region)', (input, expected) => {
    expect(normalizeProfile({ ...profileInput, traits: [input] }).traits).toEqual([expected]);
  });

  it.each([
    ['cs 전공자 필수', 'CS 전공자 필수'],
    ['비전공 환영', '비전공자 환영'],
    ['프로젝트', '프로젝트 중심'],
    ['토이', '토이 프로젝트'],
  ])('tag %j → %s', (input, expected) => {
    expect(normalizeOpening({ ...openingInput, tags: [input] }).tags).toEqual([expected]);
  });

  it.each([
    ['PROJECT', 'PROJECT'],
    ['project', 'PROJECT'],
    ['프로젝트', 'PROJECT'],
    ['Study', 'STUDY'],
    ['스터디', 'STUDY'],
  ])('kind %j → %s', (input, expected) => {
    expect(normalizeOpening({ ...openingInput, kind: input }).kind).toBe(expected);
  });

  it('accepts decomposed (NFD) Korean as typed on macOS', () => {
    expect(normalizeProfile({ ...profileInput, region: '경상북도'.normalize('NFD') }).region).toBe('경상북도');
  });
});

describe('normalised records', () => {
  it('profile keeps order and defaults traits to []', () => {
    expect(normalizeProfile({ region: '경북', experienceYears: 2, stacks: ['react', 'java'], traits: null })).toEqual({
      region: '경상북도',
      experienceYears: 2,
      stacks: ['React', 'Java'],
      traits: [],
    });
  });

  it('member trims the name and keeps the discord id', () => {
    expect(normalizeMember(memberInput)).toEqual({
      region: '서울특별시',
      experienceYears: 2,
      stacks: ['Java'],
      traits: ['비전공자'],
      displayName: '김모임',
      discordId: '123456789012345678',
    });
    expect(normalizeMember({ ...memberInput, discordId: undefined }).discordId).toBeNull();
  });

  it('opening folds everything and normalises line breaks in the description', () => {
    expect(normalizeOpening(openingInput)).toEqual({
      externalId: 'sheet:row-12',
      kind: 'STUDY',
      title: '스프링 스터디',
      description: '주 1회\n온라인',
      region: '재택',
      stacks: ['Spring Boot', 'JPA'],
      minExperienceYears: 1,
      tags: ['스터디'],
      capacity: 5,
    });
    expect(normalizeOpening({ ...openingInput, externalId: null, description: null, tags: undefined })).toMatchObject({
      externalId: null,
      description: '',
      tags: [],
    });
  });

  it('accepts the bounds themselves', () => {
    const stacks = ['Java', 'Spring Boot', 'JPA', 'Kotlin', 'React', 'Next.js', 'Vue.js', 'HTML/CSS/JS', 'TypeScript', 'Node.js'];
    expect(normalizeProfile({ ...profileInput, experienceYears: 50, stacks }).stacks).toHaveLength(10);
    expect(normalizeProfile({ ...profileInput, experienceYears: 0 }).experienceYears).toBe(0);
    expect(normalizeMember({ ...memberInput, displayName: '가'.repeat(50), discordId: '1'.repeat(20) }).displayName).toHaveLength(50);
    expect(normalizeOpening({ ...openingInput, title: '가'.repeat(120), capacity: 50, externalId: 'a'.repeat(128) }).capacity).toBe(50);
    expect(normalizeOpening({ ...openingInput, description: '가'.repeat(2000) }).description).toHaveLength(2000);
  });
});

describe('errors name the field and value', () => {
  const cases: [string, () => unknown, string, unknown, MatchingErrorReason][] = [
    ['unknown region', () => normalizeProfile({ ...profileInput, region: '평양' }), 'region', '평양', 'UNKNOWN_VALUE'],
    ['empty region', () => normalizeProfile({ ...profileInput, region: '  ' }), 'region', '  ', 'EMPTY'],
    ['non-string region', () => normalizeProfile({ ...profileInput, region: 42 as never }), 'region', 42, 'INVALID_FORMAT'],
    ['unknown stack', () => normalizeProfile({ ...profileInput, stacks: ['Java', 'Rust'] }), 'stacks[1]', 'Rust', 'UNKNOWN_VALUE'],
    ['alias duplicate', () => normalizeProfile({ ...profileInput, stacks: ['java', '자바'] }), 'stacks[1]', '자바', 'DUPLICATE'],
    ['no stacks', () => normalizeProfile({ ...profileInput, stacks: [] }), 'stacks', [], 'EMPTY'],
    ['stacks missing', () => normalizeProfile({ ...profileInput, stacks: undefined as never }), 'stacks', undefined, 'EMPTY'],
    ['stacks not a list', () => normalizeProfile({ ...profileInput, stacks: 'Java' as never }), 'stacks', 'Java', 'INVALID_FORMAT'],
    ['non-string stack', () => normalizeProfile({ ...profileInput, stacks: [null as never] }), 'stacks[0]', null, 'INVALID_FORMAT'],
    ['control char', () => normalizeProfile({ ...profileInput, stacks: ['Ja\u0000va'] }), 'stacks[0]', 'Ja\u0000va', 'INVALID_FORMAT'],
    ['unknown trait', () => normalizeProfile({ ...profileInput, traits: ['스터디', '야근'] }), 'traits[1]', '야근', 'UNKNOWN_VALUE'],
    ['tag as trait', () => normalizeProfile({ ...profileInput, traits: ['CS 전공자 필수'] }), 'traits[0]', 'CS 전공자 필수', 'UNKNOWN_VALUE'],
    ['duplicate trait', () => normalizeProfile({ ...profileInput, traits: ['온라인', '온라인 중심'] }), 'traits[1]', '온라인 중심', 'DUPLICATE'],
    ['fractional years', () => normalizeProfile({ ...profileInput, experienceYears: 2.5 }), 'experienceYears', 2.5, 'INVALID_FORMAT'],
    ['NaN years', () => normalizeProfile({ ...profileInput, experienceYears: Number.NaN }), 'experienceYears', Number.NaN, 'INVALID_FORMAT'],
    ['infinite years', () => normalizeProfile({ ...profileInput, experienceYears: Infinity }), 'experienceYears', Infinity, 'INVALID_FORMAT'],
    ['string years', () => normalizeProfile({ ...profileInput, experienceYears: '3' as never }), 'experienceYears', '3', 'INVALID_FORMAT'],
    ['negative years', () => normalizeProfile({ ...profileInput, experienceYears: -1 }), 'experienceYears', -1, 'OUT_OF_RANGE'],
    ['too many years', () => normalizeProfile({ ...profileInput, experienceYears: 51 }), 'experienceYears', 51, 'OUT_OF_RANGE'],
    ['not an object', () => normalizeProfile(null as never), 'input', null, 'INVALID_FORMAT'],
    ['empty name', () => normalizeMember({ ...memberInput, displayName: ' ' }), 'displayName', ' ', 'EMPTY'],
    ['long name', () => normalizeMember({ ...memberInput, displayName: 'x'.repeat(51) }), 'displayName', 'x'.repeat(51), 'TOO_LONG'],
    ['name with newline', () => normalizeMember({ ...memberInput, displayName: '김\n모임' }), 'displayName', '김\n모임', 'INVALID_FORMAT'],
    ['short discord id', () => normalizeMember({ ...memberInput, discordId: '1234' }), 'discordId', '1234', 'INVALID_FORMAT'],
    ['discord id letters', () => normalizeMember({ ...memberInput, discordId: '12345678901234567a' }), 'discordId', '12345678901234567a', 'INVALID_FORMAT'],
    ['unknown kind', () => normalizeOpening({ ...openingInput, kind: 'HACKATHON' }), 'kind', 'HACKATHON', 'UNKNOWN_VALUE'],
    ['empty title', () => normalizeOpening({ ...openingInput, title: '' }), 'title', '', 'EMPTY'],
    ['long title', () => normalizeOpening({ ...openingInput, title: 'x'.repeat(121) }), 'title', 'x'.repeat(121), 'TOO_LONG'],
    ['long description', () => normalizeOpening({ ...openingInput, description: 'x'.repeat(2001) }), 'description', 'x'.repeat(2001), 'TOO_LONG'],
    ['bell in description', () => normalizeOpening({ ...openingInput, description: 'a\u0007b' }), 'description', 'a\u0007b', 'INVALID_FORMAT'],
    ['external id spaces', () => normalizeOpening({ ...openingInput, externalId: 'row 1' }), 'externalId', 'row 1', 'INVALID_FORMAT'],
    ['long external id', () => normalizeOpening({ ...openingInput, externalId: 'a'.repeat(129) }), 'externalId', 'a'.repeat(129), 'TOO_LONG'],
    ['unknown tag', () => normalizeOpening({ ...openingInput, tags: ['팀 협업', '야근'] }), 'tags[1]', '야근', 'UNKNOWN_VALUE'],
    ['too many tags', () => normalizeOpening({ ...openingInput, tags: Array(9).fill('스터디') }), 'tags', Array(9).fill('스터디'), 'TOO_LONG'],
    ['zero capacity', () => normalizeOpening({ ...openingInput, capacity: 0 }), 'capacity', 0, 'OUT_OF_RANGE'],
    ['big capacity', () => normalizeOpening({ ...openingInput, capacity: 51 }), 'capacity', 51, 'OUT_OF_RANGE'],
    ['min years fraction', () => normalizeOpening({ ...openingInput, minExperienceYears: 1.5 }), 'minExperienceYears', 1.5, 'INVALID_FORMAT'],
    ['opening stack', () => normalizeOpening({ ...openingInput, stacks: ['JPA', 'C#'] }), 'stacks[1]', 'C#', 'UNKNOWN_VALUE'],
  ];
  it.each(cases)('%s', (_name, fn, field, value, reason) => {
    const error = caught(fn);
    expect(error.field).toBe(field);
    expect(error.value).toEqual(value);
    expect(error.reason).toBe(reason);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('lists the expected values for an unknown stack', () => {
    const error = caught(() => normalizeProfile({ ...profileInput, stacks: ['Java', 'Rust'] }));
    expect(error.message).toBe(
      'stacks[1]: unknown stack "Rust" (expected one of: Java, Spring Boot, JPA, Kotlin, React, Next.js, Vue.js, ' +
        'HTML/CSS/JS, TypeScript, Node.js, Django, Flask, FastAPI, Python (Pandas), Go)',
    );
    expect(error.name).toBe('MatchingInputError');
    expect(error).toBeInstanceOf(Error);
  });

  it('names the first occurrence of a duplicate', () => {
    expect(caught(() => normalizeProfile({ ...profileInput, stacks: ['React', 'java', '자바'] })).message).toBe(
      'stacks[2]: duplicate stack "자바" (same as stacks[1], "Java")',
    );
  });

  it('has a Korean rendering for members', () => {
    expect(caught(() => normalizeProfile({ ...profileInput, stacks: ['Java', 'Rust'] })).koreanMessage).toBe(
      '스택[1]: 알 수 없는 값 "Rust"',
    );
    expect(caught(() => normalizeMember({ ...memberInput, displayName: '' })).koreanMessage).toBe('이름: 비어 있음');
    expect(caught(() => normalizeOpening({ ...openingInput, capacity: 99 })).koreanMessage).toBe(
      '정원: 허용 범위를 벗어난 값 99',
    );
  });

  it('does not modify the input', () => {
    const input = structuredClone(openingInput);
    normalizeOpening(input);
    expect(input).toEqual(openingInput);
  });
});
