// PostgreSQL stops in the middle of a large upload while recommendations are being served, then comes back.
// The API runs as its own process (as in production) on its OWN throwaway cluster (scripts/db/up.sh with
// MOIM_PG_DIR/MOIM_PG_PORT), never the shared test cluster; the cluster is purged afterwards. The figures
// (rows stored before the fault, seconds to recover, load answers, counts) are printed as one `[faults]` line.
//
//   FAULT_ROWS   rows in the upload (default 3,000, CI-sized; e.g. 20000 for a bench-sized run)
//
// What it guards (each was a real gap once): requests caught by the stop/start transition (PostgreSQL's 57P03,
// pg's "not queryable" client) answer SERVICE_UNAVAILABLE, never INTERNAL_SERVER_ERROR; a chunk's rows and their
// vectors commit together; the failed job says the database went away; the 503 of an upload stopped mid-file
// closes its connection instead of leaving the unread body on a kept-alive one.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase, type Database } from '@moim/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchOpenings, benchProfiles } from '../bench/data';
import { spawnApi, type ChildApi } from '../src/testing';

const ROWS = Number(process.env.FAULT_ROWS ?? 3000);
const CHUNK = 500; // rows per stored chunk of an upload (README: "stores valid rows in chunks of 500")
// Own directory and port per test process (never the shared cluster's 54329), so two checkouts running their
// tests at once cannot stop or recreate each other's cluster.
const PG_DIR = `/tmp/moim-api-faults-test-pg-${process.pid}`;
const PG_PORT = String(54400 + (process.pid % 500));
const repo = join(import.meta.dirname, '../../..');
const pgEnv = { ...process.env, MOIM_PG_DIR: PG_DIR, MOIM_PG_PORT: PG_PORT };
const run = promisify(execFile);
// Asynchronous on purpose: the load stream keeps running (and timing) while the cluster stops and starts.
const dbUp = async () => /DATABASE_URL=(\S+)/.exec((await run('bash', [join(repo, 'scripts/db/up.sh')], { env: pgEnv })).stdout)![1]!;
const dbDown = async (purge = false) => void (await run('bash', [join(repo, 'scripts/db/down.sh'), ...(purge ? ['--purge'] : [])], { env: pgEnv }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const API_LOG = join(tmpdir(), 'moim-api-faults.log');
const KEY = `fault-admin-${randomBytes(8).toString('hex')}`;
const figures: Record<string, unknown> = { rows: ROWS };

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, everyMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

const describeError = (error: unknown) => {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `${String(error)}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`;
};

let databaseUrl = '';
let api: ChildApi | undefined;
let base = '';
let direct: Database | undefined;

async function get(path: string): Promise<{ status: number; body: any }> {
  try {
    const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
    return { status: res.status, body: await res.json() };
  } catch (error) {
    return { status: 0, body: { error: describeError(error) } };
  }
}

async function gql(query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: any; requestId: string }> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, body: await res.json(), requestId: res.headers.get('x-request-id') ?? '' };
}

/** What the API logged for a request (its error lines carry the real error behind a masked one). */
const loggedFor = (requestId: string) =>
  (api?.output ?? '')
    .split('\n')
    .filter((line) => requestId && line.includes(requestId))
    .map((line) => line.slice(0, 600))
    .join('\n');

const file = benchOpenings(ROWS, 11).map((r) => JSON.stringify(r)).join('\n');

/** One HTTP request through `agent` (false: its own connection, closed afterwards). */
function request(method: string, path: string, agent: Agent | false, body?: string, timeoutMs = 180_000): Promise<{ status: number; body: any; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/x-ndjson', authorization: `Bearer ${KEY}`, 'content-length': String(Buffer.byteLength(body)) };
    const req = httpRequest(`${base}${path}`, { method, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null, headers: res.headers }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject); // after an early answer, an aborted body write lands here and is ignored
    req.end(body);
  });
}
const upload = (agent: Agent | false = false) => request('POST', '/admin/openings/import', agent, file);

