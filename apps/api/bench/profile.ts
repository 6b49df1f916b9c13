// pnpm --filter @moim/api exec tsx bench/profile.ts — where the API's time goes for recommendOpenings.
// Figures, not a test. Options (env): BENCH_DATABASE_URL (a database already loaded with openings and an index: no
// load), else BENCH_OPENINGS (100000) loaded into a fresh database on DATABASE_URL's server or the throwaway cluster;
// BENCH_SECONDS per measurement (10); MOIM_MODEL_DIR (default: the shipped model).
//
// One run prints: (1) the API ÷ nearest-neighbour-SQL-alone ratio at concurrency 1 and 8 (p50, p95, req/s), with
// an HTTP + GraphQL floor (`{ __typename }`); (2) each step of recommendOpenings timed alone in this process at
// concurrency 1 (the embed cache hit, the nearest-neighbour SQL with the rows, the re-rank); (3) a CPU profile of
// the API process during the concurrency-8 run, summed by area (package) and by function, with the inclusive time
// of GraphQL parse / validate / execute, the HTTP door's document screen, Prisma and JSON.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, nearestOpeningRows, useOpeningIndex, dropOpeningIndexes, type Database } from '@moim/db';
import { createTestDatabase } from '@moim/db/testing';
import { DEFAULT_MODEL_DIR, loadEmbedder } from '@moim/embedder';
import { normalizeProfile, renderProfileSentence } from '@moim/matching';
import { EmbeddingService, markActive, registerServingModel } from '../src/modules/embedding/service';
import { OpeningsService } from '../src/modules/openings/service';
import { candidatePool, rankMatches } from '../src/modules/recommendations/service';
import { blendScore, criteriaOf } from '../src/common/scoring';
import { testConfig } from '../src/env';
import { summarizeProfile } from './cpu-profile';
import { benchOpenings, benchProfiles } from './data';
import { closedLoop, graphqlLoad, loadOpenings, percentile, progress } from './harness';
import { spawnApi, type ChildApi } from '../src/testing';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const N = Number(process.env.BENCH_OPENINGS ?? 100_000);
const FIRST = 10;
const modelDir = process.env.MOIM_MODEL_DIR ?? DEFAULT_MODEL_DIR;

type Figures = { rps: number; p50: number; p95: number };

async function http(base: string, bodies: string[], connections: number): Promise<Figures> {
  const { rps, p50, p95, errors } = await graphqlLoad(base, bodies, connections, SECONDS);
  if (errors > 0) throw new Error(`${errors} errors or non-2xx answers`);
  return { rps, p50, p95 };
}


/** Median of `runs` sequential calls, ms. */
async function median(runs: number, call: (i: number) => unknown): Promise<number> {
  const lat: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await call(i);
    lat.push(performance.now() - s);
  }
  return percentile(lat, 50);
}

async function prepareDatabase(): Promise<{ db: Database; url: string; close: () => Promise<void> }> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) {
    const db = await openDatabase({ databaseUrl: given, poolSize: 10 });
    return { db, url: given, close: () => db.close() };
  }
  const testDb = await createTestDatabase({ poolSize: 10 });
  const embedder = await loadEmbedder({ modelDir, threads: 2 });
  try {
    const serving = await registerServingModel(testDb, embedder);
    await markActive(testDb, serving.modelKey);
    const openings = new OpeningsService({ db: testDb, embedding: new EmbeddingService(serving) });
    await dropOpeningIndexes(testDb, serving.modelKey);
    await loadOpenings(openings, embedder, benchOpenings(N, 1), { onProgress: (s, d, t) => progress(`${s} ${d}/${t}`) });
    await testDb.prisma.$executeRaw`ANALYZE`;
    progress('building HNSW');
    await useOpeningIndex(testDb, { modelKey: serving.modelKey, dimension: serving.dimension, method: 'hnsw', maintenanceWorkMemMB: 1024 });
  } finally {
    await embedder.close();
  }
  return { db: testDb, url: testDb.databaseUrl, close: () => testDb.close() };
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

