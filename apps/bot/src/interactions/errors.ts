import { GraphqlResponseError, GraphqlTransportError } from '@moim/graphql-client';
import type { MessageKey, Translate } from '../i18n';
import { truncate } from '../render/limits';
import { codeSpanText } from '../render/markdown';

/** A failure the member caused or can fix; carries the message key that explains it. */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export const noProfile = () => new UserFacingError('error.noProfile');
export const nothingFound = () => new UserFacingError('error.nothingFound');
export const staleButton = () => new UserFacingError('error.staleButton');
export const notLead = () => new UserFacingError('error.leadOnly');
export const missingOption = (field: string) => new UserFacingError('error.missingOption', { field });
export const missingField = (field: string) => new UserFacingError('error.missingField', { field });

export interface ExplainedError {
  key: MessageKey;
  text: string;
  /** Expected failures are logged at warn, surprises at error. */
  expected: boolean;
}

/** A value the member typed, for the code span of error.badOption: short, and unable to close the span. */
export function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return codeSpanText(truncate(text, 60));
}

const LIST_OPTIONS: Record<string, readonly string[]> = {
  stacks: ['stack', 'stack2', 'stack3'],
  traits: ['extra', 'extra2', 'extra3'],
};

/** Names an API input field by the slash-command option the member typed ("profile.stacks[1]" -> "stack2"). */
export function optionNameFor(field: string): string {
  const last = field.split('.').at(-1) ?? field;
  if (last === 'region') return 'region';
  if (last === 'experienceYears') return 'years';
  const listItem = /^(stacks|traits)(?:\[(\d+)\])?$/.exec(last);
  if (listItem) return LIST_OPTIONS[listItem[1]!]![Number(listItem[2] ?? 0)] ?? field;
  return field;
}

/** The API's stable refusal reasons (extensions.reason) of the team loop, each with its own message. */
const REASON_KEYS: Record<string, MessageKey> = {
  ALREADY_APPLIED: 'error.alreadyApplied',
  ALREADY_INVITED: 'error.alreadyInvited',
  ALREADY_SEATED: 'error.alreadySeated',
  OPENING_NOT_OPEN: 'error.openingNotOpen',
  SELF_INVITE: 'error.selfInvite',
  INVITATION_NOT_PENDING: 'error.invitationNotPending',
};

/** The API refuses an acting Discord id it does not know (a reason naming the acting member): that member has no profile. */
function isUnknownActingMember(error: GraphqlResponseError): boolean {
  return /ACTING/.test(error.reason ?? '') || (error.field ?? '').includes('acting');
}

export function explainError(error: unknown, t: Translate, ref: string): ExplainedError {
  if (error instanceof UserFacingError) {
    return { key: error.key, text: t(error.key, error.params).trim(), expected: true };
  }
  if (error instanceof GraphqlTransportError) {
    return { key: 'error.apiUnreachable', text: t('error.apiUnreachable'), expected: true };
  }
  if (error instanceof GraphqlResponseError) {
    if (error.code === 'RATE_LIMITED') {
      // The API's limit for the bot's key, not the member's own cooldown; the member's answer is the same: wait.
      const seconds = Math.max(1, Math.ceil(error.http?.retryAfterSeconds ?? 60));
      return { key: 'error.cooldown', text: t('error.cooldown', { seconds }), expected: true };
    }
    if (isUnknownActingMember(error)) return { key: 'error.noProfile', text: t('error.noProfile'), expected: true };
    const reasonKey = REASON_KEYS[error.reason ?? ''];
    if (reasonKey) return { key: reasonKey, text: t(reasonKey), expected: true };
    if (error.reason === 'OPENING_FULL') return { key: 'error.openingFull', text: t('error.openingFull'), expected: true };
    if (error.reason === 'OPENING_CLOSED') return { key: 'error.openingClosed', text: t('error.openingClosed'), expected: true };
    if (error.code === 'NOT_FOUND' || error.reason === 'NOT_FOUND') {
      return { key: 'error.notFound', text: t('error.notFound'), expected: true };
    }
    if (error.code === 'BAD_USER_INPUT') {
      const field = codeSpanText(optionNameFor(error.field ?? 'input'));
      const text = t('error.badOption', { field, value: describeValue(error.value ?? ''), detail: '' }).trim();
      return { key: 'error.badOption', text, expected: true };
    }
    // With an acting member, FORBIDDEN means "not yours" (not the lead, not the applicant or invitee).
    if (error.code === 'FORBIDDEN') return { key: 'error.notAllowed', text: t('error.notAllowed'), expected: true };
    if (error.code === 'UNAUTHENTICATED') {
      return { key: 'error.forbidden', text: t('error.forbidden'), expected: false };
    }
  }
  return { key: 'error.unknown', text: t('error.unknown', { ref }), expected: false };
}
