import type { DomainError } from './domain-errors';

/** What a client sees of a domain error, the same over GraphQL and over the upload route. */
export interface ClientErrorForm {
  message: string;
  extensions: { code: string; field?: string; value?: unknown; reason?: string };
}

/** JSON-safe, bounded copy of a bad value for error extensions. */
export function safeValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value === null || value === undefined || typeof value === 'boolean') return value ?? null;
  if (Array.isArray(value)) return value.length > 20 ? `[array of ${value.length}]` : value.map(safeValue);
  return String(value).slice(0, 200);
}

/** The one mapping of domain errors to what clients read: code, field, bounded value, stable reason. */
export function clientFormOf(error: DomainError): ClientErrorForm {
  const extensions: ClientErrorForm['extensions'] = { code: error.code };
  if ('field' in error && typeof error.field === 'string') extensions.field = error.field;
  if ('value' in error) extensions.value = safeValue(error.value);
  if ('reason' in error && typeof error.reason === 'string') extensions.reason = error.reason;
  return { message: error.message, extensions };
}

const HTTP_STATUS: Record<DomainError['code'], number> = {
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
};

/** The status of an HTTP answer that carries only this error. */
export function httpStatusOf(error: DomainError): number {
  return HTTP_STATUS[error.code];
}
