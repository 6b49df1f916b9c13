import type { OpeningKind, ProfileInput, Vocabulary } from '../api/types';

/**
 * Button custom ids carry all the state a click needs, so any bot instance (gateway or HTTP) can answer it.
 * Discord caps custom ids at 100 characters; profiles are encoded as indices into the API vocabulary.
 */
export const CUSTOM_ID_MAX = 100;

export type MatchQuery =
  | { source: 'profile'; kind: OpeningKind | null }
  | { source: 'options'; kind: OpeningKind | null; profile: ProfileInput };

export type ButtonAction =
  | { action: 'apply'; openingId: string }
  | { action: 'similar'; openingId: string }
  | { action: 'more'; page: number; query: MatchQuery }
  | { action: 'save'; query: Extract<MatchQuery, { source: 'options' }> }
  /** 수락 / 거절 under an APPLICATION_RECEIVED DM (for the lead). */
  | { action: 'decide'; applicationId: string; accept: boolean }
  /** 수락 / 거절 under an INVITATION_RECEIVED DM (for the invitee). */
  | { action: 'respond'; invitationId: string; accept: boolean }
  /** 제안하기 under a /team recommendation (for the lead). */
  | { action: 'invite'; openingId: string; memberId: string }
  /** 팀 시작 under /team (for the lead). */
  | { action: 'start'; openingId: string };

