// pnpm bench:probes — how many ivfflat lists a search should probe: recall@10 against an exact scan and the
// nearest-neighbour SQL's throughput, for each probes value, on one database of BENCH_OPENINGS (1,000,000) openings.
// Figures, not a test. DATABASE_URL's server, or the throwaway cluster (scripts/db/up.sh).
// Options (env): BENCH_OPENINGS, BENCH_PROBES ("5,10,20,32,50"), BENCH_SECONDS per throughput point (8),
// BENCH_RECALL_QUERIES (100), BENCH_MAINTENANCE_MB (1024), MOIM_MODEL_DIR.
import { nearestOpeningRows, useOpeningIndex, dropOpeningIndexes, type Database } from '@moim/db';
import { createTestDatabase } from '@moim/db/testing';
import { DEFAULT_MODEL_DIR, loadEmbedder } from '@moim/embedder';
import { REGIONS, normalizeProfile, renderProfileSentence } from '@moim/matching';
import { EmbeddingService, markActive, registerServingModel } from '../src/modules/embedding/service';
import { OpeningsService } from '../src/modules/openings/service';
import { candidatePool } from '../src/modules/recommendations/service';
import { benchOpenings, benchProfiles } from './data';
import { candidateRecall, closedLoop, exactTruth, loadOpenings, progress } from './harness';

const N = Number(process.env.BENCH_OPENINGS ?? 1_000_000);
const PROBES = (process.env.BENCH_PROBES ?? '5,10,20,32,50').split(',').map((s) => Number(s.trim()));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const RECALL_QUERIES = Number(process.env.BENCH_RECALL_QUERIES ?? 100);
const MAINTENANCE_MB = Number(process.env.BENCH_MAINTENANCE_MB ?? 1024);
const FIRST = 10;
const FILTER = { kind: 'STUDY' as const, regions: [REGIONS[0], '재택'] };

for (const p of PROBES) if (!Number.isInteger(p) || p < 1) throw new Error(`BENCH_PROBES: ${p} is not a number of lists`);

const embedder = await loadEmbedder({ modelDir: process.env.MOIM_MODEL_DIR ?? DEFAULT_MODEL_DIR, threads: 2 });
const testDb = await createTestDatabase({ poolSize: 10 });
const db: Database = testDb;
try {
  const serving = await registerServingModel(db, embedder);
  await markActive(db, serving.modelKey);
  await dropOpeningIndexes(db, serving.modelKey);
  const openings = new OpeningsService({ db, embedding: new EmbeddingService(serving) });
  await loadOpenings(openings, embedder, benchOpenings(N, 1), { onProgress: (step, done, total) => progress(`${step} ${done}/${total}`) });
  await db.prisma.$executeRaw`ANALYZE`;
  progress('building ivfflat');
  const index = await useOpeningIndex(db, { modelKey: serving.modelKey, dimension: serving.dimension, method: 'ivfflat', maintenanceWorkMemMB: MAINTENANCE_MB });

  const base = { modelKey: serving.modelKey, dimension: serving.dimension };
  const vectors = await embedder.embed(benchProfiles(RECALL_QUERIES, 3).map(normalizeProfile).map((p) => renderProfileSentence(p)));
  const plain = vectors.map((vector) => ({ ...base, vector }));
  const filtered = plain.map((q) => ({ ...q, ...FILTER }));
  progress('exact answers');
  const truth = await exactTruth(db, plain, FIRST);
  const filteredTruth = await exactTruth(db, filtered, FIRST);
  const load = plain.map((q) => ({ ...q, first: candidatePool(FIRST) }));

  console.log(`\n## ivfflat probes at ${N} openings (${index.lists} lists, ${new Date().toISOString()})`);
  console.log('recall@10 = nearestOpenings vs exact scan, by distance / by id, 100 profiles; filtered = kind STUDY + regions [서울특별시, 재택]; SQL = nearestOpeningRows (the API\'s candidate read, first 20), 8 callers.\n');
  console.log('| probes | share of lists | recall@10 | recall@10 filtered | SQL c8 req/s | SQL c8 p50 ms | c8 req/s ÷ first row |');
  console.log('|---|---|---|---|---|---|---|');
  let firstRps = 0;
  for (const probes of PROBES) {
    progress(`probes ${probes}`);
    const recall = await candidateRecall(db, plain.map((q) => ({ ...q, probes })), truth, FIRST);
    const recallFiltered = await candidateRecall(db, filtered.map((q) => ({ ...q, probes })), filteredTruth, FIRST);
    const probed = load.map((q) => ({ ...q, probes }));
    const sql = await closedLoop(8, SECONDS, (i) => nearestOpeningRows(db, probed[i % probed.length]!));
    firstRps ||= sql.rps;
    console.log(
      `| ${probes} | ${((100 * probes) / (index.lists ?? 1)).toFixed(1)}% | ${recall.byDistance.toFixed(3)} / ${recall.byId.toFixed(3)} | ` +
        `${recallFiltered.byDistance.toFixed(3)} / ${recallFiltered.byId.toFixed(3)} | ${sql.rps.toFixed(0)} | ${sql.p50.toFixed(1)} | ${(sql.rps / firstRps).toFixed(2)}× |`,
    );
  }
} finally {
  await testDb.close();
  await embedder.close();
}
