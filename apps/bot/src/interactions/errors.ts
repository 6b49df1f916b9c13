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
export const missingOption = (field: string) => new UserFacingError('error.missingOption', { field });

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
    if (error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED') {
      return { key: 'error.forbidden', text: t('error.forbidden'), expected: false };
    }
  }
  return { key: 'error.unknown', text: t('error.unknown', { ref }), expected: false };
}
