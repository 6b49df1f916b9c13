// Which database failures mean "away or saturated" (retry later) rather than a bug, and which are a lost
// unique-key race. One place for the GraphQL error formatter, the upload door, the import job and the services.

const DB_DOWN_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P03']);

/** Database unreachable: clients get SERVICE_UNAVAILABLE (retry later), not a generic 500. */
export function isDatabaseDown(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && DB_DOWN_CODES.has(code)) return true;
    // Prisma's driver adapters carry PostgreSQL's own SQLSTATE (e.g. 57P03 while it starts or shuts down) here.
    const pg = (e as { meta?: { driverAdapterError?: { cause?: { code?: unknown; originalCode?: unknown } } } }).meta?.driverAdapterError?.cause;
    if (pg && [pg.code, pg.originalCode].some((c) => typeof c === 'string' && DB_DOWN_CODES.has(c))) return true;
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === 'string' &&
      /ECONNREFUSED|ECONNRESET|EPIPE|Connection terminated|terminating connection|Can't reach database|the database system is (starting up|shutting down)|encountered a connection error and is not queryable/i.test(message)
    )
      return true;
  }
  return false;
}

/** Pool or transaction-start timeouts under load: retryable, not a bug. */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'P2028' || code === 'P2024';
}

/** Down or busy: the client should retry; the request itself was fine. */
export function isDatabaseOutage(error: unknown): boolean {
  return isDatabaseDown(error) || isDatabaseBusy(error);
}

/** What an import cut off by an outage tells the admin (the upload's 503 and the failed ImportJob alike). */
export const IMPORT_INTERRUPTED =
  'The database became unavailable during the import; rows stored so far are kept, re-upload the same file to finish (same externalIds update, never duplicate)';

/** Prisma's unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
