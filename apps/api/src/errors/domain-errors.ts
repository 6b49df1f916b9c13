import { MatchingInputError } from '@moim/matching';

/**
 * What services throw when a request cannot be served as asked. They know nothing of GraphQL or HTTP: the edge
 * (src/errors/client-errors.ts, used by Apollo's formatError and the upload route) turns them into what clients see.
 */
export abstract class DomainError extends Error {
  abstract readonly code: 'BAD_USER_INPUT' | 'CONFLICT' | 'UNAUTHENTICATED' | 'FORBIDDEN';
}

/**
 * Why an argument was refused, beyond "invalid": clients branch on this instead of parsing messages.
 * NOT_FOUND: the id names no record. OPENING_FULL / OPENING_CLOSED: the opening takes no applications or seats.
 */
export type BadInputReason =
  | 'NOT_FOUND'
  | 'OPENING_FULL'
  | 'OPENING_CLOSED'
  // The team loop's (src/modules/team-loop/errors.ts):
  | 'ALREADY_APPLIED'
  | 'ALREADY_INVITED'
  | 'ALREADY_SEATED'
  | 'OPENING_NOT_OPEN'
  | 'SELF_INVITE'
  | 'INVITATION_NOT_PENDING'
  | 'THREAD_ALREADY_RECORDED'
  | 'ACTING_MEMBER_MALFORMED';

/** A bad argument or input field: `field` names it (`input.stacks[1]`), `value` is what was given. */
export class BadInputError extends DomainError {
  override readonly name: string = 'BadInputError';
  readonly code = 'BAD_USER_INPUT';

  constructor(
    readonly field: string,
    readonly value: unknown,
    message: string,
    readonly reason?: BadInputReason,
  ) {
    super(message);
  }
}

/** The id names no record: `field: no <what> with id "…"` (reason NOT_FOUND). */
export class NotFoundError extends BadInputError {
  override readonly name = 'NotFoundError';

  constructor(field: string, id: string, what: 'member' | 'opening' | 'application' | 'invitation') {
    super(field, id, `${field}: no ${what} with id ${JSON.stringify(id)}`, 'NOT_FOUND');
  }
}

/** The opening takes no applications or seats (reason OPENING_FULL / OPENING_CLOSED). */
export class OpeningUnavailableError extends BadInputError {
  override readonly name = 'OpeningUnavailableError';

  constructor(field: string, value: string, status: 'FULL' | 'CLOSED', message: string) {
    super(field, value, message, status === 'FULL' ? 'OPENING_FULL' : 'OPENING_CLOSED');
  }
}

/** The request is fine but collides with work in progress (e.g. a second re-embed). */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  readonly code = 'CONFLICT';
}

/** No key, or a wrong one; `field` is the schema coordinate that needs the key, e.g. `Query.memberByDiscordId`. */
export class UnauthenticatedError extends DomainError {
  override readonly name = 'UnauthenticatedError';
  readonly code = 'UNAUTHENTICATED';

  constructor(message: string, readonly field?: string) {
    super(message);
  }
}

/** A key whose role may not do this. */
export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  readonly code = 'FORBIDDEN';

  /** `reason`: a stable why when the refusal depends on who acts (NOT_LEAD …, src/modules/team-loop/errors.ts). */
  constructor(message: string, readonly field?: string, readonly reason?: string) {
    super(message);
  }
}

/** `@moim/matching`'s refusal as a BadInputError, its field under `fieldPrefix` (`input` → `input.stacks[1]`). */
export function fromMatchingError(error: MatchingInputError, fieldPrefix = ''): BadInputError {
  const field = fieldPrefix ? `${fieldPrefix}.${error.field}` : error.field;
  const message = fieldPrefix ? `${fieldPrefix}.${error.message}` : error.message;
  return new BadInputError(field, error.value, message);
}

/** Runs a normaliser, turning MatchingInputError into BadInputError. */
export function validated<T>(fn: () => T, fieldPrefix = ''): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof MatchingInputError) throw fromMatchingError(error, fieldPrefix);
    throw error;
  }
}
