/** One entry of a GraphQL response's `errors`, with the extensions the Moim API sets. */
export interface GraphqlErrorEntry {
  message: string;
  path?: readonly (string | number)[];
  extensions?: {
    /** UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, RATE_LIMITED, GRAPHQL_VALIDATION_FAILED … */
    code?: string;
    /** The input field at fault, e.g. `profile.stacks[1]`. */
    field?: string;
    /** The value at fault, as sent. */
    value?: unknown;
    /** A stable refusal reason for BAD_USER_INPUT: NOT_FOUND, OPENING_FULL, OPENING_CLOSED. */
    reason?: string;
    [key: string]: unknown;
  };
}

/** What the HTTP answer said about itself, kept on every error that had one. */
export interface HttpAnswer {
  status: number;
  /** The API's `x-request-id` for this request: the same id is in the API's log line. */
  requestId: string | null;
  /** Seconds from `retry-after` (sent with 429 and 503). */
  retryAfterSeconds: number | null;
}

/** The API could not be reached, or answered without a GraphQL body or without data. */
export class GraphqlTransportError extends Error {
  override readonly name = 'GraphqlTransportError';
  /** The HTTP answer, or null when none arrived (connection refused, DNS, timeout). */
  readonly http: HttpAnswer | null;
  /** The start of a body that was not a GraphQL response (e.g. a proxy's HTML error page). */
  readonly bodyText: string | null;

  constructor(message: string, options: { http?: HttpAnswer | null; bodyText?: string | null; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.http = options.http ?? null;
    this.bodyText = options.bodyText ?? null;
  }
}

/** The API answered with GraphQL errors; the first one's extensions say why. */
export class GraphqlResponseError extends Error {
  override readonly name = 'GraphqlResponseError';
  readonly errors: readonly GraphqlErrorEntry[];
  readonly http: HttpAnswer | null;

  constructor(errors: readonly GraphqlErrorEntry[], http: HttpAnswer | null = null) {
    super(errors.map((error) => error.message).join('; ') || 'GraphQL error');
    this.errors = errors;
    this.http = http;
  }

  private get first(): GraphqlErrorEntry | undefined {
    return this.errors[0];
  }

  /** The first error's `extensions.code`, `UNKNOWN` when it has none. */
  get code(): string {
    return this.first?.extensions?.code ?? 'UNKNOWN';
  }

  get field(): string | null {
    return this.first?.extensions?.field ?? null;
  }

  get value(): unknown {
    return this.first?.extensions?.value;
  }

  get reason(): string | null {
    return this.first?.extensions?.reason ?? null;
  }

  get path(): readonly (string | number)[] {
    return this.first?.path ?? [];
  }

  /** Every code in the answer: an answer can carry several errors. */
  get codes(): string[] {
    return this.errors.flatMap((error) => (error.extensions?.code ? [error.extensions.code] : []));
  }
}
