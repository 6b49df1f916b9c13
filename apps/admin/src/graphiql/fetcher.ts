// A minimal same-origin fetcher (GraphiQL's toolkit is a transitive dependency we cannot import directly).
// Headers typed into GraphiQL's headers editor arrive in `opts.headers` and are sent as-is.
export interface FetcherParams {
  query: string;
  operationName?: string | null;
  variables?: unknown;
}

export function createFetcher(url: string) {
  return async (params: FetcherParams, opts?: { headers?: Record<string, unknown> }) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    for (const [name, value] of Object.entries(opts?.headers ?? {})) headers[name] = String(value);
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(params) });
    const text = await response.text();
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
    }
  };
}