/** Row counts straight from PostgreSQL (not through the API under test). */
async function stored(): Promise<{ openings: number; externalIds: number; withoutVector: number; vectors: number }> {
  direct ??= await openDatabase({ databaseUrl, skipMigrations: true, poolSize: 2 });
  const [row] = await direct.prisma.$queryRaw<{ openings: number; externalIds: number; withoutVector: number; vectors: number }[]>`
    SELECT (SELECT count(*)::int FROM openings) AS "openings",
           (SELECT count(DISTINCT external_id)::int FROM openings) AS "externalIds",
           (SELECT count(*)::int FROM openings o WHERE NOT EXISTS (SELECT 1 FROM opening_embeddings e WHERE e.opening_id = o.id)) AS "withoutVector",
           (SELECT count(*)::int FROM opening_embeddings) AS "vectors"`;
  return row!;
}

/** Every answer of the load stream, classified. */
interface Answer {
  startedAt: number;
  ms: number;
  outcome: 'ok' | 'unavailable' | 'internal' | 'bad';
  requestId: string;
  detail: string;
}

/** A steady stream of recommendOpenings requests from `workers` clients, each waiting 50 ms between requests. */
function loadStream(workers = 2) {
  const answers: Answer[] = [];
  const profiles = benchProfiles(64, 5);
  let stop = false;
  let n = 0;
  const worker = async () => {
    while (!stop) {
      const startedAt = Date.now();
      const profile = profiles[n++ % profiles.length];
      let outcome: Answer['outcome'] = 'bad';
      let detail = '';
      let requestId = '';
      try {
        const r = await gql('query Load($p: ProfileInput!) { recommendOpenings(profile: $p, first: 5) { score opening { id } } }', { p: profile });
        const codes: unknown[] = (r.body.errors ?? []).map((e: any) => e.extensions?.code);
        requestId = r.requestId;
        detail = `HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
        if (r.status === 200 && codes.length === 0 && Array.isArray(r.body.data?.recommendOpenings)) outcome = 'ok';
        else if ((r.status === 200 || r.status === 503) && codes.length > 0 && codes.every((c) => c === 'SERVICE_UNAVAILABLE')) outcome = 'unavailable';
        else if (r.status === 200 && codes.length > 0 && codes.every((c) => c === 'INTERNAL_SERVER_ERROR')) outcome = 'internal';
      } catch (error) {
        detail = `no answer: ${describeError(error)}`; // includes the 20 s timeout
      }
      answers.push({ startedAt, ms: Date.now() - startedAt, outcome, requestId, detail });
      await sleep(50);
    }
  };
  const running = Promise.all(Array.from({ length: workers }, worker));
  return {
    answers,
    async stop() {
      stop = true;
      await running;
    },
  };
}

beforeAll(async () => {
  await dbDown(true); // a cluster left over by an interrupted run would carry its rows into this one
  databaseUrl = await dbUp();
  api = await spawnApi({ database: { url: databaseUrl }, env: { LOG_LEVEL: 'error', MOIM_ADMIN_KEY: KEY }, readyTimeoutMs: 120_000 });
  base = api.url;
}, 240_000);

afterAll(async () => {
  await direct?.close().catch(() => {});
  await api?.close();
  await dbDown(true);
  writeFileSync(API_LOG, api?.output ?? '');
  console.log(`[faults] ${JSON.stringify(figures)} (API log: ${API_LOG})`);
}, 120_000);

describe('PostgreSQL stops mid-import and under load, then comes back', () => {
  let load: ReturnType<typeof loadStream>;
  let jobId = '';
  let downAt = 0; // pg_ctl stop called
  let stoppedAt = 0; // pg_ctl stop returned: PostgreSQL is down
  let storedBefore = 0;

  it('while it is down: the upload answers 503 SERVICE_UNAVAILABLE, queries SERVICE_UNAVAILABLE, /readyz 503, /healthz 200', async () => {
    load = loadStream();
    const t0 = Date.now();
    // The upload keeps its connection alive (one socket), like any HTTP client library would.
    const uploadAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const first = upload(uploadAgent);
    first.catch(() => {});
    // Stop as soon as the first chunk is stored, i.e. in the middle of the import.
    const before = await until('the first stored chunk', 120_000, async () => {
      const n = (await gql('{ openings(first: 1) { totalCount } }')).body.data?.openings.totalCount as number | undefined;
      return n && n > 0 ? n : undefined;
    }, 100);
    expect(before, 'the import finished before PostgreSQL could be stopped; raise FAULT_ROWS').toBeLessThan(ROWS);
    downAt = Date.now();
    await dbDown();
    stoppedAt = Date.now();
    figures.storedWhenStopping = before;
    figures.secondsIntoImport = (downAt - t0) / 1000;

    const answer = await first;
    const uploadRequestId = String(answer.headers['x-request-id']);
    figures.uploadAnswer = `HTTP ${answer.status} ${answer.body.errors?.[0]?.extensions?.code}`;
    const jobHeader = answer.headers['x-import-job-id'];
    expect(jobHeader, 'x-import-job-id').toEqual(expect.any(String));
    jobId = jobHeader as string;
    await sleep(200); // the API's log lines for that request
    expect(answer.status, `${JSON.stringify(answer.body)}\nAPI log: ${loggedFor(uploadRequestId)}`).toBe(503);
    expect(answer.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(answer.body.errors[0].message).toMatch(/database became unavailable.*re-upload the same file/);
    expect(answer.body.jobId).toBe(jobId);

    // The client's next request on that same kept-alive connection.
    const probeAt = Date.now();
    const next = await request('GET', '/healthz', uploadAgent, undefined, 8000).then(
      (r) => `HTTP ${r.status}`,
      (error: unknown) => describeError(error),
    );
    uploadAgent.destroy();
    figures.sameConnectionAfter503 = `${next} after ${Date.now() - probeAt} ms`;
    expect(figures.sameConnectionAfter503).toMatch(/^HTTP 200/);

    for (const query of ['{ openings(first: 1) { totalCount } }', '{ recommendOpenings(profile: { region: "서울", experienceYears: 3, stacks: ["Java"] }, first: 5) { score } }']) {
      const r = await gql(query);
      const detail = `${JSON.stringify(r.body)}\nAPI log: ${loggedFor(r.requestId)}`;
      expect(r.status, detail).not.toBe(500);
      expect(r.body.errors, detail).toHaveLength(1);
      expect(r.body.errors[0].extensions.code, detail).toBe('SERVICE_UNAVAILABLE');
      expect(r.body.errors[0].message).toMatch(/database is (unavailable|busy)/);
    }

    const ready = await get('/readyz');
    expect(ready.status, JSON.stringify(ready.body)).toBe(503);
    expect(ready.body.checks.database).toMatch(/^unreachable/);
    const health = await get('/healthz');
    expect(health.status, JSON.stringify(health.body)).toBe(200);
    // Keep it down until the load stream has had answers to requests sent while it was down.
    await until('load answers while down', 30_000, async () => (load.answers.filter((a) => a.startedAt > stoppedAt).length >= 4 ? true : undefined));
  });

  it('when it is back: /readyz 200 without restarting the API; the load stream answered only successes or SERVICE_UNAVAILABLE', async () => {
    expect(stoppedAt, 'the first step did not stop PostgreSQL').toBeGreaterThan(0);
    const pid = api!.child.pid;
    const startingAt = Date.now();
    await dbUp();
    const upAt = Date.now();
    await until('/readyz 200 after PostgreSQL is back', 60_000, async () => ((await get('/readyz')).status === 200 ? true : undefined));
    const readyAt = Date.now();
    figures.secondsDown = (upAt - stoppedAt) / 1000;
    figures.readySecondsAfterStart = (readyAt - upAt) / 1000;
    expect(api!.child.exitCode).toBeNull();
    expect(api!.child.pid).toBe(pid);

    // The stream recovers by itself: successes for requests sent after /readyz turned green.
    await until('load successes after recovery', 30_000, async () => (load.answers.filter((a) => a.startedAt >= readyAt && a.outcome === 'ok').length >= 5 ? true : undefined));
    await load.stop();
    const { answers } = load;
    const count = (xs: Answer[], o: Answer['outcome']) => xs.filter((a) => a.outcome === o).length;
    const down = answers.filter((a) => a.startedAt > stoppedAt && a.startedAt + a.ms < startingAt);
    const after = answers.filter((a) => a.startedAt >= readyAt);
    figures.load = {
      answers: answers.length,
      ok: count(answers, 'ok'),
      unavailable: count(answers, 'unavailable'),
      internal: count(answers, 'internal'),
      bad: count(answers, 'bad'),
      slowestMs: Math.max(...answers.map((a) => a.ms)),
      whileDown: `${count(down, 'unavailable')}/${down.length} unavailable`,
      afterRecovery: `${count(after, 'ok')}/${after.length} ok`,
    };
    const refused = (a: Answer) => a.outcome === 'bad' || a.outcome === 'internal';
    const wrong = answers.filter(refused).map((a) => `${a.startedAt - stoppedAt} ms after the stop: ${a.detail}\n  API log: ${loggedFor(a.requestId)}`);
    expect(wrong, wrong.join('\n')).toEqual([]);
    expect(down.length).toBeGreaterThan(0);
    expect(count(down, 'unavailable'), 'requests sent while PostgreSQL was down').toBeGreaterThan(0);
    expect(count(down, 'ok'), 'requests sent while PostgreSQL was down').toBe(0);
    expect(count(after, 'ok'), 'requests sent after /readyz was 200 again').toBe(after.length);
  });

  it('nothing half-written: whole chunks of rows and of vectors, no duplicates; the failed job is recorded', async () => {
    const counts = await stored();
    storedBefore = counts.openings;
    figures.storedBeforeFault = counts;
    expect(counts.openings).toBeGreaterThan(0);
    expect(counts.openings).toBeLessThan(ROWS);
    expect(counts.externalIds).toBe(counts.openings);
    // Each chunk commits its rows and their vectors in one transaction.
    expect(counts.openings % CHUNK).toBe(0);
    expect(counts.vectors % CHUNK).toBe(0);
    expect(counts.vectors + counts.withoutVector).toBe(counts.openings);

    const job = await until('the failed import job to be recorded', 30_000, async () => {
      const j = (await gql('query($id: ID!) { importJob(id: $id) { status created updated error } }', { id: jobId })).body.data?.importJob;
      return j?.status === 'FAILED' ? j : undefined;
    }, 500);
    figures.failedJob = job;
    expect(job.error).toBeTruthy();
    expect(job.created + job.updated).toBeLessThanOrEqual(storedBefore);
    expect(job.error).toMatch(/database/i);
    expect(counts.withoutVector, 'openings stored without their vector').toBe(0);
  });

  it('re-uploading the same file completes it: no duplicates, nothing lost, recommendations answer', async () => {
    const again = await upload();
    figures.reupload = { status: again.status, created: again.body.created, updated: again.body.updated, failed: again.body.failed };
    expect(again.status, JSON.stringify(again.body).slice(0, 500)).toBe(200);
    expect(again.body).toMatchObject({ status: 'SUCCEEDED', failed: 0, updated: storedBefore, created: ROWS - storedBefore });

    const counts = await stored();
    figures.after = counts;
    expect(counts).toEqual({ openings: ROWS, externalIds: ROWS, withoutVector: 0, vectors: ROWS });
    expect((await gql('{ openings(first: 1) { totalCount } }')).body.data.openings.totalCount).toBe(ROWS);

    const rec = await gql('{ recommendOpenings(profile: { region: "서울", experienceYears: 3, stacks: ["Java"] }, first: 5) { score opening { externalId } } }');
    expect(rec.body.errors).toBeUndefined();
    expect(rec.body.data.recommendOpenings).toHaveLength(5);
  });
});
