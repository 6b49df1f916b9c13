import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { ApiResponseError, ApiUnreachableError } from './errors';

export interface GraphqlClientOptions {
  url: string;
  apiKey?: string;
  timeoutMs?: number;
}

interface GraphqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; value?: unknown; reason?: string; [key: string]: unknown };
}

/** A small typed GraphQL-over-HTTP client: results and variables are typed by the generated document. */
export class GraphqlClient {
  private readonly printed = new WeakMap<object, string>();

  constructor(private readonly options: GraphqlClientOptions) {}

  async request<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult> {
    let query = this.printed.get(document);
    if (query === undefined) {
      query = print(document);
      this.printed.set(document, query);
    }
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;

    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new ApiUnreachableError(`cannot reach the Moim API at ${this.options.url}`, { cause: error });
    }
    let payload: { data?: TResult | null; errors?: GraphqlError[] };
    try {
      payload = (await response.json()) as typeof payload;
    } catch (error) {
      throw new ApiUnreachableError(`the Moim API answered HTTP ${response.status} without a GraphQL body`, { cause: error });
    }
    const first = payload.errors?.[0];
    if (first) {
      const extensions = first.extensions ?? {};
      throw new ApiResponseError(
        first.message,
        extensions.code ?? 'UNKNOWN',
        extensions.field ?? null,
        extensions.value,
        first.path ?? [],
        extensions.reason ?? null,
      );
    }
    if (!response.ok || payload.data == null) {
      throw new ApiUnreachableError(`the Moim API answered HTTP ${response.status} without data`);
    }
    return payload.data;
  }
}
