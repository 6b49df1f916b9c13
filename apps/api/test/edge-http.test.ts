import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type InProcessApi } from '../src/testing';
import { errorOf } from './support/fixtures';

/** Captures every log line (debug and up) as parsed JSON. */
function capturedLog() {
  const lines: { level: number; msg: string; [k: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
let dev: InProcessApi;
let prod: InProcessApi;
let guarded: InProcessApi;
const devLog = capturedLog();
const prodLog = capturedLog();

beforeAll(async () => {
  [dev, prod, guarded] = await Promise.all([
    startApi({ rateLimitReadyzPerMinuteIp: 20, rateLimitAuthFailuresPerMinuteIp: 0 }, { log: devLog.log }),
    startApi({ nodeEnv: 'production', rateLimitPerMinuteIp: 30, bodyLimitBytes: 16 * 1024 }, { log: prodLog.log }),
    startApi({ nodeEnv: 'production', metricsToken: METRICS_TOKEN }),
  ]);
});
afterAll(async () => {
  await Promise.all([dev?.close(), prod?.close(), guarded?.close()]);
});

/** Documents and variables that graphql-js answers with "Did you mean …?" suggestions outside production. */
const TYPOS: [string, string, Record<string, unknown>?][] = [
  ['field', '{ vocabulary { regionz } }'],
  ['argument', '{ openings(frist: 1) { totalCount } }'],
  ['enum literal', '{ openings(filter: { status: [CLOSD] }) { totalCount } }'],
  ['input field literal', '{ openings(filter: { statuz: [OPEN] }) { totalCount } }'],
  ['variable type', 'query($f: OpeningFiltr) { openings(filter: $f) { totalCount } }'],
  ['variable enum value', 'query($f: OpeningFilter) { openings(filter: $f) { totalCount } }', { f: { status: ['CLOSD'] } }],
  ['variable input field', 'query($p: ProfileInput) { recommendOpenings(profile: $p) { score } }', { p: { region: '서울', experienceYears: 1, stacks: ['Java'], trait: ['비전공자'] } }],
  ['variable enum list', 'query($k: OpeningKind!, $ids: [ID!]!) { formTeams(kind: $k, memberIds: $ids) { totalScore } }', { k: 'PROJEKT', ids: [] }],
];

describe('no schema suggestions in production', () => {
  it.each(TYPOS.map(([name]) => name))('%s: suggested outside production, not in production (same code either way)', async (name) => {
    const [, query, variables] = TYPOS.find(([n]) => n === name)!;
    const inDev = await dev.gql(query, variables);
    const inProd = await prod.gql(query, variables);
    expect(JSON.stringify(inDev.body)).toContain('Did you mean');
    expect(JSON.stringify(inProd.body)).not.toMatch(/did you mean/i);
    expect(errorOf(inProd).code).toBe(errorOf(inDev).code);
    expect(errorOf(inProd).message.length).toBeGreaterThan(10);
  });
});

describe('/metrics', () => {
  it('stays bounded whatever operation names clients choose (1,000 distinct names, five 1 MB names)', async () => {
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => dev.gql(`query Op${i + j}_${'x'.repeat(20)} { viewer { role } }`)));
    }
    const huge = 'N'.repeat(1024 * 1024);
    for (let i = 0; i < 5; i++) await dev.gql(`query ${huge}${i} { viewer { role } }`);
    await dev.gql('query Ünïcode { viewer { role } }');
    const res = await fetch(`${dev.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const operations = new Set([...text.matchAll(/moim_api_graphql_operation_duration_seconds_count\{operation="([^"]*)"/g)].map((m) => m[1]!));
    expect(operations.size).toBeLessThanOrEqual(102);
    expect(operations.has('other')).toBe(true);
    for (const op of operations) expect(op.length).toBeLessThanOrEqual(64);
    expect(text.length).toBeLessThan(1024 * 1024);
    console.log(`[edge-http] /metrics after 1,000 distinct operation names and five 1 MB names: ${text.length} bytes, ${operations.size} operation labels`);
  });

  it('production: off without METRICS_TOKEN; with it, only for the bearer token', async () => {
    expect((await fetch(`${prod.url}/metrics`)).status).toBe(403);
    expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(401);
    const ok = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('moim_api_http_request_duration_seconds');
  });
});

describe('failed authentication and /readyz are rate limited', () => {
  it('300 wrong keys: at most 10 are checked (401), the rest get 429 with retry-after, wherever the key is sent', async () => {
    const wrong = (i: number) =>
      fetch(`${guarded.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer moim_guess${i}` },
        body: JSON.stringify({ query: '{ viewer { role } }' }),
      });
    const started = performance.now();
    const statuses: number[] = [];
    for (let i = 0; i < 300; i += 50) statuses.push(...(await Promise.all(Array.from({ length: 50 }, (_, j) => wrong(i + j)))).map((r) => r.status));
    const ms = performance.now() - started;
    const count = (s: number) => statuses.filter((x) => x === s).length;
    // Sent 50 at a time: each attempt takes its token before the key is looked up, so concurrency gains nothing.
    // (One wrong metrics token above was charged to the same address.)
    expect(count(401)).toBeLessThanOrEqual(10);
    expect(count(429)).toBeGreaterThanOrEqual(290);
    expect(count(200)).toBe(0);
    const limited = await wrong(1000);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await limited.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    // While the address is locked out no new credential is checked (the upload door and /metrics too); keys
    // verified before (here MOIM_ADMIN_KEY) and anonymous reads go on.
    expect((await guarded.gql('{ viewer { role } }', {}, guarded.botKey)).status).toBe(429);
    expect((await guarded.gql('{ viewer { role } }', {}, guarded.adminKey)).status).toBe(200);
    const upload = await fetch(`${guarded.url}/admin/openings/import`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: 'Bearer wrong' }, body: 'x' });
    expect(upload.status).toBe(429);
    expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(429);
    expect((await guarded.gql('{ viewer { role } }')).status).toBe(200);
    console.log(`[edge-http] 300 wrong keys in ${ms.toFixed(0)} ms: ${count(401)} × 401, ${count(429)} × 429`);
  });

  it('/readyz (it pings the database) is limited per IP; concurrent probes share one ping', async () => {
    const statuses = (await Promise.all(Array.from({ length: 30 }, () => fetch(`${dev.url}/readyz`)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(20);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    const refused = await fetch(`${dev.url}/readyz`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('logs', () => {
  it('client-caused errors are logged at info or warn, never at error level', async () => {
    const base = prod.url;
    const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(`${base}/graphql`, { method: 'POST', headers, body });
    const gql = (query: string, variables?: Record<string, unknown>, key?: string) => post(JSON.stringify({ query, variables }), { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) });
    const from = prodLog.lines.length;
    const answers = [
      await gql('{ vocabulary { regionz } }'), // validation
      await gql('{ vocabulary { '), // parse
      await gql('query($f: OpeningFilter) { openings(filter: $f) { totalCount } }', { f: { status: ['NOPE'] } }), // variable coercion
      await gql('{ openings(first: 1000) { totalCount } }'), // bad input from a resolver
      await gql('{ recommendOpenings(profile: { region: "달", experienceYears: 1, stacks: ["Java"] }) { score } }'), // matching input error
      await gql('{ member(id: "x") { id } }'), // unauthenticated by the read model
      await gql('{ importJobs { id } }', undefined, prod.botKey), // forbidden
      await gql('{ viewer { role } }', undefined, 'moim_wrong'), // wrong key
      await gql(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: __typename`).join(' ')} }`), // alias limit
      await gql(`{ ${Array.from({ length: 8 }, (_, i) => `a${i}: recommendOpenings(profile: { region: "서울", experienceYears: 1, stacks: ["Java"] }) { score }`).join(' ')} }`), // cost
      await post('{"query": '), // bad JSON
      await post(JSON.stringify({ query: '{ viewer { role } }', variables: { pad: 'x'.repeat(20 * 1024) } })), // body too large
      await post('{ viewer { role } }', {}), // no content type
      await post(JSON.stringify({ query: 42 })), // not a GraphQL request
      await fetch(`${base}/admin/openings/import`, { method: 'GET' }), // wrong method
      await fetch(`${base}/metrics`), // metrics off in production
    ];
    const rate: number[] = [];
    for (let i = 0; i < 40; i++) rate.push((await gql('{ viewer { role } }')).status);
    expect(rate).toContain(429);
    for (const a of answers) expect(a.status).toBeLessThan(500);
    const lines = prodLog.lines.slice(from);
    const errors = lines.filter((l) => l.level >= 50);
    expect(errors, JSON.stringify(errors.slice(0, 3))).toEqual([]);
    const refusals = lines.filter((l) => (l.level === 30 || l.level === 40) && (l.msg === 'client error' || String(l.msg).startsWith('refused:')));
    // Every refusal above left an info/warn line (the rate-limited ones too).
    expect(refusals.length).toBeGreaterThanOrEqual(answers.length);
    expect(lines.some((l) => String(l.msg).includes('Rate limit exceeded'))).toBe(true);
    expect(lines.some((l) => JSON.stringify(l).includes('UNAUTHENTICATED'))).toBe(true);
  });

  it('an unexpected error is still logged at error level (and masked for the client)', async () => {
    const from = devLog.lines.length;
    const original = dev.app.services.members.byDiscordId;
    dev.app.services.members.byDiscordId = () => Promise.reject(new Error('boom inside'));
    try {
      const r = await dev.gql('{ memberByDiscordId(discordId: "123456789012345678") { id } }', {}, dev.botKey);
      expect(errorOf(r).code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      dev.app.services.members.byDiscordId = original;
    }
    expect(devLog.lines.slice(from).some((l) => l.level === 50 && l.msg === 'unexpected GraphQL error')).toBe(true);
  });
});
