/**
 * Vector insert and query figures, PostgreSQL (DATABASE_URL) vs embedded PGlite.
 *   pnpm --filter @moim/db bench -- --count 10000 --dimension 256
 * Inserts `count` openings and their vectors through setOpeningEmbeddings (the HNSW index exists, so each
 * row is an incremental index insert), then times nearestOpenings and measures recall@10 against the exact scan.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../src/database';
import { createTestDatabase } from '../src/testing';
import { exactNearestOpenings, nearestOpenings, registerEmbeddingModel, setOpeningEmbeddings } from '../src';
import { randomVector, seededRandom } from '../test/seeded';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    dimension: { type: 'string', default: '256' },
    queries: { type: 'string', default: '50' },
    only: { type: 'string' },
    data: { type: 'string', default: 'clustered' },
  },
});
const count = Number(values.count);
const dimension = Number(values.dimension);
const queries = Number(values.queries);
const clustered = values.data !== 'uniform';

/**
 * Sentence embeddings are far from uniform: they gather around topics. 'clustered' draws each vector near
 * one of 64 random centres; 'uniform' (no structure at all) is HNSW's worst case.
 */
function vectorSource(seed: number): () => Float32Array {
  const random = seededRandom(seed);
  if (!clustered) return () => randomVector(random, dimension);
  const centres = Array.from({ length: 64 }, () => randomVector(random, dimension));
  return () => {
    const centre = centres[Math.floor(random() * centres.length)]!;
    return Float32Array.from(centre, (c) => c + (random() * 2 - 1) * 0.5);
  };
}

interface Figures {
  backend: string;
  insertSeconds: number;
  rowsPerSecond: number;
  queryMsP50: number;
  recallAt10: number;
}

async function run(backend: 'postgres' | 'pglite'): Promise<Figures> {
  let db: Database;
  let cleanup: () => Promise<void>;
  if (backend === 'postgres') {
    const testDb = await createTestDatabase({ databaseUrl: process.env.DATABASE_URL });
    db = testDb;
    cleanup = () => testDb.close();
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'moim-bench-pglite-'));
    db = await openDatabase({ dataDir: dir });
    cleanup = async () => {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    };
  }
  try {
    const nextVector = vectorSource(42);
    const model = await registerEmbeddingModel(db, { name: `bench@${dimension}`, dimension });
    const ids = Array.from({ length: count }, (_, i) => `op${String(i).padStart(6, '0')}`);
    for (let start = 0; start < count; start += 2000) {
      await db.prisma.opening.createMany({
        data: ids.slice(start, start + 2000).map((id, i) => ({
          id,
          kind: i % 2 === 0 ? ('PROJECT' as const) : ('STUDY' as const),
          title: id,
          region: '서울특별시',
          stacks: ['Java'],
          minExperienceYears: i % 5,
          capacity: 4,
          sentence: id,
        })),
      });
    }
    const started = performance.now();
    const batch = 1000;
    for (let start = 0; start < count; start += batch) {
      const rows = ids.slice(start, start + batch).map((openingId) => ({ openingId, vector: nextVector() }));
      await setOpeningEmbeddings(db, rows, model.key);
      process.stderr.write(`\r[${backend}] ${Math.min(start + batch, count)}/${count} vectors`);
    }
    const insertSeconds = (performance.now() - started) / 1000;
    process.stderr.write('\n');
    await db.prisma.$executeRaw`ANALYZE`;

    const latencies: number[] = [];
    let hits = 0;
    for (let q = 0; q < queries; q++) {
      const request = { modelKey: model.key, dimension, vector: nextVector(), first: 10 };
      const t = performance.now();
      const approximate = await nearestOpenings(db, request);
      latencies.push(performance.now() - t);
      const exact = new Set((await exactNearestOpenings(db, request)).map((r) => r.openingId));
      hits += approximate.filter((r) => exact.has(r.openingId)).length;
    }
    latencies.sort((a, b) => a - b);
    return {
      backend,
      insertSeconds: round(insertSeconds),
      rowsPerSecond: Math.round(count / insertSeconds),
      queryMsP50: round(latencies[Math.floor(latencies.length / 2)]!),
      recallAt10: round(hits / (queries * 10)),
    };
  } finally {
    await cleanup();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

const backends = values.only ? [values.only as 'postgres' | 'pglite'] : (['postgres', 'pglite'] as const);
console.log(`vectors: ${count} x ${dimension} dims (${clustered ? 'clustered' : 'uniform'}), HNSW (m=16, ef_construction=64) present during insert; ${queries} queries, ef_search 100`);
const results: Figures[] = [];
for (const backend of backends) {
  if (backend === 'postgres' && !process.env.DATABASE_URL) {
    console.log('postgres: skipped (DATABASE_URL unset; run `bash scripts/db/up.sh`)');
    continue;
  }
  const figures = await run(backend);
  results.push(figures);
  console.log(
    `${figures.backend.padEnd(8)} insert ${figures.insertSeconds} s (${figures.rowsPerSecond} rows/s)  ` +
      `query p50 ${figures.queryMsP50} ms  recall@10 ${figures.recallAt10}`,
  );
}
const [pgFig, liteFig] = [results.find((r) => r.backend === 'postgres'), results.find((r) => r.backend === 'pglite')];
if (pgFig && liteFig) {
  console.log(
    `pglite/postgres: insert time x${round(liteFig.insertSeconds / pgFig.insertSeconds)}, query p50 x${round(liteFig.queryMsP50 / pgFig.queryMsP50)}`,
  );
}
