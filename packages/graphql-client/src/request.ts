import { GraphqlResponseError, GraphqlTransportError, type GraphqlErrorEntry, type HttpAnswer } from './errors';
import type { TypedDocument } from './typed-document';

export interface GraphqlClientOptions {
  /** The GraphQL endpoint, absolute (`http://127.0.0.1:4000/graphql`) or, in a browser, relative (`/graphql`). */
  url: string;
  /** Sent as `Authorization: Bearer <key>` (trimmed); no header when empty. */
  apiKey?: string | null;
  /** Abort a request that takes longer; none when unset. */
  timeoutMs?: number;
}

/** Per-request additions, e.g. the bot's `x-moim-acting-discord-id` for the member who clicked. */
export interface RequestExtras {
  /** Extra headers; they cannot replace content-type, accept or authorization. */
  headers?: Readonly<Record<string, string>>;
}

export interface GraphqlClient {
  request<TResult, TVariables>(document: TypedDocument<TResult, TVariables>, variables: TVariables, extras?: RequestExtras): Promise<TResult>;
}

const BODY_TEXT_MAX = 300;
/** Headers this client sets itself; per-request extras cannot send their own. */
const OWN_HEADERS = new Set(['content-type', 'accept', 'authorization']);

function answerOf(response: Response): HttpAnswer {
  const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null,
  };
}

/**
 * POSTs `{ query, variables }` and returns `data`, typed by the document. Throws `GraphqlResponseError` when the
 * answer has GraphQL errors (whatever its HTTP status, so a 401 or 429 keeps its code), and `GraphqlTransportError`
 * when there is no answer, no GraphQL body, or no data.
 */
export async function request<TResult, TVariables>(
  options: GraphqlClientOptions,
  document: TypedDocument<TResult, TVariables>,
  variables: TVariables,
  extras: RequestExtras = {},
): Promise<TResult> {
  const headers: Record<string, string> = {
    ...Object.fromEntries(
      Object.entries(extras.headers ?? {})
        .map(([name, value]) => [name.toLowerCase(), value])
        .filter(([name]) => !OWN_HEADERS.has(name!)),
    ),
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  const key = options.apiKey?.trim();
  if (key) headers.authorization = `Bearer ${key}`;

  let response: Response;
  try {
    response = await fetch(options.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: document.toString(), variables }),
      signal: options.timeoutMs === undefined ? null : AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new GraphqlTransportError(`cannot reach the API at ${options.url}: ${detail}`, { cause: error });
  }
  const http = answerOf(response);
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new GraphqlTransportError(`the API's answer (HTTP ${http.status}) broke off`, { http, cause: error });
  }
  let body: { data?: TResult | null; errors?: GraphqlErrorEntry[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch (error) {
    const bodyText = text.slice(0, BODY_TEXT_MAX);
    throw new GraphqlTransportError(`the API answered HTTP ${http.status} without a GraphQL body`, { http, bodyText, cause: error });
  }
  if (Array.isArray(body?.errors) && body.errors.length > 0) throw new GraphqlResponseError(body.errors, http);
  if (!response.ok || body?.data == null) {
    throw new GraphqlTransportError(`the API answered HTTP ${http.status} without data`, { http });
  }
  return body.data;
}

/** A client bound to one endpoint and key. */
export function createGraphqlClient(options: GraphqlClientOptions): GraphqlClient {
  return { request: (document, variables, extras) => request(options, document, variables, extras) };
}
