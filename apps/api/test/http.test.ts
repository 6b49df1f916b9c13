import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../src/auth/viewer';
import { createLoaders } from '../src/graphql/loaders';
import { actingMemberSource } from '../src/modules/team-loop/acting-member';
import { startApi, type InProcessApi } from '../src/testing';
import { errorOf } from './support/fixtures';

let api: InProcessApi;
let prod: InProcessApi;
beforeAll(async () => {
  [api, prod] = await Promise.all([startApi({ bodyLimitBytes: 64 * 1024, maxQueryDepth: 6, maxQueryCost: 3000 }), startApi({ nodeEnv: 'production', rateLimitPerMinuteKey: 5, corsOrigins: ['https://moim.example'] })]);
});
afterAll(async () => {
  await Promise.all([api?.close(), prod?.close()]);
});

describe('GraphQL over HTTP (graphql-http audits)', () => {
  it('passes every MUST audit against the running server', async () => {
    const audits = serverAudits({ url: `${api.url}/graphql`, fetchFn: fetch });
    const results: { name: string; status: string; reason?: string }[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      results.push({ name: audit.name, status: result.status, ...('reason' in result ? { reason: result.reason } : {}) });
    }
    const count = (level: string, status: string) => results.filter((r) => r.name.startsWith(level) && r.status === status).length;
    const summary = {
      total: results.length,
      ok: results.filter((r) => r.status === 'ok').length,
      mustOk: count('MUST', 'ok'),
      mustTotal: results.filter((r) => r.name.startsWith('MUST')).length,
      warn: results.filter((r) => r.status === 'warn').map((r) => r.name),
      notice: results.filter((r) => r.status === 'notice').map((r) => r.name),
      error: results.filter((r) => r.status === 'error').map((r) => `${r.name}: ${r.reason ?? ''}`),
    };
    console.log('[graphql-http audits]', JSON.stringify(summary, null, 2));
    expect(results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok')).toEqual([]);
    expect(summary.error).toEqual([]);
  });
});

describe('HTTP doors and limits', () => {
  it('/healthz and /readyz tell the truth; /metrics exposes Prometheus text; x-request-id is echoed', async () => {
    const health = await fetch(`${api.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${api.url}/readyz`, { headers: { 'x-request-id': 'req-123' } });
    expect(ready.status).toBe(200);
    expect(ready.headers.get('x-request-id')).toBe('req-123');
    const body = (await ready.json()) as { checks: Record<string, string> };
    expect(body.checks.database).toBe('ok');
    expect(body.checks.model).toContain(api.embedder.modelId);
    await api.gql(`query MetricsProbe { vocabulary { tags } }`);
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toContain('moim_api_http_request_duration_seconds_bucket');
    expect(metrics).toMatch(/^moim_api_db_pool_connections\{state="max"\} [1-9]/m);
    expect(metrics).toMatch(/^moim_api_db_pool_waiting \d+/m);
    expect(metrics).toMatch(/^moim_api_vector_searches_queued \d+/m);
    expect(metrics).toMatch(/moim_api_graphql_operation_duration_seconds_count\{operation="MetricsProbe",type="query",outcome="ok"\} [1-9]/);
  });

  it('refuses bodies above the limit with 413 and invalid JSON with 400', async () => {
    const big = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ vocabulary { regions } }`, variables: { pad: 'x'.repeat(70 * 1024) } }),
    });
    expect(big.status).toBe(413);
    const bad = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(bad.status).toBe(400);
  });

  it('refuses documents deeper or costlier than the limits before running them', async () => {
    const deep = await api.gql(`{ openings { edges { node { applications { member { applications { opening { id } } } } } } } }`);
    expect(errorOf(deep)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(errorOf(deep).message).toContain('depth');
    const costly = await api.gql(`{ openings(first: 100) { edges { node { applications { member { id displayName } } } } } }`);
    expect(errorOf(costly).code).toBe('QUERY_TOO_COMPLEX');
    expect(errorOf(costly).message).toContain('cost');
  });

  it('CSRF prevention: a simple (form-like) request is refused, a JSON request goes through', async () => {
    const simple = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ viewer { role } }')}`);
    expect(simple.status).toBe(400);
    const withHeader = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ viewer { role } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(withHeader.status).toBe(200);
    const form = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ viewer { role } }"}' });
    expect(form.status).toBe(400);
  });

  it('masks internal errors (logged, not shown) and keeps public ones', async () => {
    const original = api.app.services.members.byDiscordId;
    api.app.services.members.byDiscordId = () => Promise.reject(new Error('secret table name members_internal'));
    try {
      const r = await api.gql(`{ memberByDiscordId(discordId: "123456789012345678") { id } }`, {}, api.botKey);
      expect(r.body.errors).toHaveLength(1);
      expect(r.body.errors![0]!.message).toBe('Internal server error');
      expect(JSON.stringify(r.body)).not.toContain('secret');
      expect(r.body.errors![0]!.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      api.app.services.members.byDiscordId = original;
    }
  });

  it('production: introspection off, no stack traces, no field suggestions', async () => {
    const intro = await prod.gql(`{ __schema { types { name } } }`);
    expect(errorOf(intro).code).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await prod.gql(`{ vocabulary { regionz } }`);
    expect(errorOf(typo).message).not.toContain('Did you mean');
    const bad = await prod.gql(`{ openings(first: 1000) { totalCount } }`);
    expect(errorOf(bad).code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.body)).not.toContain('stacktrace');
    const devIntro = await api.gql(`{ __schema { queryType { name } } }`);
    expect(devIntro.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('rate limit and CORS', () => {
  it('limits requests per API key with 429 and retry-after', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await prod.gql(`{ viewer { role } }`, {}, prod.botKey)).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await prod.gql(`{ viewer { role } }`, {}, prod.botKey);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(errorOf(limited).code).toBe('RATE_LIMITED');
    // Another key has its own bucket.
    expect((await prod.gql(`{ viewer { role } }`, {}, prod.adminKey)).status).toBe(200);
  });

  it('answers preflights for configured origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${prod.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
      });
    const ok = await preflight('https://moim.example');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://moim.example');
    expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('resolvers through server.executeOperation', () => {
  it('runs queries and enforces roles with an explicit context', async () => {
    const services = api.app.services;
    const context = (viewer = ANONYMOUS) => ({ contextValue: { viewer, services, loaders: createLoaders(services.deps.db.prisma), log: api.app.log, requestId: 'exec', actor: actingMemberSource(services.deps.db.prisma, viewer, undefined) } });
    const res = await api.app.apollo.executeOperation(
      { query: `query($p: ProfileInput) { vocabulary { stacks } recommendOpenings(profile: $p, first: 3) { score } }`, variables: { p: { region: '서울', experienceYears: 1, stacks: ['Go'] } } },
      context(),
    );
    expect(res.body.kind).toBe('single');
    if (res.body.kind !== 'single') return;
    expect(res.body.singleResult.errors).toBeUndefined();
    expect((res.body.singleResult.data as any).vocabulary.stacks).toContain('Go');
    const refused = await api.app.apollo.executeOperation({ query: `{ importJobs { id } }` }, context({ role: 'BOT', keyId: 'k', keyName: 'bot' }));
    if (refused.body.kind !== 'single') return;
    expect(refused.body.singleResult.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const allowed = await api.app.apollo.executeOperation({ query: `{ importJobs { id } }` }, context({ role: 'ADMIN', keyId: 'k', keyName: 'admin' }));
    if (allowed.body.kind !== 'single') return;
    expect(allowed.body.singleResult.errors).toBeUndefined();
  });
});
