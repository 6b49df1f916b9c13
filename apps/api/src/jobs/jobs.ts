import type { Database, ImportJobModel as ImportJob } from '@moim/db';
import type { Logger } from 'pino';
import type { ImportLimits, ImportRow } from '../services/imports';
import { acceptUpload } from './import-intake';
import { runImportSlice, type ImportRunnerDeps } from './import-runner';
import { inProcessQueue } from './in-process-queue';
import { openPgBossQueue } from './pg-boss-queue';
import type { JobHandler, JobQueue } from './queue';
import { sweepStaleImports } from './stale-imports';

/** How often each process looks for imports nobody runs. */
const SWEEP_EVERY_MS = 15_000;
/** How often a caller waiting for its import (the upload's HTTP request) reads the job row. */
const WAIT_POLL_MS = 200;

/** The queue of the database: pg-boss on PostgreSQL (shared by the replicas), in-process on embedded PGlite. */
export function openJobQueue(db: Database, log: Logger): Promise<JobQueue> {
  return db.pool ? openPgBossQueue(db.pool, log) : Promise.resolve(inProcessQueue(log));
}

export interface JobsDeps extends Omit<ImportRunnerDeps, 'prisma'> {
  db: Database;
  log: Logger;
  queue: JobQueue;
}

/**
 * Durable jobs of this process: it runs its share of every replica's jobs (imports now; re-embeds and the
 * new-match fan-out register their handlers with `handle`), and sweeps stale imports.
 */
export class Jobs {
  private sweeper: NodeJS.Timeout | undefined;
  private readonly resentAt = new Map<string, number>();
  private stopped = false;

  constructor(private readonly deps: JobsDeps) {}

  get queue(): JobQueue {
    return this.deps.queue;
  }

  async start(): Promise<void> {
    const { db, queue, log } = this.deps;
    await queue.work('import', ({ importJobId }) => runImportSlice({ ...this.deps, prisma: db.prisma }, importJobId));
    // On one process (PGlite) nobody else can be running what the last run left: resend it now, not in 90 s.
    if (queue.kind === 'in-process') {
      const left = await db.prisma.importJob.findMany({ where: { status: 'RUNNING', acceptedAt: { not: null } }, select: { id: true } });
      for (const { id } of left) await queue.send('import', { importJobId: id });
    }
    const sweep = () => {
      if (this.stopped) return;
      sweepStaleImports(db.prisma, queue, this.resentAt)
        .then((swept) => {
          if (swept.cutOff + swept.resent + swept.givenUp > 0) log.warn(swept, 'stale imports swept');
        })
        .catch((error: unknown) => log.warn({ err: error }, 'stale-import sweep failed'))
        .finally(() => {
          if (!this.stopped) this.sweeper = setTimeout(sweep, SWEEP_EVERY_MS).unref();
        });
    };
    sweep();
  }

  /** Registers the handler of another kind of job (re-embed, new-match fan-out). */
  handle: JobQueue['work'] = (kind, handler) => this.deps.queue.work(kind, handler as JobHandler<typeof kind>);

  /**
   * Accepts an upload (its rows stored durably as they are read), queues its import and resolves with the job once
   * it has ended, whichever replica ran it. A failure while reading is recorded on the job and rethrown.
   */
  async importUpload(
    rows: AsyncIterable<ImportRow>,
    options: { atomic: boolean; limits: ImportLimits; onJob?: (jobId: string) => void; onFailure: (error: unknown) => string },
  ): Promise<ImportJob> {
    const { prisma } = this.deps.db;
    let jobId: string | undefined;
    try {
      ({ jobId } = await acceptUpload(prisma, rows, {
        ...options,
        onJob: (id) => {
          jobId = id;
          options.onJob?.(id);
        },
      }));
    } catch (error) {
      if (jobId) await this.recordFailure(jobId, options.onFailure(error));
      throw error;
    }
    const job = await prisma.importJob.findUniqueOrThrow({ where: { id: jobId } });
    await this.deps.queue.send('import', { importJobId: jobId }, job.atomic ? { leaseSeconds: 600 } : {});
    return this.waitFor(jobId);
  }

  /** Resolves with the job once it is no longer RUNNING. */
  async waitFor(jobId: string): Promise<ImportJob> {
    for (;;) {
      const job = await this.deps.db.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } });
      if (job.status !== 'RUNNING') return job;
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
  }

  /** A reader that failed: the job ends FAILED with the reason, and nothing of the upload is imported. */
  private async recordFailure(jobId: string, reason: string): Promise<void> {
    const { prisma } = this.deps.db;
    const data = { status: 'FAILED' as const, finishedAt: new Date(), errors: [{ index: -1, field: 'file', message: reason }] };
    try {
      await prisma.$transaction([prisma.importJob.update({ where: { id: jobId }, data }), prisma.importJobRow.deleteMany({ where: { jobId } })]);
    } catch (error) {
      // The database is away: the stale-import sweep ends this job (cut off) when it is back.
      this.deps.log.warn({ err: error, jobId }, 'could not record the import failure; the stale-import sweep will');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.sweeper);
    await this.deps.queue.stop();
  }
}
