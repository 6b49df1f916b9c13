import { GraphQLError } from 'graphql';
import { clientFormOf, httpStatusOf } from '../errors/client-errors';
import type { DomainError } from '../errors/domain-errors';

/**
 * A domain error as a GraphQLError, for the GraphQL layer's own checks that run outside resolvers (plugins): the
 * same client form as formatError gives, plus the HTTP status for refusals of the whole request.
 */
export function toGraphQLError(error: DomainError): GraphQLError {
  const { message, extensions } = clientFormOf(error);
  const whole = error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN';
  return new GraphQLError(message, { originalError: error, extensions: { ...extensions, ...(whole ? { http: { status: httpStatusOf(error) } } : {}) } });
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
