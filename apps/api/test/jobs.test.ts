import { createTestDatabase } from '@moim/db/testing';
import { openDatabase, type Prisma } from '@moim/db';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedRateLimiter } from '../src/http/rate-limit';
import { openJobQueue } from '../src/jobs/open-queue';
import type { JobQueue } from '../src/jobs/queue';
import { acceptUpload } from '../src/modules/imports/intake';
import { IMPORT_CHUNK, runImportSlice, type ImportRunnerDeps, type OpeningWriter } from '../src/modules/imports/runner';
import { ImportsService, UPLOAD_LIMITS, type ImportRow } from '../src/modules/imports/service';
import { GIVE_UP_AFTER_MS, sweepStaleImports, UPLOAD_CUT_OFF } from '../src/modules/imports/stale-imports';
import { opening } from './support/fixtures';
import { startApi, type InProcessApi } from '../src/testing';

const log = pino({ level: 'silent' });
let api: InProcessApi;
let runner: ImportRunnerDeps;
beforeAll(async () => {
  api = await startApi();
  runner = { prisma: api.db.prisma, openings: api.app.services.openings, embedding: api.app.services.deps.embedding };
});
afterAll(async () => {
  await api?.close();
});

/** Rows without externalId: a chunk stored twice would show as duplicate openings. */
async function* rowsOf(n: number, tag: string): AsyncGenerator<ImportRow> {
  for (let index = 0; index < n; index++) yield { index, input: opening({ title: `${tag} ${index}`, capacity: 2 + (index % 5) }) as never };
}