/** The /open form's state: the kind and region picked in the command's options. */
export interface OpenFormState {
  kind: OpeningKind;
  region: string;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_PAGE = 19;

function encodeIndex(list: readonly string[], value: string, field: string): string {
  const index = list.indexOf(value);
  if (index < 0) throw new Error(`cannot encode ${field} "${value}": not in the vocabulary`);
  return index.toString(36);
}

function decodeIndex(list: readonly string[], text: string): string | null {
  if (!/^[0-9a-z]{1,2}$/.test(text)) return null;
  return list[parseInt(text, 36)] ?? null;
}

function checkedId(id: string, what: string): string {
  if (!ID_PATTERN.test(id)) throw new Error(`cannot encode ${what} id "${id}"`);
  return id;
}

function decodeYesNo(text: string | undefined): boolean | null {
  return text === 'y' ? true : text === 'n' ? false : null;
}

function encodeQuery(query: MatchQuery, vocabulary: Vocabulary): string {
  const kind = query.kind === 'PROJECT' ? 'P' : query.kind === 'STUDY' ? 'S' : '_';
  if (query.source === 'profile') return kind;
  const { region, experienceYears, stacks, traits } = query.profile;
  return [
    kind,
    encodeIndex(vocabulary.regions, region, 'region'),
    String(experienceYears),
    stacks.map((stack) => encodeIndex(vocabulary.stacks, stack, 'stack')).join('-'),
    traits.map((trait) => encodeIndex(vocabulary.traits, trait, 'trait')).join('-'),
  ].join('.');
}

function decodeList(list: readonly string[], text: string, min: number, max: number): string[] | null {
  const parts = text === '' ? [] : text.split('-');
  if (parts.length < min || parts.length > max) return null;
  const values = parts.map((part) => decodeIndex(list, part));
  if (values.some((value) => value === null)) return null;
  const unique = new Set(values);
  return unique.size === values.length ? (values as string[]) : null;
}

function decodeQuery(text: string, vocabulary: Vocabulary): MatchQuery | null {
  const parts = text.split('.');
  const kindChar = parts[0];
  const kind = kindChar === 'P' ? 'PROJECT' : kindChar === 'S' ? 'STUDY' : kindChar === '_' ? null : undefined;
  if (kind === undefined) return null;
  if (parts.length === 1) return { source: 'profile', kind };
  if (parts.length !== 5) return null;
  const [, regionText, yearsText, stacksText, traitsText] = parts as [string, string, string, string, string];
  const region = decodeIndex(vocabulary.regions, regionText);
  if (!/^\d{1,2}$/.test(yearsText)) return null;
  const experienceYears = Number(yearsText);
  const stacks = decodeList(vocabulary.stacks, stacksText, 1, 10);
  const traits = decodeList(vocabulary.traits, traitsText, 0, 8);
  if (region === null || experienceYears > 50 || stacks === null || traits === null) return null;
  return { source: 'options', kind, profile: { region, experienceYears, stacks, traits } };
}

export function encodeButton(action: ButtonAction, vocabulary: Vocabulary): string {
  let id: string;
  switch (action.action) {
    case 'apply':
    case 'similar':
      if (!ID_PATTERN.test(action.openingId)) throw new Error(`cannot encode opening id "${action.openingId}"`);
      id = `${action.action === 'apply' ? 'a' : 's'}:${action.openingId}`;
      break;
    case 'more':
      id = `m:${action.page}:${encodeQuery(action.query, vocabulary)}`;
      break;
    case 'save':
      id = `v:${encodeQuery(action.query, vocabulary)}`;
      break;
    case 'decide':
      id = `d:${checkedId(action.applicationId, 'application')}:${action.accept ? 'y' : 'n'}`;
      break;
    case 'respond':
      id = `r:${checkedId(action.invitationId, 'invitation')}:${action.accept ? 'y' : 'n'}`;
      break;
    case 'invite':
      id = `p:${checkedId(action.openingId, 'opening')}:${checkedId(action.memberId, 'member')}`;
      break;
    case 'start':
      id = `g:${checkedId(action.openingId, 'opening')}`;
      break;
  }
  if (id.length > CUSTOM_ID_MAX) throw new Error(`custom id longer than ${CUSTOM_ID_MAX}: ${id}`);
  return id;
}

/** Returns null for anything malformed or out of range, never throws. */
export function decodeButton(customId: string, vocabulary: Vocabulary): ButtonAction | null {
  if (customId.length > CUSTOM_ID_MAX) return null;
  const [prefix, ...rest] = customId.split(':');
  switch (prefix) {
    case 'a':
    case 's': {
      const openingId = rest.join(':');
      if (rest.length !== 1 || !ID_PATTERN.test(openingId)) return null;
      return { action: prefix === 'a' ? 'apply' : 'similar', openingId };
    }
    case 'm': {
      if (rest.length !== 2 || !/^\d{1,2}$/.test(rest[0]!)) return null;
      const page = Number(rest[0]);
      const query = decodeQuery(rest[1]!, vocabulary);
      if (page < 1 || page > MAX_PAGE || query === null) return null;
      return { action: 'more', page, query };
    }
    case 'v': {
      if (rest.length !== 1) return null;
      const query = decodeQuery(rest[0]!, vocabulary);
      if (query === null || query.source !== 'options') return null;
      return { action: 'save', query };
    }
    case 'd':
    case 'r': {
      const accept = decodeYesNo(rest[1]);
      if (rest.length !== 2 || !ID_PATTERN.test(rest[0]!) || accept === null) return null;
      return prefix === 'd' ? { action: 'decide', applicationId: rest[0]!, accept } : { action: 'respond', invitationId: rest[0]!, accept };
    }
    case 'p': {
      if (rest.length !== 2 || !ID_PATTERN.test(rest[0]!) || !ID_PATTERN.test(rest[1]!)) return null;
      return { action: 'invite', openingId: rest[0]!, memberId: rest[1]! };
    }
    case 'g': {
      if (rest.length !== 1 || !ID_PATTERN.test(rest[0]!)) return null;
      return { action: 'start', openingId: rest[0]! };
    }
    default:
      return null;
  }
}

/** The /open form's custom id: `o:<kind>.<region index>`; kind and region must be canonical. */
export function encodeOpenForm(state: OpenFormState, vocabulary: Vocabulary): string {
  return `o:${state.kind === 'PROJECT' ? 'P' : 'S'}.${encodeIndex(vocabulary.regions, state.region, 'region')}`;
}

export function decodeOpenForm(customId: string, vocabulary: Vocabulary): OpenFormState | null {
  const match = /^o:([PS])\.([0-9a-z]{1,2})$/.exec(customId);
  if (!match) return null;
  const region = decodeIndex(vocabulary.regions, match[2]!);
  return region === null ? null : { kind: match[1] === 'P' ? 'PROJECT' : 'STUDY', region };
}
