import { GraphQLError } from 'graphql';
import { MatchingInputError } from '@moim/matching';

/** JSON-safe, bounded copy of a bad value for error extensions. */
export function safeValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value === null || value === undefined || typeof value === 'boolean') return value ?? null;
  if (Array.isArray(value)) return value.length > 20 ? `[array of ${value.length}]` : value.map(safeValue);
  return String(value).slice(0, 200);
}

/**
 * Why an argument was refused, beyond "invalid": clients branch on this instead of parsing messages.
 * NOT_FOUND: the id names no record. OPENING_FULL / OPENING_CLOSED: the opening takes no applications or seats.
 * The team loop's (src/modules/team-loop/errors.ts) follow.
 */
export type BadInputReason =
  | 'NOT_FOUND'
  | 'OPENING_FULL'
  | 'OPENING_CLOSED'
  | 'ALREADY_APPLIED'
  | 'ALREADY_INVITED'
  | 'ALREADY_SEATED'
  | 'OPENING_NOT_OPEN'
  | 'SELF_INVITE'
  | 'INVITATION_NOT_PENDING'
  | 'THREAD_ALREADY_RECORDED'
  | 'ACTING_MEMBER_MALFORMED';

/** BAD_USER_INPUT naming the field and value (and, when there is one, a stable `reason`). */
export function badInput(field: string, value: unknown, message: string, reason?: BadInputReason): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', field, value: safeValue(value), ...(reason ? { reason } : {}) },
  });
}

/** BAD_USER_INPUT with reason NOT_FOUND: `field: no <what> with id "…"`. */
export function notFound(field: string, id: string, what: 'member' | 'opening' | 'application'): GraphQLError {
  return badInput(field, id, `${field}: no ${what} with id ${JSON.stringify(id)}`, 'NOT_FOUND');
}

/** BAD_USER_INPUT with reason OPENING_FULL / OPENING_CLOSED. */
export function openingUnavailable(field: string, value: string, status: 'FULL' | 'CLOSED', message: string): GraphQLError {
  return badInput(field, value, message, status === 'FULL' ? 'OPENING_FULL' : 'OPENING_CLOSED');
}

export function fromMatchingError(error: MatchingInputError, fieldPrefix = ''): GraphQLError {
  const field = fieldPrefix ? `${fieldPrefix}.${error.field}` : error.field;
  const message = fieldPrefix ? `${fieldPrefix}.${error.message}` : error.message;
  return badInput(field, error.value, message);
}

/** Runs a normaliser, turning MatchingInputError into BAD_USER_INPUT. */
export function validated<T>(fn: () => T, fieldPrefix = ''): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof MatchingInputError) throw fromMatchingError(error, fieldPrefix);
    throw error;
  }
}

/** `field`: the schema coordinate that needs the key, e.g. `Query.memberByDiscordId`. */
export function unauthenticated(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', ...(field ? { field } : {}), http: { status: 401 } } });
}

/** `reason`: a stable why for refusals that depend on who acts (e.g. NOT_LEAD), see src/modules/team-loop/errors.ts. */
export function forbidden(message: string, field?: string, reason?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'FORBIDDEN', ...(field ? { field } : {}), ...(reason ? { reason } : {}), http: { status: 403 } },
  });
}

export const MAX_FIRST = 100;

/** `first` must be 1..100. */
export function checkFirst(first: number | null | undefined, fallback: number, field = 'first'): number {
  const value = first ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > MAX_FIRST) {
    throw badInput(field, value, `${field}: must be an integer from 1 to ${MAX_FIRST}, got ${String(value)}`);
  }
  return value;
}

/** Errors the client caused: shown as-is and logged at info, never at error level. */
export const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
]);

/** Error codes a client may see as-is; everything else is masked as INTERNAL_SERVER_ERROR. */
export const PUBLIC_ERROR_CODES = new Set([...CLIENT_ERROR_CODES, 'SERVICE_UNAVAILABLE']);

/** "Did you mean …?" in graphql-js messages (fields, arguments, enum values, input fields, types). */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** A message without schema-name suggestions (production: clients get no map of the schema from typos). */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}
