// pnpm bench:scale — the growth curve: the same measurements at 10,000, 100,000 and 1,000,000 openings.
// Figures, not a test. DATABASE_URL's server, or the throwaway cluster (scripts/db/up.sh); a fresh database per size.
// Options (env): BENCH_SCALE_SIZES ("10000,100000,1000000"), BENCH_SECONDS per latency measurement (10),
// BENCH_RECALL_QUERIES (100), BENCH_NDCG_PROFILES (100), BENCH_MAINTENANCE_MB (memory for index builds, 1024),
// MOIM_MODEL_DIR (default: the shipped model).
//
// Per size: bulk import without an index (embedding each distinct sentence once), HNSW build, then with HNSW and
// again after switching the openings to ivfflat (same SQL, same API process): recommendOpenings p50/p95 over HTTP
// at concurrency 1 and 8 and, beside it, the nearest-neighbour SQL alone at concurrency 8 (the API ÷ SQL ratio), recall@10 of
// the candidate stage against an exact scan, and NDCG@10 of the API's top 10
// against the exact ranking by the matching rules over all openings.
import { readFile, readdir } from 'node:fs/promises';
import { nearestOpeningRows, useOpeningIndex, dropOpeningIndexes, type Database, type NearestOpeningsQuery, type OpeningIndexMethod } from '@moim/db';
import { createTestDatabase } from '@moim/db/testing';
import { DEFAULT_MODEL_DIR, loadEmbedder, type Embedder } from '@moim/embedder';
import { REGIONS, normalizeOpening, normalizeProfile, renderProfileSentence, type OpeningCriteria, type Profile } from '@moim/matching';
import { EmbeddingService, markActive, registerServingModel } from '../src/modules/embedding/service';
import { OpeningsService } from '../src/modules/openings/service';
import { candidatePool } from '../src/modules/recommendations/service';
import { benchOpenings, benchProfiles } from './data';
import { apiRssMiB, candidateRecall, exactTruth, graphqlLoad, loadOpenings, progress, closedLoop, type Recall } from './harness';
import { spawnApi, type ChildApi } from '../src/testing';
import { idealDcg, ndcgAt } from './ndcg';

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '10000,100000,1000000').split(',').map((s) => Number(s.trim()));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RECALL_QUERIES = Number(process.env.BENCH_RECALL_QUERIES ?? 100);
const NDCG_PROFILES = Number(process.env.BENCH_NDCG_PROFILES ?? 100);
const MAINTENANCE_MB = Number(process.env.BENCH_MAINTENANCE_MB ?? 1024);
const FIRST = 10;
const modelDir = process.env.MOIM_MODEL_DIR ?? DEFAULT_MODEL_DIR;
const FILTER = { kind: 'STUDY' as const, regions: [REGIONS[0], '재택'] };

for (const n of SIZES) if (!Number.isInteger(n) || n < 100) throw new Error(`BENCH_SCALE_SIZES: ${n} is not a size (≥ 100)`);

interface MethodFigures {
  latency: Record<number, { rps: number; p50: number; p95: number; errors: number }>;
  /** The nearest-neighbour SQL alone (nearestOpeningRows, the API's candidate read) at concurrency 8, from this process. */
  sqlRps: number;
  recall: Recall;
  recallFiltered: Recall;
  ndcg: number;
  apiRss: number;
}

interface SizeFigures {
  n: number;
  distinct: number;
  embedSeconds: number;
  writeSeconds: number;
  hnswSeconds: number;
  ivfSeconds: number;
  ivfLists: number;
  dbBytesHnsw: number;
  dbBytesIvf: number;
  pgRssMiB: number;
  sharedBuffers: string;
  methods: Record<OpeningIndexMethod, MethodFigures>;
}

