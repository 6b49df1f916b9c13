import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@moim/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnApi, type ChildApi } from '../src/testing';

// Two API processes on one PostgreSQL, as two replicas behind a load balancer. Bounds are generous (2 shared
// cores): what is asserted is the outcome, and that it comes within a bounded time.
const ROWS = 20_000;
const ANONYMOUS_PER_MINUTE = 30;
const IMPORT_BOUND_MS = 420_000;

let db: TestDatabase;
let a: ChildApi;
let b: ChildApi;
const adminKey = `replica-admin-${randomBytes(12).toString('hex')}`;

beforeAll(async () => {
  db = await createTestDatabase();
  const env = { RATE_LIMIT_PER_MINUTE_IP: String(ANONYMOUS_PER_MINUTE), RATE_LIMIT_PER_MINUTE_KEY: '0', RATE_LIMIT_READYZ_PER_MINUTE_IP: '0' };
  // One at a time: the first applies the migrations and pg-boss's schema.
  const start = () => spawnApi({ database: { url: db.databaseUrl }, env: { ...env, MOIM_ADMIN_KEY: adminKey, DB_POOL_SIZE: '6', MOIM_EMBED_THREADS: '1' } });
  a = await start();
  b = await start();
}, 400_000);
afterAll(async () => {
  await Promise.allSettled([a?.close(), b?.close()]);
  await db?.close();
});

async function gql(api: ChildApi, query: string, variables: Record<string, unknown> = {}, key: string | null = adminKey) {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const REGIONS = ['서울', '부산', '대전', '제주', '재택'];
const STACKS = ['Java', 'React', 'Go', 'Python', 'Node.js'];
function csv(): string {
  const lines = ['externalId,kind,title,description,region,stacks,minExperienceYears,tags,capacity'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`rep-${i},${i % 2 ? 'STUDY' : 'PROJECT'},모임 ${i},함께 해요,${REGIONS[i % 5]},${STACKS[i % 5]};${STACKS[(i + 2) % 5]},${i % 4},,${2 + (i % 6)}`);
  }
  return lines.join('\n');
}

