import { BadInputError, ForbiddenError, type BadInputReason } from '../../errors/domain-errors';

/**
 * The team loop's refusals, each with a stable `extensions.reason`. FORBIDDEN: who acts may not do this (nothing
 * changed). BAD_USER_INPUT: the request is wrong whoever sends it.
 */
export type ForbiddenReason =
  /** A BOT key sent no x-moim-acting-discord-id for an operation that depends on who acts. */
  | 'ACTING_MEMBER_REQUIRED'
  /** The header names a Discord id no member has. */
  | 'ACTING_MEMBER_UNKNOWN'
  /** Only the opening's lead (or ADMIN). */
  | 'NOT_LEAD'
  /** Only the applicant (or ADMIN). */
  | 'NOT_APPLICANT'
  /** Only the invitee (or ADMIN). */
  | 'NOT_INVITEE'
  /** Only the member themself (or ADMIN). */
  | 'NOT_SELF'
  /** Naming a lead other than the acting member (OpeningInput.leadDiscordId) needs an ADMIN key. */
  | 'LEAD_ADMIN_ONLY';

export function refused(reason: ForbiddenReason, message: string, field?: string): ForbiddenError {
  return new ForbiddenError(message, field, reason);
}

export function badRequest(field: string, value: unknown, reason: BadInputReason, message: string): BadInputError {
  return new BadInputError(field, value, message, reason);
}