/** PostgreSQL's memory: proportional set size (shared pages split between processes) of every server process. */
async function postgresPssMiB(): Promise<number> {
  let kb = 0;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if ((await readFile(`/proc/${pid}/comm`, 'utf8')).trim() !== 'postgres') continue;
      kb += Number(/^Pss:\s+(\d+) kB/m.exec(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return kb / 1024;
}

async function measureMethod(
  db: Database,
  api: ChildApi,
  ctx: { bodies: string[]; sqlQueries: NearestOpeningsQuery[]; recallQueries: Parameters<typeof candidateRecall>[1]; truth: Awaited<ReturnType<typeof exactTruth>>; filteredQueries: Parameters<typeof candidateRecall>[1]; filteredTruth: Awaited<ReturnType<typeof exactTruth>>; ndcgProfiles: Profile[]; ideal: number[] },
): Promise<MethodFigures> {
  const base = api.url;
  // warm-up: the API's embedding cache for these profiles and the buffer cache for this index
  for (const b of ctx.bodies) await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b });
  const latency: MethodFigures['latency'] = {};
  for (const c of [1, 8]) latency[c] = await graphqlLoad(base, ctx.bodies, c, SECONDS);
  // The nearest-neighbour SQL alone (the API's candidate read) from this process: what the API's req/s is divided by.
  const sqlRps = (await closedLoop(8, SECONDS, (i) => nearestOpeningRows(db, ctx.sqlQueries[i % ctx.sqlQueries.length]!))).rps;
  const apiRss = await apiRssMiB(api);
  const recall = await candidateRecall(db, ctx.recallQueries, ctx.truth, FIRST);
  const recallFiltered = await candidateRecall(db, ctx.filteredQueries, ctx.filteredTruth, FIRST);
  let ndcg = 0;
  for (const [i, profile] of ctx.ndcgProfiles.entries()) {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: recommendBody(profile) });
    const body = (await res.json()) as { data?: { recommendOpenings: { referenceScore: number }[] }; errors?: unknown };
    if (!body.data) throw new Error(`recommendOpenings failed: ${JSON.stringify(body.errors)}`);
    ndcg += ndcgAt(body.data.recommendOpenings.map((m) => m.referenceScore), ctx.ideal[i]!, FIRST);
  }
  return { latency, sqlRps, apiRss, recall, recallFiltered, ndcg: ndcg / ctx.ndcgProfiles.length };
}

const QUERY = `query Rec($p: ProfileInput!) { recommendOpenings(profile: $p, first: ${FIRST}) { score referenceScore opening { id } } }`;
const recommendBody = (p: Profile) =>
  JSON.stringify({ query: QUERY, variables: { p: { region: p.region, experienceYears: p.experienceYears, stacks: p.stacks, traits: p.traits } }, operationName: 'Rec' });

