import type { Viewer } from '../graphql/context';
import { forbidden, unauthenticated } from '../graphql/errors';

/** Throws UNAUTHENTICATED for anonymous callers and FORBIDDEN for a key without the role. */
export function requireAdmin(viewer: Viewer, operation: string): void {
  if (viewer.role === 'ADMIN') return;
  if (viewer.role === 'ANONYMOUS') throw unauthenticated(`${operation} needs an ADMIN API key`);
  throw forbidden(`${operation} needs an ADMIN API key; this key's role is ${viewer.role}`);
}

/** Writes by the bot or admins. */
export function requireWriter(viewer: Viewer, operation: string): void {
  if (viewer.role === 'ADMIN' || viewer.role === 'BOT') return;
  throw unauthenticated(`${operation} needs an API key (BOT or ADMIN); anonymous callers are read-only`);
}
