import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The console's build folders under MOIM_ADMIN_DIST, each served at /<name>/. */
const MOUNTS = ['admin', 'graphiql'] as const;

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

function sendText(reply: FastifyReply, status: number, text: string): FastifyReply {
  return reply.code(status).header('content-type', 'text/plain; charset=utf-8').send(text);
}

/**
 * GET/HEAD /admin/… and /graphiql/… from the console's build (`dist` holds admin/ and graphiql/). Paths with a file
 * extension are files (404 when missing); anything else is index.html so client-side routes work. A missing build
 * answers 503 saying how to build it.
 */
export async function staticRoutes(app: FastifyInstance, deps: { dist: string }): Promise<void> {
  const dist = resolve(deps.dist);
  await app.register(fastifyStatic, {
    root: dist,
    serve: false,
    suppressWarning: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('content-type', CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream');
      const hashedAsset = path.split(sep).includes('assets');
      reply.header('cache-control', hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
      reply.header('x-content-type-options', 'nosniff');
      if (path.endsWith('.html')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    },
  });

  for (const mount of MOUNTS) {
    const root = join(dist, mount);
    const serve = async (request: FastifyRequest, reply: FastifyReply) => {
      const relative = ((request.params as { '*'?: string })['*'] ?? '').replace(/^\/+/, '');
      const candidate = resolve(root, normalize(relative));
      if (relative.includes('\0') || (candidate !== root && !candidate.startsWith(root + sep))) return sendText(reply, 404, 'Not found');
      const isFile = extname(relative) !== '';
      const target = isFile ? candidate : join(root, 'index.html');
      const info = await stat(target).catch(() => null);
      if (!info?.isFile()) {
        if (isFile) return sendText(reply, 404, 'Not found');
        return sendText(reply, 503, `/${mount} is not built: run \`pnpm --filter @moim/admin build\` (expected ${target}; MOIM_ADMIN_DIST sets the folder)`);
      }
      return reply.sendFile(target.slice(dist.length + 1), dist);
    };
    app.get(`/${mount}`, serve);
    app.get(`/${mount}/*`, serve);
  }
}