async function measureSize(n: number, embedder: Embedder): Promise<SizeFigures> {
  const testDb = await createTestDatabase({ poolSize: 10 });
  const db: Database = testDb;
  let api: ChildApi | undefined;
  try {
    progress(`${n}: database ${testDb.databaseName}`);
    const serving = await registerServingModel(db, embedder);
    await markActive(db, serving.modelKey);
    const openings = new OpeningsService({ db, embedding: new EmbeddingService(serving) });

    // 1. Import without an index (a bulk load writes no graph), then build HNSW.
    await dropOpeningIndexes(db, serving.modelKey);
    const inputs = benchOpenings(n, 1);
    const loaded = await loadOpenings(openings, embedder, inputs, {
      onProgress: (step, done, total) => progress(`${n}: ${step} ${done}/${total}`),
    });
    await db.prisma.$executeRaw`ANALYZE`;
    progress(`${n}: building HNSW`);
    let t0 = performance.now();
    await useOpeningIndex(db, { modelKey: serving.modelKey, dimension: serving.dimension, method: 'hnsw', maintenanceWorkMemMB: MAINTENANCE_MB });
    const hnswSeconds = (performance.now() - t0) / 1000;
    const dbBytesHnsw = await databaseBytes(db);

    // 2. The exact answers, once: the candidate stage's nearest vectors, and the matching rules over all openings.
    progress(`${n}: exact answers`);
    const vector = async (profiles: Profile[]) => embedder.embed(profiles.map((p) => renderProfileSentence(p)));
    const recallProfiles = benchProfiles(RECALL_QUERIES, 3).map(normalizeProfile);
    const recallVectors = await vector(recallProfiles);
    const base = { modelKey: serving.modelKey, dimension: serving.dimension };
    const recallQueries = recallVectors.map((v) => ({ ...base, vector: v }));
    const filteredQueries = recallQueries.map((q) => ({ ...q, ...FILTER }));
    const truth = await exactTruth(db, recallQueries, FIRST);
    const filteredTruth = await exactTruth(db, filteredQueries, FIRST);
    const criteria: OpeningCriteria[] = inputs.map((i) => normalizeOpening(i));
    const ndcgProfiles = benchProfiles(NDCG_PROFILES, 4).map(normalizeProfile);
    const ideal = ndcgProfiles.map((p) => idealDcg(p, criteria, FIRST));

    // 3. The API as its own process.
    // manual: this benchmark chooses the index (HNSW, then ivfflat); the API would otherwise switch to ivfflat itself.
    api = await spawnApi({ database: { url: testDb.databaseUrl }, env: { MOIM_MODEL_DIR: modelDir, MOIM_OPENING_INDEX: 'manual' }, echo: true, readyTimeoutMs: 600_000 });
    const latencyProfiles = benchProfiles(64, 2).map(normalizeProfile);
    const bodies = latencyProfiles.map((p) => recommendBody(p));
    const sqlQueries = (await vector(latencyProfiles)).map((v) => ({ ...base, vector: v, first: candidatePool(FIRST) }));
    const ctx = { bodies, sqlQueries, recallQueries, truth, filteredQueries, filteredTruth, ndcgProfiles, ideal };
    progress(`${n}: measuring with HNSW`);
    const hnsw = await measureMethod(db, api, ctx);

    // 4. Same data, same API process, the openings' index switched to ivfflat.
    progress(`${n}: building ivfflat`);
    t0 = performance.now();
    const ivfIndex = await useOpeningIndex(db, { modelKey: serving.modelKey, dimension: serving.dimension, method: 'ivfflat', maintenanceWorkMemMB: MAINTENANCE_MB });
    const ivfSeconds = (performance.now() - t0) / 1000;
    const dbBytesIvf = await databaseBytes(db);
    progress(`${n}: measuring with ivfflat (lists ${ivfIndex.lists})`);
    const ivfflat = await measureMethod(db, api, ctx);
    const pgRssMiB = await postgresPssMiB();
    const sharedBuffers = (await db.prisma.$queryRaw<{ shared_buffers: string }[]>`SHOW shared_buffers`)[0]!.shared_buffers;
    return {
      n,
      distinct: loaded.distinctSentences,
      embedSeconds: loaded.embedSeconds,
      writeSeconds: loaded.writeSeconds,
      hnswSeconds,
      ivfSeconds,
      ivfLists: ivfIndex.lists ?? 0,
      dbBytesHnsw,
      dbBytesIvf,
      pgRssMiB,
      sharedBuffers,
      methods: { hnsw, ivfflat },
    };
  } finally {
    await api?.close();
    await testDb.close();
  }
}

