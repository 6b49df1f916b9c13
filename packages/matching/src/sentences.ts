// Spec §1 sentences, byte-exact. The parsers accept canonical sentences only (no aliases), so for every
// sentence they accept, render(parse(s)) === s; the one exception is the seed glitch `7년차 이상 이상`,
// which parses to 7 and renders back as `7년차 이상`.
import { MatchingInputError, type MatchingErrorReason } from './errors';
import {
  experienceLabel,
  minExperienceLabel,
  parseExperienceLabel,
  parseMinExperienceLabel,
} from './experience';
import { isRegion, isStack, isTag, isTrait } from './lookup';
import { LIMITS } from './normalize';
import type { OpeningCriteria, Profile } from './types';
import { REGIONS, STACKS, TAGS, TRAITS } from './vocabulary';

const LIST_SEPARATOR = ', ';

/** `{region} 거주, {experience} 개발자, 스택: {stacks}. 추가: {traits}` (tail dropped when no traits). */
export function renderProfileSentence(p: Profile): string {
  const head = `${p.region} 거주, ${experienceLabel(p.experienceYears)} 개발자, 스택: ${p.stacks.join(LIST_SEPARATOR)}`;
  return p.traits.length > 0 ? `${head}. 추가: ${p.traits.join(LIST_SEPARATOR)}` : head;
}

/** `{region} 지역 프로젝트, 요구 스택: {stacks}, 필요 경력: {min} 이상. 특이사항: {tags}` (tail dropped when no tags). */
export function renderOpeningSentence(o: OpeningCriteria): string {
  const head =
    `${o.region} 지역 프로젝트, 요구 스택: ${o.stacks.join(LIST_SEPARATOR)}, ` +
    `필요 경력: ${minExperienceLabel(o.minExperienceYears)}`;
  return o.tags.length > 0 ? `${head}. 특이사항: ${o.tags.join(LIST_SEPARATOR)}` : head;
}

const PROFILE_PATTERN = /^(?<region>\S+) 거주, (?<experience>.+?) 개발자, 스택: (?<stacks>.+?)(?:\. 추가: (?<traits>.+))?$/su;
const OPENING_PATTERN =
  /^(?<region>\S+) 지역 프로젝트, 요구 스택: (?<stacks>.+?), 필요 경력: (?<experience>무관|\d+년차 이상(?: 이상)?)(?:\. 특이사항: (?<tags>.+))?$/su;

/** Parses a spec §1 member sentence. Throws MatchingInputError(field 'sentence') describing the first problem. */
export function parseProfileSentence(s: string): Profile {
  const text = requireSentence(s);
  const groups = PROFILE_PATTERN.exec(text)?.groups;
  if (!groups) {
    fail(s, 'INVALID_FORMAT', 'does not match "{region} 거주, {experience} 개발자, 스택: {stacks}[. 추가: {traits}]"');
  }
  const region = parseRegion(s, groups.region!);
  const experienceYears = parseExperienceLabel(groups.experience!);
  if (experienceYears === undefined) {
    fail(s, 'UNKNOWN_VALUE', `unknown experience "${groups.experience}" (expected 1년 이하, 1년차..6년차 or 7년차 이상)`);
  }
  return {
    region,
    experienceYears,
    stacks: parseList(s, 'stack', groups.stacks!, isStack, STACKS, LIMITS.stacks.max),
    traits: groups.traits === undefined ? [] : parseList(s, 'trait', groups.traits, isTrait, TRAITS, LIMITS.traits.max),
  };
}

/** Parses a spec §1 opening sentence (also the seed glitch `7년차 이상 이상` = 7). Throws MatchingInputError(field 'sentence'). */
export function parseOpeningSentence(s: string): OpeningCriteria {
  const text = requireSentence(s);
  const groups = OPENING_PATTERN.exec(text)?.groups;
  if (!groups) {
    fail(
      s,
      'INVALID_FORMAT',
      'does not match "{region} 지역 프로젝트, 요구 스택: {stacks}, 필요 경력: {min} 이상[. 특이사항: {tags}]"',
    );
  }
  const region = parseRegion(s, groups.region!);
  const stacks = parseList(s, 'stack', groups.stacks!, isStack, STACKS, LIMITS.stacks.max);
  const minExperienceYears = parseMinExperienceLabel(groups.experience!);
  if (minExperienceYears === undefined) {
    fail(s, 'UNKNOWN_VALUE', `unknown minimum experience "${groups.experience}" (expected 무관 or 1년차 이상..7년차 이상)`);
  }
  return {
    region,
    minExperienceYears,
    stacks,
    tags: groups.tags === undefined ? [] : parseList(s, 'tag', groups.tags, isTag, TAGS, LIMITS.tags.max),
  };
}

function requireSentence(s: unknown): string {
  if (typeof s !== 'string') fail(s, 'INVALID_FORMAT', 'must be a string');
  return s;
}

function parseRegion(s: string, text: string) {
  if (!isRegion(text)) fail(s, 'UNKNOWN_VALUE', `unknown region "${text}" (expected one of: ${REGIONS.join(', ')})`);
  return text;
}

function parseList<T extends string>(
  s: string,
  noun: string,
  text: string,
  isValid: (value: unknown) => value is T,
  canonical: readonly T[],
  max: number,
): T[] {
  const items = text.split(LIST_SEPARATOR);
  if (items.length > max) fail(s, 'TOO_LONG', `at most ${max} ${noun} entries allowed, got ${items.length}`);
  const result: T[] = [];
  for (const item of items) {
    if (!isValid(item)) fail(s, 'UNKNOWN_VALUE', `unknown ${noun} "${item}" (expected one of: ${canonical.join(', ')})`);
    if (result.includes(item)) fail(s, 'DUPLICATE', `duplicate ${noun} "${item}"`);
    result.push(item);
  }
  return result;
}

function fail(s: unknown, reason: MatchingErrorReason, detail: string): never {
  throw new MatchingInputError('sentence', s, reason, detail);
}
