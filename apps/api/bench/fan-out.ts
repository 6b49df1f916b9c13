// pnpm --filter @moim/api bench:fan-out — figures, not tests. The NEW_MATCH fan-out (reverse nearest neighbours)
// against members with notify thresholds: ms per new opening, and an import of openings with the fan-out per
// committed chunk. Uses DATABASE_URL's server, or starts the throwaway cluster (scripts/db/up.sh).
// Options (env): BENCH_MEMBERS (10000), BENCH_NEW_OPENINGS (200), BENCH_IMPORT_ROWS (1000), BENCH_RECALL_SAMPLE (20),
// MOIM_MODEL_DIR (default: the shipped model).
import { hnswIndexNames, newMatchCandidates, setMemberEmbedding, type Database } from '@moim/db';
import { createTestDatabase } from '@moim/db/testing';
import { DEFAULT_MODEL_DIR, loadEmbedder } from '@moim/embedder';
import { normalizeProfile, renderProfileSentence } from '@moim/matching';
import { Prisma } from '@moim/db';
import { testConfig } from '../src/env';
import { createLogger } from '../src/logger';
import { Semaphore } from '../src/common/semaphore';
import { notifyNewMatches, referenceBoundOf } from '../src/modules/team-loop/new-matches';
import { TeamLoopService } from '../src/modules/team-loop/service';
import { EmbeddingService, markActive, registerServingModel } from '../src/modules/embedding/service';
import { inProcessQueue } from '../src/jobs/in-process-queue';
import { ImportsService } from '../src/modules/imports/service';
import { OpeningsService, prepareOpening } from '../src/modules/openings/service';
import { blendScore, criteriaOf, profileOf } from '../src/common/scoring';
import { benchOpenings, benchProfiles } from './data';
import { ms, percentile, progress } from './harness';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
const NEW_OPENINGS = Number(process.env.BENCH_NEW_OPENINGS ?? 200);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1000);
const RECALL_SAMPLE = Number(process.env.BENCH_RECALL_SAMPLE ?? 20);
const modelDir = process.env.MOIM_MODEL_DIR ?? DEFAULT_MODEL_DIR;

/**
 * Thresholds as members might pick them: most between 0.8 and 0.95 (tell me about good matches), a tenth low
 * (0.5..0.8), which reach far down any nearest-neighbour list.
 */
function threshold(i: number): number {
  const r = ((i * 2654435761) % 1000) / 1000;
  return Math.round((i % 10 === 0 ? 0.5 + 0.3 * r : 0.8 + 0.15 * r) * 100) / 100;
}

