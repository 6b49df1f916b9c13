// Spec §3 reference score and §4 match reasons.
import { yearsLabel } from './experience';
import { stackSimilarity } from './lookup';
import type { OpeningCriteria, Profile } from './types';
import { REMOTE_REGION, type Region, type Stack, type Tag, type Trait } from './vocabulary';

/** Shared tags that earn the 0.05 bonus (spec §3). */
export const BONUS_TAGS = ['스터디', '토이 프로젝트', '리서치 중심', '프로덕트 중심', '프로젝트 중심', '팀 협업'] as const satisfies readonly Tag[];
export const BONUS_PER_TAG = 0.05;
export const BONUS_CAP = 0.1;
export const CS_MAJOR_REQUIRED_TAG: Tag = 'CS 전공자 필수';
export const NON_MAJOR_TRAIT: Trait = '비전공자';

export const MATCH_REASON_CODES = [
  'STACK_MATCH',
  'STACK_RELATED',
  'NO_STACK_OVERLAP',
  'CS_MAJOR_REQUIRED',
  'SAME_REGION',
  'REMOTE_OPENING',
  'DIFFERENT_REGION',
  'EXPERIENCE_MET',
  'EXPERIENCE_SHORT_ONE',
  'EXPERIENCE_SHORT',
  'SHARED_TAG',
] as const;
export type MatchReasonCode = (typeof MATCH_REASON_CODES)[number];

export interface MatchReason {
  code: MatchReasonCode;
  /** Short Korean text for members, e.g. "스택 일치 (Java)". */
  message: string;
}

/** The terms of the spec §3 formula, for explanations and tests. */
export interface ScoreTerms {
  stack: 0 | 0.75 | 1;
  region: 0 | 1;
  exp: 0 | 0.5 | 1;
  major: 0.5 | 1;
  bonus: number;
  /** Opening stacks the member has, in opening order. */
  matchedStacks: Stack[];
  /** [opening stack, member stack] related pairs, only when nothing matched exactly. */
  relatedStacks: [Stack, Stack][];
  /** Bonus-eligible tags of the opening that the member lists as traits (all, even past the cap). */
  sharedTags: Tag[];
}

/** Decimal places kept in scores: every exact value of the formula has at most 7 (multiples of 3/128 plus 0.05 steps). */
export const SCORE_DECIMALS = 7;

/** Region term / hard filter: same region, or the opening is remote (재택). */
export function regionMatches(memberRegion: Region, openingRegion: Region): boolean {
  return memberRegion === openingRegion || openingRegion === REMOTE_REGION;
}

/** Experience hard filter: the member has at least the opening's minimum. */
export function experienceMet(memberYears: number, minYears: number): boolean {
  return memberYears >= minYears;
}

export function scoreTerms(p: Profile, o: OpeningCriteria): ScoreTerms {
  let stack: ScoreTerms['stack'] = 0;
  const matchedStacks: Stack[] = [];
  const relatedStacks: [Stack, Stack][] = [];
  for (const wanted of o.stacks) {
    for (const has of p.stacks) {
      const similarity = stackSimilarity(has, wanted);
      if (similarity > stack) stack = similarity;
      if (similarity === 1) matchedStacks.push(wanted);
      else if (similarity > 0) relatedStacks.push([wanted, has]);
    }
  }
  const region = regionMatches(p.region, o.region) ? 1 : 0;
  const exp = experienceMet(p.experienceYears, o.minExperienceYears) ? 1 : o.minExperienceYears - p.experienceYears === 1 ? 0.5 : 0;
  const major = o.tags.includes(CS_MAJOR_REQUIRED_TAG) && p.traits.includes(NON_MAJOR_TRAIT) ? 0.5 : 1;
  const traits: readonly string[] = p.traits;
  const bonusTags: readonly string[] = BONUS_TAGS;
  const sharedTags = o.tags.filter((tag) => bonusTags.includes(tag) && traits.includes(tag));
  const bonus = Math.min(BONUS_CAP, sharedTags.length * BONUS_PER_TAG);
  return {
    stack,
    region,
    exp,
    major,
    bonus,
    matchedStacks,
    relatedStacks: matchedStacks.length > 0 ? [] : relatedStacks,
    sharedTags,
  };
}

/** Combines the terms per spec §3, rounded to SCORE_DECIMALS to drop floating-point noise from the 0.05 steps. */
export function combineTerms(t: Pick<ScoreTerms, 'stack' | 'region' | 'exp' | 'major' | 'bonus'>): number {
  if (t.stack === 0) return 0;
  const raw = Math.min(1, t.stack * (0.5 + 0.25 * t.region + 0.25 * t.exp) * t.major + t.bonus);
  const scale = 10 ** SCORE_DECIMALS;
  return Math.round(raw * scale) / scale;
}

/** Spec §3 label in [0, 1] with §4 reasons, most important first (stack, major, region, experience, shared tags). */
export function referenceScore(p: Profile, o: OpeningCriteria): { score: number; reasons: MatchReason[] } {
  const terms = scoreTerms(p, o);
  return { score: combineTerms(terms), reasons: explain(p, o, terms) };
}

function explain(p: Profile, o: OpeningCriteria, t: ScoreTerms): MatchReason[] {
  const reasons: MatchReason[] = [];
  if (t.matchedStacks.length > 0) {
    reasons.push({ code: 'STACK_MATCH', message: `스택 일치 (${t.matchedStacks.join(', ')})` });
  } else if (t.relatedStacks.length > 0) {
    const pairs = t.relatedStacks.map(([wanted, has]) => `${wanted} ~ ${has}`);
    reasons.push({ code: 'STACK_RELATED', message: `관련 스택 (${pairs.join(', ')})` });
  } else {
    reasons.push({ code: 'NO_STACK_OVERLAP', message: `겹치는 스택 없음 (요구: ${o.stacks.join(', ')})` });
  }
  if (t.major === 0.5) {
    reasons.push({ code: 'CS_MAJOR_REQUIRED', message: `${CS_MAJOR_REQUIRED_TAG} (${NON_MAJOR_TRAIT})` });
  }
  if (o.region === REMOTE_REGION) {
    reasons.push({ code: 'REMOTE_OPENING', message: '재택 가능' });
  } else if (p.region === o.region) {
    reasons.push({ code: 'SAME_REGION', message: '같은 지역' });
  } else {
    reasons.push({ code: 'DIFFERENT_REGION', message: `다른 지역 (${o.region})` });
  }
  const shortBy = o.minExperienceYears - p.experienceYears;
  if (o.minExperienceYears === 0) {
    reasons.push({ code: 'EXPERIENCE_MET', message: '경력 무관' });
  } else if (shortBy <= 0) {
    const message = `경력 충족 (${yearsLabel(p.experienceYears)} ≥ ${yearsLabel(o.minExperienceYears)})`;
    reasons.push({ code: 'EXPERIENCE_MET', message });
  } else if (shortBy === 1) {
    reasons.push({ code: 'EXPERIENCE_SHORT_ONE', message: '경력 1년 부족' });
  } else {
    reasons.push({ code: 'EXPERIENCE_SHORT', message: `경력 ${shortBy}년 부족` });
  }
  if (t.sharedTags.length > 0) {
    reasons.push({ code: 'SHARED_TAG', message: `공통 관심사 (${t.sharedTags.join(', ')})` });
  }
  return reasons;
}
