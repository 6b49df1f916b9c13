// Pieces the benchmarks share: loading synthetic openings fast, the API process's memory, recall, percentiles.
// The API itself runs as its own process through spawnApi (src/testing).
import autocannon from 'autocannon';
import { exactNearestOpenings, nearestOpenings, type Database, type NearestOpeningsQuery } from '@moim/db';
import type { Embedder } from '@moim/embedder';
import type { OpeningInput } from '@moim/matching';
import { prepareOpening, type OpeningsService } from '../src/modules/openings/service';
import type { ChildApi } from '../src/testing';

export const ms = (x: number) => `${x.toFixed(2)} ms`;

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** Progress lines for long steps: stderr, so stdout stays the report. */
export const progress = (line: string) => process.stderr.write(`  ${line}\n`);

/**
 * Loads openings the fast way: each distinct sentence embedded once, rows + vectors written through
 * OpeningsService.upsertPrepared in 5,000-row chunks.
 */
export async function loadOpenings(
  openings: OpeningsService,
  embedder: Embedder,
  inputs: OpeningInput[],
  options: { onProgress?: (step: 'embedded' | 'written', done: number, total: number) => void } = {},
): Promise<{ distinctSentences: number; embedSeconds: number; writeSeconds: number }> {
  let t0 = performance.now();
  const prepared = inputs.map((i) => prepareOpening(i));
  const distinct = [...new Set(prepared.map((p) => p.sentence))];
  const vectors = new Map<string, Float32Array>();
  for (let i = 0; i < distinct.length; i += 2048) {
    const part = distinct.slice(i, i + 2048);
    (await embedder.embed(part)).forEach((v, j) => vectors.set(part[j]!, v));
    if ((i / 2048) % 25 === 24) options.onProgress?.('embedded', i + part.length, distinct.length);
  }
  const embedSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  for (let i = 0; i < prepared.length; i += 5000) {
    const part = prepared.slice(i, i + 5000);
    await openings.upsertPrepared(part, part.map((p) => vectors.get(p.sentence)!));
    if ((i / 5000) % 4 === 3) options.onProgress?.('written', i + part.length, prepared.length);
  }
  return { distinctSentences: distinct.length, embedSeconds, writeSeconds: (performance.now() - t0) / 1000 };
}

/** The API process's resident memory in MiB, from its own /metrics. */
export async function apiRssMiB(api: Pick<ChildApi, 'url' | 'metricsToken'>): Promise<number> {
  const text = await (await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${api.metricsToken}` } })).text();
  return Number(/^moim_api_process_resident_memory_bytes (\S+)/m.exec(text)?.[1] ?? NaN) / 2 ** 20;
}

export interface Recall {
  /** As ann-benchmarks counts: a returned row counts when it is as near as the exact k-th (ties are arbitrary by id). */
  byDistance: number;
  byId: number;
}

type Hit = { openingId: string; similarity: number };

/** The exact k nearest per query (sequential scan), computed once and compared with every index method. */
export async function exactTruth(db: Database, queries: Omit<NearestOpeningsQuery, 'first'>[], k = 10): Promise<Hit[][]> {
  const out: Hit[][] = [];
  for (const q of queries) out.push(await exactNearestOpenings(db, { ...q, first: k }));
  return out;
}

/** recall@k of nearestOpenings (what the API's candidate stage calls) against the exact answers. */
export async function candidateRecall(
  db: Database,
  queries: Omit<NearestOpeningsQuery, 'first'>[],
  truth: Hit[][],
  k = 10,
): Promise<Recall> {
  let byId = 0;
  let byDistance = 0;
  for (const [i, query] of queries.entries()) {
    const exact = truth[i]!;
    const top = (await nearestOpenings(db, { ...query, first: k })).slice(0, k);
    const ids = new Set(exact.map((e) => e.openingId));
    const kth = exact.at(-1)?.similarity ?? -Infinity;
    byId += top.filter((a) => ids.has(a.openingId)).length / Math.max(1, exact.length);
    byDistance += Math.min(exact.length, top.filter((a) => a.similarity >= kth - 1e-6).length) / Math.max(1, exact.length);
  }
  return { byDistance: byDistance / queries.length, byId: byId / queries.length };
}

/** A closed loop of `concurrency` callers of `call` for `seconds`, in this process: requests per second, p50 and p95 in ms. */
export async function closedLoop(concurrency: number, seconds: number, call: (i: number) => Promise<unknown>): Promise<{ rps: number; p50: number; p95: number }> {
  const took: number[] = [];
  const until = performance.now() + seconds * 1000;
  let k = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await call(k++);
        took.push(performance.now() - t0);
      }
    }),
  );
  return { rps: took.length / seconds, p50: percentile(took, 50), p95: percentile(took, 95) };
}

export const recallText = (r: Recall) => `${r.byDistance.toFixed(4)} by distance, ${r.byId.toFixed(4)} by id`;

/** POSTs `bodies` round-robin to `base`/graphql over `connections` connections for `seconds` (autocannon). */
export async function graphqlLoad(base: string, bodies: string[], connections: number, seconds: number) {
  let i = 0;
  const result = await autocannon({
    url: `${base}/graphql`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req: any) => ({ ...req, body: bodies[i++ % bodies.length] }) }],
  });
  const latency = result.latency as typeof result.latency & { p95?: number };
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    p50: latency.p50,
    p95: latency.p95 ?? latency.p97_5,
    p99: latency.p99,
    errors: result.errors + result.non2xx,
  };
}
