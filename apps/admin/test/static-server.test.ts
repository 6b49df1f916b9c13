import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminStaticDir, createAdminStaticHandler, graphiqlStaticDir } from '../src/server';

let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'moim-admin-static-'));
  mkdirSync(join(dir, 'admin', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'admin', 'index.html'), '<!doctype html><title>admin</title>');
  writeFileSync(join(dir, 'admin', 'assets', 'app-1.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  const handle = createAdminStaticHandler([
    { prefix: '/admin', dir: join(dir, 'admin') },
    { prefix: '/graphiql', dir: join(dir, 'missing-build') },
  ]);
  server = createServer((req, res) => {
    void handle(req, res).then((handled) => {
      if (!handled) {
        res.statusCode = 418;
        res.end('not mine');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('createAdminStaticHandler', () => {
  it('serves index.html at the prefix and for client routes, with a CSP', async () => {
    for (const path of ['/admin', '/admin/', '/admin/openings/abc']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await res.text()).toContain('<title>admin</title>');
    }
  });

  it('serves hashed assets as immutable and 404s missing files', async () => {
    const asset = await fetch(`${base}/admin/assets/app-1.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/admin/assets/nope.js`)).status).toBe(404);
  });

  it('never leaves its directory', async () => {
    const encodedSlash = await fetch(`${base}/admin/..%2fsecret.txt`);
    expect(encodedSlash.status).toBe(404);
    expect(await encodedSlash.text()).not.toContain('do not serve');
    // URL parsing folds %2e%2e segments before the handler sees them: the path leaves /admin, so it is not ours.
    expect((await fetch(`${base}/admin/%2e%2e/secret.txt`)).status).toBe(418);
  });

  it('leaves other paths and non-GET requests (the import upload) to the caller', async () => {
    expect((await fetch(`${base}/graphql`)).status).toBe(418);
    expect((await fetch(`${base}/administrator`)).status).toBe(418);
    expect((await fetch(`${base}/admin/openings/import`, { method: 'POST', body: 'x' })).status).toBe(418);
  });

  it('says how to build when the build is missing', async () => {
    const res = await fetch(`${base}/graphiql`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('pnpm --filter @moim/admin build');
  });

  it('points at dist/admin and dist/graphiql of this package', () => {
    expect(adminStaticDir()).toMatch(/apps[/\\]admin[/\\]dist[/\\]admin$/);
    expect(graphiqlStaticDir()).toMatch(/apps[/\\]admin[/\\]dist[/\\]graphiql$/);
  });
});
