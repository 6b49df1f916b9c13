// pnpm bench:api — figures, not tests. Uses DATABASE_URL's server, or starts the throwaway cluster (scripts/db/up.sh).
// Options (env): BENCH_OPENINGS (100000), BENCH_SECONDS per concurrency (10), BENCH_CONCURRENCY ("1,8,32"),
// BENCH_IMPORT_ROWS (10000), MOIM_MODEL_DIR (default: the shipped model, else the API's fixture model).
import autocannon from 'autocannon';
import { nearestOpenings, type Database } from '@moim/db';
import { createTestDatabase } from '@moim/db/testing';
import { DEFAULT_MODEL_DIR, loadEmbedder } from '@moim/embedder';
import { REGIONS, renderProfileSentence, normalizeProfile } from '@moim/matching';
import { EmbeddingService, registerServingModel, markActive } from '../src/modules/embedding/service';
import { OpeningsService } from '../src/modules/openings/service';
import { candidatePool } from '../src/modules/recommendations/service';
import { benchOpenings, benchProfiles } from './data';
import { candidateRecall, closedLoop, exactTruth, loadOpenings, ms, recallText } from './harness';
import { spawnApi, type ChildApi } from '../src/testing';

const N = Number(process.env.BENCH_OPENINGS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '1,8,32').split(',').map(Number);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const FIRST = 10;

const modelDir = process.env.MOIM_MODEL_DIR ?? DEFAULT_MODEL_DIR;