const upload = (api: ChildApi, body: string) =>
  fetch(`${api.url}/admin/openings/import`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${adminKey}` }, body });

const JOB = 'id status total processed created updated failed error';
async function job(api: ChildApi, id: string) {
  const r = await gql(api, `query($id: ID!) { importJob(id: $id) { ${JOB} } }`, { id });
  return r.body.data?.importJob as { id: string; status: string; processed: number; created: number; updated: number; failed: number; error: string | null } | null;
}

async function until<T>(what: string, boundMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > boundMs) throw new Error(`${what}: not within ${boundMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function storedOpenings() {
  const [row] = await db.prisma.$queryRaw<{ openings: bigint; distinct_ids: bigint; without_vector: bigint }[]>`
    SELECT count(*) AS openings, count(DISTINCT external_id) AS distinct_ids,
           count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM opening_embeddings e WHERE e.opening_id = o.id)) AS without_vector
    FROM openings o`;
  return { openings: Number(row!.openings), distinctIds: Number(row!.distinct_ids), withoutVector: Number(row!.without_vector) };
}

describe('two replicas on one PostgreSQL', () => {
  it('share the per-IP rate limit: the limit holds for the service, not per process', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 2 * ANONYMOUS_PER_MINUTE; i++) statuses.push((await gql(i % 2 ? a : b, '{ vocabulary { regions } }', {}, null)).status);
    const ok = statuses.filter((s) => s === 200).length;
    console.log(`[replicas] ${2 * ANONYMOUS_PER_MINUTE} anonymous requests alternating over both replicas at ${ANONYMOUS_PER_MINUTE}/min per IP: ${ok} answered`);
    // Each process alone would let 2 × 30 through; together they let 30 (a window boundary may add a few).
    expect(ok).toBeGreaterThanOrEqual(ANONYMOUS_PER_MINUTE);
    expect(ok).toBeLessThan(1.5 * ANONYMOUS_PER_MINUTE);
    expect(statuses.filter((s) => s === 429).length).toBe(statuses.length - ok);
    const refusedA = await gql(a, '{ vocabulary { regions } }', {}, null);
    const refusedB = await gql(b, '{ vocabulary { regions } }', {}, null);
    expect([refusedA.status, refusedB.status]).toEqual([429, 429]);
  }, 120_000);

  it('a key revoked through one replica is refused by the other within 5 s', async () => {
    const created = await gql(a, 'mutation { createApiKey(name: "replica bot", role: BOT) { key apiKey { id } } }');
    const { key, apiKey } = created.body.data.createApiKey as { key: string; apiKey: { id: string } };
    expect((await gql(b, '{ viewer { role } }', {}, key)).body.data.viewer.role).toBe('BOT'); // cached on B now
    expect((await gql(a, 'mutation($id: ID!) { revokeApiKey(id: $id) }', { id: apiKey.id })).body.data.revokeApiKey).toBe(true);
    const revoked = Date.now();
    const refusedAfter = await until('B refuses the revoked key', 10_000, async () => ((await gql(b, '{ viewer { role } }', {}, key)).status === 401 ? Date.now() - revoked : undefined));
    expect(refusedAfter).toBeLessThan(5000);
    console.log(`[replicas] revoked key refused by the other replica after ${refusedAfter} ms`);
  }, 60_000);

  it('an import whose replica is killed mid-way ends within a bounded time, every opening with its vector, and a re-upload completes it', async () => {
    const file = csv();
    const first = upload(a, file).catch((error: unknown) => error); // A dies before it answers
    const jobId = await until('the import job appears', 120_000, async () => {
      const jobs = await gql(b, '{ importJobs(first: 1) { id } }');
      return jobs.body.data?.importJobs?.[0]?.id as string | undefined;
    });
    await until('some chunks are stored', 180_000, async () => ((await job(b, jobId))!.processed >= 1000 ? true : undefined));
    const aExited = once(a.child, 'exit');
    a.child.kill('SIGKILL');
    await aExited;
    const killedAt = Date.now();
    const killedAtProcessed = (await job(b, jobId))!.processed;
    expect(await first).toBeInstanceOf(Error);

    // B keeps answering while it takes the job over.
    let answered = 0;
    let failedToAnswer = 0;
    const ended = await until('the job ends', IMPORT_BOUND_MS, async () => {
      const r = await gql(b, '{ embedder { modelId } }');
      if (r.status === 200 && r.body.data?.embedder?.modelId) answered++;
      else failedToAnswer++;
      const j = await job(b, jobId);
      return j && j.status !== 'RUNNING' ? j : undefined;
    });
    const endedAfter = Date.now() - killedAt;
    console.log(`[replicas] killed at ${killedAtProcessed}/${ROWS} rows; the job ended ${ended.status} ${(endedAfter / 1000).toFixed(1)} s later; B answered ${answered} queries meanwhile, ${failedToAnswer} not`);
    expect(failedToAnswer).toBe(0);
    expect(answered).toBeGreaterThan(0);
    if (ended.status === 'FAILED') expect(ended.error).toMatch(/re-upload/);
    else expect({ status: ended.status, processed: ended.processed, failed: ended.failed }).toEqual({ status: 'SUCCEEDED', processed: ROWS, failed: 0 });

    const afterCrash = await storedOpenings();
    expect(afterCrash.withoutVector).toBe(0);
    expect(afterCrash.distinctIds).toBe(afterCrash.openings);
    if (ended.status === 'SUCCEEDED') expect(afterCrash.openings).toBe(ROWS);

    // Re-uploading the same file (to the surviving replica) completes it, without duplicates.
    const reuploadStarted = Date.now();
    const again = await upload(b, file);
    console.log(`[replicas] re-upload of ${ROWS} rows to the surviving replica: ${((Date.now() - reuploadStarted) / 1000).toFixed(1)} s`);
    const report = (await again.json()) as { status: string; created: number; updated: number; failed: number };
    expect(again.status).toBe(200);
    expect(report).toMatchObject({ status: 'SUCCEEDED', failed: 0 });
    expect(report.created + report.updated).toBe(ROWS);
    expect(await storedOpenings()).toEqual({ openings: ROWS, distinctIds: ROWS, withoutVector: 0 });
  }, 1_200_000);
});