async function databaseBytes(db: Database): Promise<number> {
  const rows = await db.prisma.$queryRaw<{ bytes: bigint }[]>`SELECT pg_database_size(current_database()) AS bytes`;
  return Number(rows[0]!.bytes);
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const f3 = (x: number) => x.toFixed(3);

function printTables(rows: SizeFigures[]) {
  console.log(`\n## Growth curve (${new Date().toISOString()}, model ${modelDir})`);
  console.log(`import = embed each distinct sentence once + write rows and vectors without an index; recall@10 = candidate stage (nearestOpenings, first 10) vs exact scan, by distance / by id, ${RECALL_QUERIES} profiles; filtered = kind STUDY + regions [${FILTER.regions.join(', ')}]; NDCG@10 = the API's top 10 by referenceScore vs the best 10 over all openings, ${NDCG_PROFILES} profiles; latency = recommendOpenings(profile, first: 10) over HTTP, ${SECONDS} s each.\n`);
  console.log('| openings | distinct sentences | import s (embed + write) | rows/s | HNSW build s | ivfflat build s (lists) | DB size HNSW / ivfflat | index | c1 p50 / p95 ms | c8 p50 / p95 ms | c8 req/s | SQL alone c8 req/s | API ÷ SQL | recall@10 | recall@10 filtered | NDCG@10 | API RSS |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const imp = r.embedSeconds + r.writeSeconds;
    for (const method of ['hnsw', 'ivfflat'] as const) {
      const m = r.methods[method];
      const head =
        method === 'hnsw'
          ? `| ${r.n} | ${r.distinct} | ${f1(imp)} (${f1(r.embedSeconds)} + ${f1(r.writeSeconds)}) | ${(r.n / imp).toFixed(0)} | ${f1(r.hnswSeconds)} | ${f1(r.ivfSeconds)} (${r.ivfLists}) | ${mib(r.dbBytesHnsw)} / ${mib(r.dbBytesIvf)}`
          : '| | | | | | | ';
      const errors = m.latency[1]!.errors + m.latency[8]!.errors;
      console.log(
        `${head} | ${method} | ${f1(m.latency[1]!.p50)} / ${f1(m.latency[1]!.p95)} | ${f1(m.latency[8]!.p50)} / ${f1(m.latency[8]!.p95)} | ${m.latency[8]!.rps.toFixed(0)}${errors ? ` (${errors} errors)` : ''} | ${m.sqlRps.toFixed(0)} | ${f2(m.latency[8]!.rps / m.sqlRps)}× | ${f3(m.recall.byDistance)} / ${f3(m.recall.byId)} | ${f3(m.recallFiltered.byDistance)} / ${f3(m.recallFiltered.byId)} | ${f3(m.ndcg)} | ${m.apiRss.toFixed(0)} MiB |`,
      );
    }
  }
  console.log('\n### Memory (after the ivfflat measurements)');
  for (const r of rows) {
    console.log(`- ${r.n}: PostgreSQL PSS ${r.pgRssMiB.toFixed(0)} MiB (all server processes of the cluster), shared_buffers ${r.sharedBuffers}; API RSS ${r.methods.hnsw.apiRss.toFixed(0)} MiB (HNSW) / ${r.methods.ivfflat.apiRss.toFixed(0)} MiB (ivfflat)`);
  }
  console.log('\n### ivfflat ÷ HNSW, same run');
  for (const r of rows) {
    const h = r.methods.hnsw;
    const v = r.methods.ivfflat;
    console.log(`- ${r.n}: c8 req/s ${f2(v.latency[8]!.rps / h.latency[8]!.rps)}× (API ÷ SQL ${f2(h.latency[8]!.rps / h.sqlRps)}× → ${f2(v.latency[8]!.rps / v.sqlRps)}×), c8 p50 ${f2(v.latency[8]!.p50 / h.latency[8]!.p50)}×, c1 p50 ${f2(v.latency[1]!.p50 / h.latency[1]!.p50)}×; recall@10 ${f3(h.recall.byDistance)} → ${f3(v.recall.byDistance)}, filtered ${f3(h.recallFiltered.byDistance)} → ${f3(v.recallFiltered.byDistance)}; NDCG@10 ${f3(h.ndcg)} → ${f3(v.ndcg)}`);
  }
  if (rows.length > 1) {
    console.log('\n### Growth between sizes (ratio of each figure to the previous size, ivfflat rows for the query figures)');
    console.log('| from → to | openings | import s | HNSW build s | ivfflat build s | DB size | c1 p50 | c8 p50 | c8 req/s | API RSS | PostgreSQL PSS |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1]!;
      const b = rows[i]!;
      const ratio = (x: number, y: number) => `${f2(y / x)}×`;
      const va = a.methods.ivfflat;
      const vb = b.methods.ivfflat;
      console.log(
        `| ${a.n} → ${b.n} | ${ratio(a.n, b.n)} | ${ratio(a.embedSeconds + a.writeSeconds, b.embedSeconds + b.writeSeconds)} | ${ratio(a.hnswSeconds, b.hnswSeconds)} | ${ratio(a.ivfSeconds, b.ivfSeconds)} | ${ratio(a.dbBytesIvf, b.dbBytesIvf)} | ${ratio(va.latency[1]!.p50, vb.latency[1]!.p50)} | ${ratio(va.latency[8]!.p50, vb.latency[8]!.p50)} | ${ratio(va.latency[8]!.rps, vb.latency[8]!.rps)} | ${ratio(va.apiRss, vb.apiRss)} | ${ratio(a.pgRssMiB, b.pgRssMiB)} |`,
      );
    }
  }
}

const embedder = await loadEmbedder({ modelDir, threads: 2 });
const rows: SizeFigures[] = [];
try {
  for (const n of SIZES) {
    const started = performance.now();
    rows.push(await measureSize(n, embedder));
    progress(`${n}: done in ${f1((performance.now() - started) / 1000)} s`);
    printTables(rows);
  }
} finally {
  await embedder.close();
}
