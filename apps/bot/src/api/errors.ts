/** Errors raised by the GraphQL client; the interaction handler turns each into its own member-facing text. */
export class ApiUnreachableError extends Error {
  override readonly name = 'ApiUnreachableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export class ApiResponseError extends Error {
  override readonly name = 'ApiResponseError';
  constructor(
    message: string,
    readonly code: string,
    readonly field: string | null,
    readonly value: unknown,
    readonly path: readonly (string | number)[] = [],
    /** The API's stable refusal reason for BAD_USER_INPUT: NOT_FOUND, OPENING_FULL or OPENING_CLOSED. */
    readonly reason: string | null = null,
  ) {
    super(message);
  }
}