async function main() {
  const testDb = await createTestDatabase({ poolSize: 10 });
  const db: Database = testDb;
  try {
    console.log(`# NEW_MATCH fan-out benchmark — ${new Date().toISOString()}`);
    const embedder = await loadEmbedder({ modelDir, threads: 2 });
    const serving = await registerServingModel(db, embedder);
    await markActive(db, serving.modelKey);
    const config = testConfig();
    const log = createLogger({ logLevel: 'warn', nodeEnv: 'production' });
    const deps = { db, embedding: new EmbeddingService(serving), log, vectorSearches: new Semaphore(8) };
    console.log(`model ${serving.modelId} (${serving.dimension}-d), score weight ${config.scoreWeight}, database ${testDb.databaseName}`);

    // Members with thresholds: vectors written without the member index, which is built afterwards (a bulk load).
    let t0 = performance.now();
    const profiles = benchProfiles(MEMBERS, 7).map((p) => normalizeProfile(p));
    const sentences = profiles.map((p) => renderProfileSentence(p));
    const distinct = [...new Set(sentences)];
    const vectors = new Map<string, Float32Array>();
    for (let i = 0; i < distinct.length; i += 2048) {
      const part = distinct.slice(i, i + 2048);
      (await embedder.embed(part)).forEach((v, j) => vectors.set(part[j]!, v));
    }
    await db.prisma.member.createMany({
      data: profiles.map((p, i) => ({ id: `bm${String(i).padStart(6, '0')}`, displayName: `회원 ${i}`, ...p, sentence: sentences[i]!, notifyThreshold: threshold(i) })),
    });
    await db.prisma.$executeRaw`DROP INDEX IF EXISTS ${Prisma.raw(hnswIndexNames(serving.modelKey).member)}`;
    for (let i = 0; i < MEMBERS; i += 1000) {
      await db.prisma.$transaction(async (tx) => {
        for (let j = i; j < Math.min(MEMBERS, i + 1000); j++) {
          await setMemberEmbedding({ prisma: tx }, `bm${String(j).padStart(6, '0')}`, serving.modelKey, vectors.get(sentences[j]!)!, { sentence: sentences[j]! });
        }
      }, { timeout: 300_000 });
    }
    // The index registerEmbeddingModel creates, built once over the loaded rows (its own statement: no transaction timeout).
    await db.prisma.$executeRaw`CREATE INDEX ${Prisma.raw(hnswIndexNames(serving.modelKey).member)} ON member_embeddings
      USING hnsw ((embedding::vector(${Prisma.raw(String(serving.dimension))})) vector_cosine_ops) WHERE model_key = ${Prisma.raw(String(serving.modelKey))}`;
    await db.prisma.$executeRaw`ANALYZE members, member_embeddings`;
    progress(`${MEMBERS} members with thresholds loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s (${distinct.length} distinct sentences)`);

    // New openings, stored without a fan-out, then fanned out one at a time (what createOpening does after commit).
    const loader = new OpeningsService(deps);
    const inputs = benchOpenings(NEW_OPENINGS, 11);
    const stored = await loader.upsertPrepared(inputs.map((i) => prepareOpening(i)));
    const ids = stored.map((s) => ('id' in s ? s.id : '')).filter(Boolean);
    const perOpening: number[] = [];
    let written = 0;
    for (const id of ids) {
      const t = performance.now();
      written += await notifyNewMatches(deps, config.scoreWeight, [id]);
      perOpening.push(performance.now() - t);
    }
    const candidates = await newMatchCandidates(db, {
      modelKey: serving.modelKey,
      scoreWeight: config.scoreWeight,
      openings: (await db.prisma.opening.findMany({ where: { id: { in: ids } } })).map((o) => ({ openingId: o.id, reference: referenceBoundOf(o) })),
    });
    const tail = candidates.filter((c) => c.source === 'tail').length;
    console.log(`\n## One new opening against ${MEMBERS} members with thresholds (${ids.length} openings, one at a time)`);
    console.log(`fan-out per opening: p50 ${ms(percentile(perOpening, 50))}, p95 ${ms(percentile(perOpening, 95))}, mean ${ms(perOpening.reduce((a, b) => a + b, 0) / perOpening.length)}`);
    console.log(`candidates per opening: ${(candidates.length / ids.length).toFixed(0)} (pool 200 + tail ${(tail / ids.length).toFixed(0)}); NEW_MATCH written per opening: ${(written / ids.length).toFixed(1)}`);

    // Recall against every member (a pool as large as the member table reads them all).
    let found = 0;
    let truth = 0;
    for (const id of ids.slice(0, RECALL_SAMPLE)) {
      const o = (await db.prisma.opening.findUniqueOrThrow({ where: { id } }));
      const all = await newMatchCandidates(db, { modelKey: serving.modelKey, scoreWeight: config.scoreWeight, pool: MEMBERS, openings: [{ openingId: id }] });
      const members = new Map((await db.prisma.member.findMany({ where: { id: { in: all.map((c) => c.memberId) } } })).map((m) => [m.id, m]));
      const should = all.filter((c) => blendScore(config.scoreWeight, profileOf(members.get(c.memberId)!), criteriaOf(o), c.similarity).score >= c.threshold);
      const told = new Set((await db.prisma.notification.findMany({ where: { openingId: id, kind: 'NEW_MATCH' }, select: { recipientId: true } })).map((n) => n.recipientId));
      truth += should.length;
      found += should.filter((c) => told.has(c.memberId)).length;
    }
    console.log(`recall of NEW_MATCH against a scan of every member (${Math.min(RECALL_SAMPLE, ids.length)} openings): ${truth === 0 ? 'n/a' : (found / truth).toFixed(4)} (${found}/${truth})`);

    // An import: the same path as importOpenings, with and without the fan-out jobs each committed chunk queues;
    // "with" lasts until the last of those jobs has written its rows.
    const queue = inProcessQueue(deps.log);
    const withoutFanOut = new ImportsService(deps, loader, queue, { notifyNewMatches: async () => 0 });
    await withoutFanOut.work();
    const before = await db.prisma.notification.count();
    t0 = performance.now();
    const plain = await withoutFanOut.importInputs(benchOpenings(IMPORT_ROWS, 21), false);
    const plainSeconds = (performance.now() - t0) / 1000;
    await withoutFanOut.drain();
    await queue.stop();
    const teamLoop = new TeamLoopService(deps, config.scoreWeight);
    const fanOuts: Promise<number>[] = [];
    const fanOutQueue = inProcessQueue(deps.log);
    const withFanOut = new ImportsService(deps, loader, fanOutQueue, {
      notifyNewMatches: (openingIds) => {
        const done = teamLoop.notifyNewMatches(openingIds);
        fanOuts.push(done);
        return done;
      },
    });
    await withFanOut.work();
    t0 = performance.now();
    const fanned = await withFanOut.importInputs(benchOpenings(IMPORT_ROWS, 31), false);
    for (let seen = -1; seen !== fanOuts.length; ) {
      seen = fanOuts.length;
      await Promise.all(fanOuts);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const fannedSeconds = (performance.now() - t0) / 1000;
    await withFanOut.drain();
    await fanOutQueue.stop();
    const notified = (await db.prisma.notification.count()) - before;
    console.log(`\n## Import of ${IMPORT_ROWS} openings (importOpenings path, chunks committed then fanned out)`);
    console.log(`without fan-out: ${plainSeconds.toFixed(2)} s (${plain.created} created); with fan-out: ${fannedSeconds.toFixed(2)} s (${fanned.created} created, ${notified} NEW_MATCH rows)`);
    console.log(`fan-out share: ${(fannedSeconds - plainSeconds).toFixed(2)} s, ${(((fannedSeconds - plainSeconds) * 1000) / IMPORT_ROWS).toFixed(1)} ms per imported opening`);
    await embedder.close();
  } finally {
    await testDb.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
