// The console's GraphQL client: POST /graphql with the admin key, typed errors the pages can explain.

export interface GraphQLErrorShape {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export type ApiErrorKind = 'unauthenticated' | 'forbidden' | 'bad-input' | 'network' | 'server';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly errors: readonly GraphQLErrorShape[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function classifyErrors(errors: readonly GraphQLErrorShape[], httpStatus: number): ApiError {
  const codes = errors.map((e) => e.extensions?.code);
  const messages = errors.map((e) => e.message).join('; ') || `HTTP ${httpStatus}`;
  if (codes.includes('UNAUTHENTICATED') || httpStatus === 401) return new ApiError('unauthenticated', messages, errors);
  if (codes.includes('FORBIDDEN') || httpStatus === 403) return new ApiError('forbidden', messages, errors);
  if (codes.includes('BAD_USER_INPUT') || codes.includes('GRAPHQL_VALIDATION_FAILED'))
    return new ApiError('bad-input', messages, errors);
  return new ApiError('server', messages, errors);
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

export async function graphqlRequest<T>(
  query: string,
  variables: Record<string, unknown>,
  adminKey: string | null,
  endpoint = '/graphql',
): Promise<T> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  if (adminKey) headers.authorization = bearer(adminKey);
  let response: Response;
  try {
    response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch (error) {
    throw new ApiError('network', error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  let body: { data?: T | null; errors?: GraphQLErrorShape[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw classifyErrors([{ message: `HTTP ${response.status}: ${text.slice(0, 300)}` }], response.status);
  }
  if (body.errors && body.errors.length > 0) throw classifyErrors(body.errors, response.status);
  if (!response.ok || body.data == null) throw classifyErrors([], response.status);
  return body.data;
}
