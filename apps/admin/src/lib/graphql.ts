// The console's side of the shared GraphQL client: POST /graphql with the admin key, errors as kinds the pages explain.
import {
  GraphqlResponseError,
  GraphqlTransportError,
  request,
  type GraphqlErrorEntry,
  type TypedDocument,
} from '@moim/graphql-client';

export type ApiErrorKind = 'unauthenticated' | 'forbidden' | 'bad-input' | 'network' | 'server';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly errors: readonly GraphqlErrorEntry[] = [],
    /** The API's x-request-id, to find the request in the API's log. */
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function classifyErrors(errors: readonly GraphqlErrorEntry[], httpStatus: number, requestId: string | null = null): ApiError {
  const codes = errors.map((e) => e.extensions?.code);
  const messages = errors.map((e) => e.message).join('; ') || `HTTP ${httpStatus}`;
  if (codes.includes('UNAUTHENTICATED') || httpStatus === 401) return new ApiError('unauthenticated', messages, errors, requestId);
  if (codes.includes('FORBIDDEN') || httpStatus === 403) return new ApiError('forbidden', messages, errors, requestId);
  if (codes.includes('BAD_USER_INPUT') || codes.includes('GRAPHQL_VALIDATION_FAILED'))
    return new ApiError('bad-input', messages, errors, requestId);
  return new ApiError('server', messages, errors, requestId);
}

/** Why a key may not sign in, as data: the sign-in page words it in the admin's language. */
export type SignInProblem =
  | { code: 'unknownKey' }
  | { code: 'notAdminKey' }
  | { code: 'anonymous' }
  | { code: 'unreachable'; detail: string }
  | { code: 'checkRefused'; detail: string };

/** Sign-in verdict from the API's `viewer.role`: null when the key may use the console. */
export function roleProblem(role: string): SignInProblem | null {
  if (role === 'ADMIN') return null;
  if (role === 'BOT') return { code: 'notAdminKey' };
  return { code: 'anonymous' };
}

/** What the sign-in page says for a refused key. */
export function signInProblemOf(error: unknown): SignInProblem {
  if (error instanceof ApiError) {
    if (error.kind === 'unauthenticated') return { code: 'unknownKey' };
    if (error.kind === 'forbidden') return { code: 'notAdminKey' };
    if (error.kind === 'network') return { code: 'unreachable', detail: error.message };
    return { code: 'checkRefused', detail: error.message };
  }
  return { code: 'checkRefused', detail: error instanceof Error ? error.message : String(error) };
}

export function bearer(key: string): string {
  return `Bearer ${key.trim()}`;
}

/** The shared client's errors in the console's terms (the pages and the sign-in check read `kind`). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof GraphqlResponseError) return classifyErrors(error.errors, error.http?.status ?? 200, error.http?.requestId ?? null);
  if (error instanceof GraphqlTransportError) {
    if (!error.http) return new ApiError('network', error.cause instanceof Error ? error.cause.message : error.message);
    const { status, requestId } = error.http;
    return classifyErrors(error.bodyText === null ? [] : [{ message: `HTTP ${status}: ${error.bodyText}` }], status, requestId);
  }
  return new ApiError('server', error instanceof Error ? error.message : String(error));
}

/** POST /graphql with the admin key; result and variables typed by the generated document. */
export async function graphqlRequest<TResult, TVariables>(
  document: TypedDocument<TResult, TVariables>,
  variables: TVariables,
  adminKey: string | null,
  endpoint = '/graphql',
): Promise<TResult> {
  try {
    return await request({ url: endpoint, apiKey: adminKey }, document, variables);
  } catch (error) {
    throw toApiError(error);
  }
}
