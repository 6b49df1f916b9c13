// Pieces the benchmarks share: loading synthetic openings fast, the API as its own process, recall, percentiles.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { exactNearestOpenings, nearestOpenings, type Database, type NearestOpeningsQuery } from '@moim/db';
import type { Embedder } from '@moim/embedder';
import type { OpeningInput } from '@moim/matching';
import { prepareOpening, type OpeningsService } from '../src/modules/openings/service';

const apiDir = join(import.meta.dirname, '..');

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

export interface ApiProcess {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The spawned API runs in production, where /metrics needs a token. */
const METRICS_TOKEN = `bench-metrics-${randomBytes(8).toString('hex')}`;

/** Starts `src/main.ts` as its own process (so the load tool does not share its event loop) and waits for /readyz. */
export async function startApi(options: {
  databaseUrl: string;
  modelDir: string;
  adminKey: string;
  port: number;
  demoData?: boolean;
  env?: Record<string, string>;
}): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      MOIM_MODEL_DIR: options.modelDir,
      MOIM_ADMIN_KEY: options.adminKey,
      MOIM_DEMO_DATA: options.demoData ? 'true' : 'false',
      RATE_LIMIT_PER_MINUTE_IP: '0',
      RATE_LIMIT_PER_MINUTE_KEY: '0',
      METRICS_TOKEN,
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const base = `http://127.0.0.1:${options.port}`;
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`API exited with code ${child.exitCode} before it was ready`);
      try {
        if ((await fetch(`${base}/readyz`)).status === 200) break;
      } catch {
        // not listening yet
      }
      if (i > 900) throw new Error('API did not become ready');
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, child, stop };
}

/** The API process's resident memory in MiB, from its own /metrics. */
export async function apiRssMiB(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
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

export const recallText = (r: Recall) => `${r.byDistance.toFixed(4)} by distance, ${r.byId.toFixed(4)} by id`;
