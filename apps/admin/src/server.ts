// Node-side entry of @moim/admin: where the built console and GraphQL IDE live, and a framework-free
// request handler that serves them (works with node:http and Express alike, since both pass Node req/res).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** Absolute path of the built admin console (`pnpm --filter @moim/admin build`), served at /admin/. */
export function adminStaticDir(): string {
  return join(packageRoot, 'dist', 'admin');
}

/** Absolute path of the built offline GraphiQL IDE, served at /graphiql/. */
export function graphiqlStaticDir(): string {
  return join(packageRoot, 'dist', 'graphiql');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// Everything is served from this origin; the CSP makes the browser refuse any CDN even if a dependency tried one.
// Monaco (GraphiQL's editor) needs inline styles, blob workers and data: fonts.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export interface StaticMount {
  /** URL prefix without trailing slash, e.g. "/admin". */
  prefix: string;
  /** Directory holding index.html and assets/. */
  dir: string;
}

export const DEFAULT_MOUNTS: readonly StaticMount[] = [
  { prefix: '/admin', dir: adminStaticDir() },
  { prefix: '/graphiql', dir: graphiqlStaticDir() },
];

/**
 * Serves GET/HEAD under each mount's prefix. Paths with a file extension are files (404 when missing);
 * anything else falls back to index.html so client-side routes work. Returns false when the request is
 * not for a mount (or not GET/HEAD, e.g. `POST /admin/openings/import`), leaving it to the caller.
 */
export function createAdminStaticHandler(mounts: readonly StaticMount[] = DEFAULT_MOUNTS) {
  return async function handleAdminStatic(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const pathname = safePathname(req.url ?? '/');
    if (pathname === null) return false;
    const mount = mounts.find((m) => pathname === m.prefix || pathname.startsWith(`${m.prefix}/`));
    if (!mount) return false;

    const relative = pathname.slice(mount.prefix.length).replace(/^\/+/, '');
    const root = resolve(mount.dir);
    const candidate = resolve(root, normalize(relative));
    if (candidate !== root && !candidate.startsWith(root + sep)) {
      send(res, 404, 'text/plain; charset=utf-8', 'Not found');
      return true;
    }

    const isFile = extname(relative) !== '';
    const target = isFile ? candidate : join(root, 'index.html');
    const info = await stat(target).catch(() => null);
    if (!info?.isFile()) {
      if (isFile) send(res, 404, 'text/plain; charset=utf-8', 'Not found');
      else
        send(
          res,
          503,
          'text/plain; charset=utf-8',
          `${mount.prefix} is not built: run \`pnpm --filter @moim/admin build\` (expected ${target})`,
        );
      return true;
    }

    const hashedAsset = relative.startsWith('assets/');
    res.statusCode = 200;
    res.setHeader('content-type', CONTENT_TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream');
    res.setHeader('content-length', info.size);
    res.setHeader('cache-control', hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('x-content-type-options', 'nosniff');
    if (target.endsWith('.html')) res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    await new Promise<void>((done) => {
      const stream = createReadStream(target);
      stream.on('error', (error) => res.destroy(error));
      res.on('close', () => done());
      stream.pipe(res);
    });
    return true;
  };
}

function safePathname(url: string): string | null {
  try {
    const pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
    return pathname.includes('\0') ? null : pathname;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