async function countsOf(tag: string) {
  const [openings, distinct, withVector] = await Promise.all([
    api.db.prisma.opening.count({ where: { title: { startsWith: `${tag} ` } } }),
    api.db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(DISTINCT title) AS n FROM openings WHERE title LIKE ${`${tag} %`}`,
    api.db.prisma.opening.count({ where: { title: { startsWith: `${tag} ` }, embeddings: { some: {} } } }),
  ]);
  return { openings, distinct: Number(distinct[0]!.n), withVector };
}

const accept = (n: number, tag: string, atomic = false) => acceptUpload(api.db.prisma, rowsOf(n, tag), { atomic, limits: UPLOAD_LIMITS });

describe('durable imports', () => {
  it('resumes from the last committed chunk on another runner, with counts committed with each chunk', async () => {
    const { jobId } = await accept(1200, 'resume');
    expect(await api.db.prisma.importJobRow.count({ where: { jobId } })).toBe(1200);
    // The first runner stores one chunk and then "dies" (its slice ends at once and nobody continues it).
    expect(await runImportSlice({ ...runner, sliceMs: 0 }, jobId)).toBe('continue');
    const half = await api.db.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } });
    expect({ status: half.status, nextIndex: half.nextIndex, processed: half.processed, created: half.created }).toEqual({
      status: 'RUNNING',
      nextIndex: IMPORT_CHUNK,
      processed: IMPORT_CHUNK,
      created: IMPORT_CHUNK,
    });
    expect(await countsOf('resume')).toEqual({ openings: IMPORT_CHUNK, distinct: IMPORT_CHUNK, withVector: IMPORT_CHUNK });
    expect(await api.db.prisma.importJobRow.count({ where: { jobId } })).toBe(1200 - IMPORT_CHUNK);
    // Another runner picks it up and finishes.
    expect(await runImportSlice(runner, jobId)).toBe('done');
    const done = await api.db.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } });
    expect({ status: done.status, processed: done.processed, created: done.created, failed: done.failed }).toEqual({ status: 'SUCCEEDED', processed: 1200, created: 1200, failed: 0 });
    expect(await countsOf('resume')).toEqual({ openings: 1200, distinct: 1200, withVector: 1200 });
    expect(await api.db.prisma.importJobRow.count({ where: { jobId } })).toBe(0);
  });

  it('never stores half a chunk: a failure inside the chunk rolls back its rows, vectors and progress', async () => {
    const { jobId } = await accept(800, 'rollback');
    let calls = 0;
    const failing: OpeningWriter = {
      upsertRows: (tx, rows) => api.app.services.openings.upsertRows(tx, rows),
      writeVectors: async (tx, ...rest) => {
        if (++calls === 2) throw new Error('the process died while writing vectors');
        return api.app.services.openings.writeVectors(tx, ...rest);
      },
    };
    await expect(runImportSlice({ ...runner, openings: failing }, jobId)).rejects.toThrow('died');
    expect(await countsOf('rollback')).toEqual({ openings: IMPORT_CHUNK, distinct: IMPORT_CHUNK, withVector: IMPORT_CHUNK });
    expect((await api.db.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } })).processed).toBe(IMPORT_CHUNK);
    expect(await runImportSlice(runner, jobId)).toBe('done');
    expect(await countsOf('rollback')).toEqual({ openings: 800, distinct: 800, withVector: 800 });
  });

  it('a job delivered twice at once is stored once (the cursor is checked under the job row lock)', async () => {
    const { jobId } = await accept(1000, 'twice');
    await Promise.all([runImportSlice(runner, jobId), runImportSlice(runner, jobId)]);
    const job = await api.db.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } });
    expect({ status: job.status, created: job.created, processed: job.processed }).toEqual({ status: 'SUCCEEDED', created: 1000, processed: 1000 });
    expect(await countsOf('twice')).toEqual({ openings: 1000, distinct: 1000, withVector: 1000 });
  });

  it('runs through pg-boss: accepted on one process, finished by whichever fetches it', async () => {
    const queue = await openJobQueue(api.db, log);
    expect(queue.kind).toBe('postgres');
    const imports = new ImportsService(api.app.services.deps, api.app.services.openings, queue, api.app.services.teamLoop);
    await imports.work();
    try {
      const report = await imports.importRows(rowsOf(700, 'boss'), false);
      expect({ status: report.status, created: report.created }).toEqual({ status: 'SUCCEEDED', created: 700 });
      expect(await countsOf('boss')).toEqual({ openings: 700, distinct: 700, withVector: 700 });
    } finally {
      await imports.drain();
      await queue.stop();
    }
  });

  it('atomic: one bad row stores nothing and the job says why', async () => {
    async function* rows(): AsyncGenerator<ImportRow> {
      yield* rowsOf(3, 'atomic');
      yield { index: 3, input: opening({ title: 'atomic 3', region: '화성시' }) as never };
    }
    const { jobId } = await acceptUpload(api.db.prisma, rows(), { atomic: true, limits: UPLOAD_LIMITS });
    expect(await runImportSlice(runner, jobId)).toBe('done');
    const job = await api.db.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.status).toBe('FAILED');
    expect((job.errors as Prisma.JsonArray).map((e) => (e as { field: string }).field)).toEqual(['region']);
    expect((await countsOf('atomic')).openings).toBe(0);
  });
});

describe('stale imports', () => {
  const sent: string[] = [];
  const recorder: JobQueue = {
    kind: 'postgres',
    work: async () => {},
    send: async (_kind, payload) => {
      sent.push((payload as { importJobId: string }).importJobId);
    },
    stop: async () => {},
  };

  it('ends an upload whose reader died, resends a stalled import, and gives up on one without progress', async () => {
    const cut = await api.db.prisma.importJob.create({ data: { total: 10 } });
    const { jobId: stalled } = await accept(10, 'stalled');
    const { jobId: abandoned } = await accept(10, 'abandoned');
    const now = Date.now();
    // Age the rows as if their processes had died a while ago.
    await api.db.prisma.$executeRaw`UPDATE import_jobs SET updated_at = now() - interval '5 minutes' WHERE id IN (${cut.id}, ${stalled})`;
    await api.db.prisma.$executeRaw`UPDATE import_jobs SET updated_at = now() - make_interval(secs => ${GIVE_UP_AFTER_MS / 1000 + 60}) WHERE id = ${abandoned}`;
    const resentAt = new Map<string, number>();
    const swept = await sweepStaleImports(api.db.prisma, recorder, resentAt, now);
    expect(swept).toEqual({ cutOff: 1, resent: 1, givenUp: 1 });
    expect(sent).toEqual([stalled]);
    const [c, s, a] = await Promise.all([cut.id, stalled, abandoned].map((id) => api.db.prisma.importJob.findUniqueOrThrow({ where: { id } })));
    expect(c!.status).toBe('FAILED');
    expect((c!.errors as Prisma.JsonArray).at(-1)).toMatchObject({ index: -1, field: 'file', message: UPLOAD_CUT_OFF });
    expect(s!.status).toBe('RUNNING');
    expect(a!.status).toBe('FAILED');
    expect(JSON.stringify(a!.errors)).toContain('re-upload the file');
    // Sent once per interval, not on every sweep.
    await sweepStaleImports(api.db.prisma, recorder, resentAt, now + 1000);
    expect(sent).toEqual([stalled]);
  });
});

describe('shared rate limits', () => {
  it('two processes (two pools) on one database share one count', async () => {
    const other = await createTestDatabase();
    // A second connection pool on the same database, like a second replica.
    const replica = await openDatabase({ databaseUrl: other.databaseUrl, poolSize: 2, skipMigrations: true });
    try {
      const first = new SharedRateLimiter('key', 4, other.pool!);
      const second = new SharedRateLimiter('key', 4, replica.pool!);
      const verdicts = [];
      for (let i = 0; i < 3; i++) verdicts.push(await first.take('k1'), await second.take('k1'));
      expect(verdicts.slice(0, 4)).toEqual([true, true, true, true]);
      expect(verdicts.slice(4).every((v) => typeof v === 'number' && v >= 1 && v <= 60)).toBe(true);
      expect(await second.take('k2')).toBe(true);
    } finally {
      await replica.close();
      await other.close();
    }
  });
});

describe('embedded PGlite', () => {
  it('runs the same durable import in process', async () => {
    const { openDatabase: open } = await import('@moim/db');
    const { loadEmbedder } = await import('@moim/embedder');
    const { EmbeddingService, registerServingModel } = await import('../src/modules/embedding/service');
    const { OpeningsService } = await import('../src/modules/openings/service');
    const { Semaphore } = await import('../src/common/semaphore');
    const pglite = await open();
    const embedder = await loadEmbedder({ threads: 1 });
    try {
      const embedding = new EmbeddingService(await registerServingModel(pglite, embedder));
      const deps = { db: pglite, embedding, log, vectorSearches: new Semaphore(1) };
      const openings = new OpeningsService(deps);
      const queue = await openJobQueue(pglite, log);
      expect(queue.kind).toBe('in-process');
      const imports = new ImportsService(deps, openings, queue, { notifyNewMatches: async () => 0 });
      await imports.work();
      const report = await imports.importRows(rowsOf(600, 'lite'), false);
      await imports.drain();
      await queue.stop();
      const job = await pglite.prisma.importJob.findUniqueOrThrow({ where: { id: report.jobId } });
      expect({ status: job.status, created: job.created, processed: job.processed }).toEqual({ status: 'SUCCEEDED', created: 600, processed: 600 });
      expect(await pglite.prisma.openingEmbedding.count()).toBe(600);
    } finally {
      await embedder.close();
      await pglite.close();
    }
  });
});
