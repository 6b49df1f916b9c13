import { randomBytes } from 'node:crypto';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[] };
}

// Tests read untyped GraphQL answers; `any` by default, as the lint setup allows in test/ and bench/.
/** `headers`: extra request headers, e.g. `{ 'x-moim-acting-discord-id': … }`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Gql = <T = Record<string, any>>(
  query: string,
  variables?: Record<string, unknown>,
  key?: string | null,
  headers?: Record<string, string>,
) => Promise<GraphQLResponse<T>>;

/** POST /graphql on `url` over real HTTP, with `key` as the bearer key when given. */
export function graphqlOver(url: string): Gql {
  return async (query, variables, key, headers) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as never };
  };
}

export const randomKey = (prefix: string) => `${prefix}-${randomBytes(12).toString('hex')}`;

/** A BOT key made the way an admin makes one: createApiKey over HTTP with the admin key. */
export async function createBotKey(gql: Gql, adminKey: string): Promise<string> {
  const res = await gql<{ createApiKey: { key: string } }>('mutation { createApiKey(name: "test bot", role: BOT) { key } }', {}, adminKey);
  const key = res.body.data?.createApiKey.key;
  if (!key) throw new Error(`createApiKey failed: HTTP ${res.status} ${JSON.stringify(res.body.errors)}`);
  return key;
}
