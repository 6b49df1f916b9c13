import { MatchingInputError, describeValue } from './errors';
import { lookupOpeningKind, lookupRegion, lookupStack, lookupTag, lookupTrait } from './lookup';
import type { Member, MemberInput, Opening, OpeningInput, Profile, ProfileInput } from './types';
import { requireInteger, requireObject, requireTerm, requireTermList, requireText } from './validate';
import { OPENING_KINDS, REGIONS, STACKS, TAGS, TRAITS, type OpeningKind, type Region, type Stack, type Tag, type Trait } from './vocabulary';

/** Input bounds (inclusive), shared with callers that want to validate early or show limits. */
export const LIMITS = {
  years: { min: 0, max: 50 },
  stacks: { min: 1, max: 10 },
  traits: { min: 0, max: 8 },
  tags: { min: 0, max: 8 },
  displayName: { min: 1, max: 50 },
  title: { min: 1, max: 120 },
  description: { min: 0, max: 2000 },
  externalId: { min: 1, max: 128 },
  capacity: { min: 1, max: 50 },
} as const;

export const DISCORD_ID_PATTERN = /^\d{17,20}$/;
export const EXTERNAL_ID_PATTERN = /^[A-Za-z0-9._:\-/]+$/;

const REGION_RULE = { noun: 'region', lookup: lookupRegion, canonical: REGIONS };
const STACK_RULE = { noun: 'stack', lookup: lookupStack, canonical: STACKS, ...LIMITS.stacks };
const TRAIT_RULE = { noun: 'trait', lookup: lookupTrait, canonical: TRAITS, ...LIMITS.traits };
const TAG_RULE = { noun: 'tag', lookup: lookupTag, canonical: TAGS, ...LIMITS.tags };
const KIND_RULE = { noun: 'opening kind', lookup: lookupOpeningKind, canonical: [...OPENING_KINDS, '프로젝트', '스터디'] };

export const normalizeRegion = (value: unknown, field = 'region'): Region => requireTerm(field, value, REGION_RULE);
export const normalizeStack = (value: unknown, field = 'stack'): Stack => requireTerm(field, value, STACK_RULE);
export const normalizeTrait = (value: unknown, field = 'trait'): Trait => requireTerm(field, value, TRAIT_RULE);
export const normalizeTag = (value: unknown, field = 'tag'): Tag => requireTerm(field, value, TAG_RULE);
export const normalizeOpeningKind = (value: unknown, field = 'kind'): OpeningKind =>
  requireTerm(field, value, KIND_RULE) as OpeningKind;

/** Validates and canonicalises a member profile. Throws MatchingInputError naming the first bad field. */
export function normalizeProfile(input: ProfileInput): Profile {
  const raw = requireObject(input);
  return {
    region: normalizeRegion(raw.region),
    experienceYears: requireInteger('experienceYears', raw.experienceYears, LIMITS.years.min, LIMITS.years.max),
    stacks: requireTermList('stacks', raw.stacks, STACK_RULE),
    traits: requireTermList('traits', raw.traits, TRAIT_RULE),
  };
}

/** normalizeProfile plus displayName (trimmed, 1..50) and discordId (17..20 digits or null). */
export function normalizeMember(input: MemberInput): Member {
  const raw = requireObject(input);
  const displayName = requireText('displayName', raw.displayName, LIMITS.displayName);
  const profile = normalizeProfile(input);
  return { ...profile, displayName, discordId: normalizeDiscordId(raw.discordId) };
}

/** Validates and canonicalises an opening (project or study). Throws MatchingInputError naming the first bad field. */
export function normalizeOpening(input: OpeningInput): Opening {
  const raw = requireObject(input);
  const externalId = normalizeExternalId(raw.externalId);
  const kind = normalizeOpeningKind(raw.kind);
  const title = requireText('title', raw.title, LIMITS.title);
  const description =
    raw.description === null || raw.description === undefined
      ? ''
      : requireText('description', raw.description, { ...LIMITS.description, multiline: true });
  return {
    externalId,
    kind,
    title,
    description,
    region: normalizeRegion(raw.region),
    stacks: requireTermList('stacks', raw.stacks, STACK_RULE),
    minExperienceYears: requireInteger('minExperienceYears', raw.minExperienceYears, LIMITS.years.min, LIMITS.years.max),
    tags: requireTermList('tags', raw.tags, TAG_RULE),
    capacity: requireInteger('capacity', raw.capacity, LIMITS.capacity.min, LIMITS.capacity.max),
  };
}

function normalizeDiscordId(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = requireText('discordId', value, { min: 1, max: 20 });
  if (!DISCORD_ID_PATTERN.test(text)) {
    throw new MatchingInputError('discordId', value, 'INVALID_FORMAT', `must be 17 to 20 digits, got ${describeValue(value)}`);
  }
  return text;
}

function normalizeExternalId(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = requireText('externalId', value, LIMITS.externalId);
  if (!EXTERNAL_ID_PATTERN.test(text)) {
    throw new MatchingInputError(
      'externalId',
      value,
      'INVALID_FORMAT',
      `may contain only letters, digits and . _ : - /, got ${describeValue(value)}`,
    );
  }
  return text;
}
