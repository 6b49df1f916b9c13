import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_HEADERS =
  'content-type, authorization, x-api-key, x-request-id, apollo-require-preflight, x-apollo-operation-name';

/**
 * Sets CORS headers for allowed origins (`*` in the list allows any origin). Answers preflights itself and
 * returns true when it did.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, origins: readonly string[]): boolean {
  const origin = req.headers.origin;
  res.setHeader('Vary', 'Origin');
  const allowed = origin !== undefined && (origins.includes('*') || origins.includes(origin));
  if (allowed) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', 'x-request-id, x-import-job-id, retry-after');
  }
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
    if (allowed) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.writeHead(204).end();
    return true;
  }
  return false;
}