async function main() {
  // A fresh database on DATABASE_URL's server (or the throwaway cluster), dropped at the end.
  const testDb = await createTestDatabase({ poolSize: 10 });
  const { databaseUrl, databaseName: dbName } = testDb;
  const db: Database = testDb;
  let api: ChildApi | undefined;
  try {
    console.log(`# Moim API benchmark — ${new Date().toISOString()}`);
    console.log(`model dir: ${modelDir}`);
    const embedder = await loadEmbedder({ modelDir, threads: 2 });
    const serving = await registerServingModel(db, embedder);
    await markActive(db, serving.modelKey);
    console.log(`model id: ${serving.modelId}, dimension ${serving.dimension}; database ${dbName}`);
    const deps = { db, embedding: new EmbeddingService(serving) };
    const openings = new OpeningsService(deps);

    // 1. Load N openings (fast path: distinct sentences embedded once, rows + vectors in 5,000-row chunks).
    const loaded = await loadOpenings(openings, embedder, benchOpenings(N, 1), {
      onProgress: (step, done, total) => process.stdout.write(`  ${step} ${done}/${total}\r`),
    });
    console.log(`\n## Data\nloaded ${N} openings: ${loaded.distinctSentences} distinct sentences embedded in ${loaded.embedSeconds.toFixed(1)} s, rows + vectors + HNSW in ${loaded.writeSeconds.toFixed(1)} s`);
    await db.prisma.$executeRaw`ANALYZE openings`;
    await db.prisma.$executeRaw`ANALYZE opening_embeddings`;

    // 2. Start the API as its own process (so the load tool does not share its event loop).
    api = await spawnApi({ database: { url: databaseUrl }, env: { MOIM_MODEL_DIR: modelDir }, echo: true, readyTimeoutMs: 600_000 });
    const base = api.url;

    // 3. recommendOpenings(profile) over HTTP with autocannon; beside it, the same nearest-neighbour SQL alone.
    const profiles = benchProfiles(64, 2);
    const query = `query Rec($p: ProfileInput!) { recommendOpenings(profile: $p, first: ${FIRST}) { score similarity reasons { code message } opening { id title region stacks } } }`;
    const bodies = profiles.map((p) => JSON.stringify({ query, variables: { p }, operationName: 'Rec' }));
    const profileVectors = await embedder.embed(profiles.map((p) => renderProfileSentence(normalizeProfile(p))));
    const sqlQuery = (i: number) =>
      nearestOpenings(db, { modelKey: serving.modelKey, dimension: serving.dimension, vector: profileVectors[i % profileVectors.length]!, first: candidatePool(FIRST) });
    // warm-up: fills the API's embedding cache for these profiles and the buffer cache
    for (const b of bodies) await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b });
    for (let i = 0; i < 64; i++) await sqlQuery(i);

    console.log(`\n## recommendOpenings(profile, first: ${FIRST}) over HTTP vs the nearest-neighbour SQL alone (${candidatePool(FIRST)} candidates), ${SECONDS} s each`);
    console.log('| concurrency | API req/s | API p50 | API p95 | API p99 | SQL req/s | SQL p50 | SQL p95 | API/SQL p50 | API/SQL req/s |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const c of CONCURRENCY) {
      let n = 0;
      const result = await autocannon({
        url: `${base}/graphql`,
        connections: c,
        duration: SECONDS,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (req: any) => ({ ...req, body: bodies[n++ % bodies.length] }) }],
      });
      const errors = result.errors + result.non2xx;
      // SQL alone at the same concurrency, closed loop.
      const sql = await closedLoop(c, SECONDS, sqlQuery);
      const apiP50 = result.latency.p50;
      console.log(
        `| ${c} | ${result.requests.average.toFixed(0)} | ${ms(apiP50)} | ${ms((result.latency as any).p95 ?? result.latency.p97_5)} | ${ms(result.latency.p99)} | ${sql.rps.toFixed(0)} | ${ms(sql.p50)} | ${ms(sql.p95)} | ${(apiP50 / sql.p50).toFixed(2)}× | ${(result.requests.average / sql.rps).toFixed(2)}× |` +
          (errors ? ` (${errors} errors/non-2xx)` : ''),
      );
    }

    // 4. recall@10 of the HNSW path against an exact scan (with and without a filter). Two counts: by id, and by
    // distance as ann-benchmarks does (an ANN row counts when it is as near as the exact 10th): spec sentences
    // repeat, so many openings tie with the exact 10th and "which of the tied ids" is arbitrary.
    const recallVectors = await embedder.embed(benchProfiles(100, 3).map((p) => renderProfileSentence(normalizeProfile(p))));
    const recall = async (filter: Record<string, unknown>, tuning: Record<string, number> = {}) => {
      const queries = recallVectors.map((v) => ({ modelKey: serving.modelKey, dimension: serving.dimension, vector: v, ...filter, ...tuning }));
      return recallText(await candidateRecall(db, queries, await exactTruth(db, queries, 10), 10));
    };
    console.log(`\n## recall@10, HNSW vs exact scan (100 profiles)`);
    console.log(`no filter (ef_search 100, the API's setting): ${await recall({})}`);
    console.log(`no filter, ef_search 400: ${await recall({}, { efSearch: 400 })}`);
    console.log(`kind STUDY + regions [${REGIONS[0]}, 재택]: ${await recall({ kind: 'STUDY', regions: [REGIONS[0], '재택'] })}`);

    // 5. importOpenings of IMPORT_ROWS rows end to end (GraphQL over HTTP, validation + embedding + upsert).
    const rows = benchOpenings(IMPORT_ROWS, 99).map((r, i) => ({ ...r, externalId: `import-bench-${i}` }));
    const mutation = `mutation Imp($i: [OpeningInput!]!) { importOpenings(input: $i) { created updated failed { index } } }`;
    for (const [label] of [['first upload (creates)'], ['same file again (updates)']]) {
      const s = performance.now();
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminKey}` },
        body: JSON.stringify({ query: mutation, variables: { i: rows } }),
      });
      const body = (await res.json()) as any;
      const seconds = (performance.now() - s) / 1000;
      const r = body.data?.importOpenings;
      console.log(`importOpenings ${IMPORT_ROWS} rows, ${label}: ${seconds.toFixed(2)} s (created ${r?.created}, updated ${r?.updated}, failed ${r?.failed?.length})${body.errors ? ` errors: ${JSON.stringify(body.errors)}` : ''}`);
    }
    await embedder.close();
  } finally {
    await api?.close();
    await testDb.close();
  }
}

await main();