const { db, url, close } = await prepareDatabase();
const embedder = await loadEmbedder({ modelDir, threads: 1 });
const profDir = await mkdtemp(join(tmpdir(), 'moim-cpu-prof-'));
let api: ChildApi | undefined;
try {
  const serving = await registerServingModel(db, embedder);
  const openingCount = await db.prisma.opening.count();
  const embedding = new EmbeddingService(serving);
  const profiles = benchProfiles(64, 2).map(normalizeProfile);
  const sentences = profiles.map((p) => renderProfileSentence(p));
  const vectors = await embedder.embed(sentences);
  const query = `query Rec($p: ProfileInput!) { recommendOpenings(profile: $p, first: ${FIRST}) { score similarity reasons { code message } opening { id title region stacks } } }`;
  const bodies = profiles.map((p) =>
    JSON.stringify({ query, variables: { p: { region: p.region, experienceYears: p.experienceYears, stacks: p.stacks, traits: p.traits } }, operationName: 'Rec' }));
  const floorBody = [JSON.stringify({ query: '{ __typename }' })];
  const pool = candidatePool(FIRST);
  const sql = (i: number) => nearestOpeningRows(db, { modelKey: serving.modelKey, dimension: serving.dimension, vector: vectors[i % vectors.length]!, first: pool });

  // (2) steps alone, concurrency 1
  for (let i = 0; i < 64; i++) await sql(i);
  const hits = await Promise.all(vectors.map((_, i) => sql(i)));
  const config = testConfig();
  const steps = {
    embed: await median(640, (i) => embedding.embed([sentences[i % sentences.length]!])),
    sql: await median(640, sql),
    rerank: await median(640, (i) => {
      const k = i % hits.length;
      return rankMatches(hits[k]!.map((h) => ({ opening: h.opening, ...blendScore(config.scoreWeight, profiles[k]!, criteriaOf(h.opening), h.similarity) }))).slice(0, FIRST);
    }),
  };

  // (1) over HTTP, beside the SQL alone; the API runs under the CPU profiler only for the profile below
  // manual: the index stays the one the database has while it is measured.
  const env = { MOIM_MODEL_DIR: modelDir, MOIM_OPENING_INDEX: 'manual' };
  api = await spawnApi({ database: { url }, env, readyTimeoutMs: 600_000 });
  const warm = async (base: string) => {
    for (const b of bodies) await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b });
  };
  await warm(api.url);
  const figures: Record<number, { api: Figures; floor: Figures; sql: Figures }> = {};
  for (const c of [1, 8]) {
    progress(`concurrency ${c}`);
    figures[c] = { api: await http(api.url, bodies, c), floor: await http(api.url, floorBody, c), sql: await closedLoop(c, SECONDS, sql) };
  }
  await api.close();

  // (3) the profiled run
  progress('profiled run at concurrency 8');
  const profileFile = join(profDir, 'api.cpuprofile');
  const preload = join(import.meta.dirname, 'cpu-profiler-preload.mjs');
  api = await spawnApi({ database: { url }, env: { ...env, NODE_OPTIONS: `--import=${preload}`, MOIM_CPU_PROFILE: profileFile }, readyTimeoutMs: 600_000 });
  await warm(api.url);
  api.child.kill('SIGUSR2');
  await new Promise((r) => setTimeout(r, 300));
  const profiled = await http(api.url, bodies, 8);
  api.child.kill('SIGUSR2');
  for (let i = 0; i < 100 && !(await readdir(profDir)).includes('api.cpuprofile'); i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 500)); // the write finishing
  await api.close();
  api = undefined;
  const summary = await summarizeProfile(
    profileFile,
    { top: 30, inclusiveOf: [
      'parse@graphql/language/parser', 'validate@graphql/validation/validate', 'execute@graphql/execution/execute',
      'processGraphQLRequest@@apollo/server', 'recommendOpenings@recommendations/service', 'nearestOpeningRows',
      'authenticate@http/guards', 'stringify', 'observe@prom-client',
      'willResolveField@graphql/argument-guard', 'didResolveOperation@graphql/operation-guard', 'embed@embedding/service',
    ] },
  );

  console.log(`# recommendOpenings profile — ${new Date().toISOString()}, ${openingCount} openings, candidate pool ${pool}, ${SECONDS} s each`);
  console.log('\n## API over HTTP vs the nearest-neighbour SQL alone (one run)');
  console.log('| concurrency | API req/s | API p50 / p95 ms | floor `{ __typename }` req/s | floor p50 / p95 ms | SQL alone req/s | SQL p50 / p95 ms | API ÷ SQL req/s |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const c of [1, 8]) {
    const { api: a, floor, sql: s } = figures[c]!;
    console.log(`| ${c} | ${a.rps.toFixed(0)} | ${f1(a.p50)} / ${f1(a.p95)} | ${floor.rps.toFixed(0)} | ${f1(floor.p50)} / ${f1(floor.p95)} | ${s.rps.toFixed(0)} | ${f2(s.p50)} / ${f2(s.p95)} | ${f2(a.rps / s.rps)}× |`);
  }
  console.log('\n## Steps alone, concurrency 1, in this process (median ms)');
  console.log(`embed (cache hit) ${f2(steps.embed)}, nearest-neighbour SQL with the rows ${f2(steps.sql)}, re-rank ${f2(steps.rerank)}`);
  console.log(`\n## CPU profile of the API at concurrency 8 (${profiled.rps.toFixed(0)} req/s under the profiler; that run only)`);
  console.log(`busy ${f1(summary.busyMs)} ms of ${f1(summary.wallMs)} ms wall`);
  console.log('\n### Self time by area');
  for (const [area, ms] of summary.byArea.slice(0, 30)) console.log(`- ${area}: ${f1(ms)} ms (${f1((100 * ms) / summary.busyMs)}%)`);
  console.log('\n### Inclusive time (a sample counts once for each name on its stack)');
  for (const [name, ms] of summary.inclusive) console.log(`- ${name}: ${f1(ms)} ms (${f1((100 * ms) / summary.busyMs)}%)`);
  console.log('\n### Self time by function');
  for (const [name, ms] of summary.byFunction) console.log(`- ${name}: ${f1(ms)} ms`);
} finally {
  await api?.close();
  await embedder.close();
  await close();
  await rm(profDir, { recursive: true, force: true });
}
