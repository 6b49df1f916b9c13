// The console's build served by the API from a folder given in config (MOIM_ADMIN_DIST), over real HTTP.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../src/env';
import { staticRoutes } from '../src/http/routes/static';

let app: FastifyInstance;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'moim-admin-static-'));
  // dist/admin is built; dist/graphiql is not.
  mkdirSync(join(dir, 'dist', 'admin', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'admin', 'index.html'), '<!doctype html><title>admin</title>');
  writeFileSync(join(dir, 'dist', 'admin', 'assets', 'app-1.js'), 'console.log(1)');
  writeFileSync(join(dir, 'dist', 'secret.txt'), 'do not serve');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  app = Fastify();
  await app.register(staticRoutes, { dist: join(dir, 'dist') });
  app.setNotFoundHandler((_request, reply) => reply.code(418).send('not mine'));
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('static routes for /admin and /graphiql', () => {
  it('serves index.html at the prefix and for client routes, with a CSP', async () => {
    for (const path of ['/admin', '/admin/', '/admin/openings/abc']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>admin</title>');
    }
    const head = await fetch(`${base}/admin/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('serves hashed assets as immutable and 404s missing files', async () => {
    const asset = await fetch(`${base}/admin/assets/app-1.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log(1)');
    expect((await fetch(`${base}/admin/assets/nope.js`)).status).toBe(404);
  });

  it('never leaves its directory', async () => {
    for (const path of ['/admin/..%2fsecret.txt', '/admin/..%2f..%2fsecret.txt']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('do not serve');
    }
    // URL parsing folds %2e%2e segments before the server sees them: the path leaves /admin, so it is not ours.
    expect((await fetch(`${base}/admin/%2e%2e/secret.txt`)).status).toBe(418);
  });

  it('leaves other paths and non-GET requests (the import upload) to other routes', async () => {
    expect((await fetch(`${base}/graphql`)).status).toBe(418);
    expect((await fetch(`${base}/administrator`)).status).toBe(418);
    expect((await fetch(`${base}/admin/openings/import`, { method: 'POST', body: 'x' })).status).toBe(418);
  });

  it('says how to build when the build is missing', async () => {
    const res = await fetch(`${base}/graphiql`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('pnpm --filter @moim/admin build');
  });

  it('defaults MOIM_ADMIN_DIST to apps/admin/dist of this repository', () => {
    expect(testConfig().adminDist).toMatch(/apps[/\\]admin[/\\]dist$/);
  });
});
