import type { ImportJobModel } from '@moim/db';
import type { OpeningInput } from '@moim/matching';
import { IMPORT_INTERRUPTED, isDatabaseOutage } from '../../errors/database-errors';
import { BadInputError } from '../../errors/domain-errors';
import type { JobQueue } from '../../jobs/queue';
import type { OpeningIndexKeeper } from '../embedding/opening-index';
import type { OpeningsService } from '../openings/service';
import type { TeamLoopService } from '../team-loop/service';
import type { ServiceDeps } from '../service-deps';
import type { ImportErrorRow } from './error-sample';
import type { ImportLimits, ImportProgressListener, ImportReport, ImportRow } from './import-types';
import { acceptUpload } from './intake';
import { sweepOwedNewMatches } from './owed-new-matches';
import { runImportSlice } from './runner';
import { sweepStaleImports } from './stale-imports';

export type { ImportLimits, ImportProgressListener, ImportReport, ImportRow } from './import-types';

export const MAX_GRAPHQL_IMPORT_ROWS = 10_000;
/** Defaults of the upload door (`MOIM_IMPORT_MAX_ROWS` sets maxRows). */
export const UPLOAD_LIMITS = {
  keepErrors: 100,
  maxRows: 200_000,
  giveUp: { afterRows: 1000, ratio: 0.99 },
} as const satisfies ImportLimits;
const GRAPHQL_LIMITS: ImportLimits = { keepErrors: MAX_GRAPHQL_IMPORT_ROWS };

/** How often each process looks for imports nobody runs. */
const SWEEP_EVERY_MS = 15_000;
/** How often a caller waiting for its import (the upload's HTTP request) reads the job row. */
const WAIT_POLL_MS = 200;

const errorsOf = (value: unknown): ImportErrorRow[] => (Array.isArray(value) ? (value as ImportErrorRow[]) : []);

/** The report of an ended job, as the upload answers it and importOpenings returns it. */
export function reportOf(job: ImportJobModel, keepErrors: number): ImportReport {
  const stopped = job.stopReason && job.stopMessage ? { reason: job.stopReason as 'TOO_MANY_ROWS' | 'MOSTLY_BAD', message: job.stopMessage } : undefined;
  return {
    jobId: job.id,
    created: job.created,
    updated: job.updated,
    failed: errorsOf(job.errors)
      .filter((e) => e.index >= 0)
      .slice(0, keepErrors),
    failedCount: job.failed,
    status: job.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED',
    ...(stopped ? { stopped } : {}),
  };
}

/**
 * Imports as durable jobs (the GraphQL importOpenings path and the upload route): the rows are stored as the upload
 * is read (intake.ts), the import runs in chunks on whichever replica fetches the job (runner.ts) and resumes where
 * a dead one stopped, and the caller gets the report when the job has ended. Jobs are ImportJob rows.
 */
export class ImportsService {
  private readonly waiting = new Set<Promise<unknown>>();
  private readonly resentAt = new Map<string, number>();
  private readonly newMatchesResentAt = new Map<string, number>();
  private sweeper: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Bounds of the upload door (UPLOAD_LIMITS unless createServices was given others). */
  uploadLimits: ImportLimits;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly openings: OpeningsService,
    private readonly queue: JobQueue,
    private readonly teamLoop: Pick<TeamLoopService, 'notifyNewMatches'>,
    private readonly onProgress: ImportProgressListener = () => {},
    uploadLimits: Partial<ImportLimits> = {},
    /** Told when an import created openings: the openings' vector index may need building (OpeningIndexKeeper). */
    private readonly openingIndex?: Pick<OpeningIndexKeeper, 'poke'>,
  ) {
    this.uploadLimits = { ...UPLOAD_LIMITS, ...uploadLimits };
  }

  /**
   * Takes this process's share of import and new-match jobs (from every replica) and sweeps, now and then, stale
   * imports and new openings still owed their fan-out (sweepOwedNewMatches).
   */
  async work(): Promise<void> {
    const { db, embedding, log } = this.deps;
    const runner = {
      prisma: db.prisma,
      openings: this.openings,
      embedding,
      log,
      onProgress: this.onProgress,
      onInserted: (openingIds: string[]) => this.queue.send('new-matches', { openingIds }),
    };
    await this.queue.work('import', async ({ importJobId }) => {
      const outcome = await runImportSlice(runner, importJobId);
      // Once per finished import, on the replica that finished it: the openings' index may need (re)building.
      if (outcome === 'done') this.openingIndex?.poke();
      return outcome;
    });
    await this.queue.work('new-matches', async ({ openingIds }) => {
      await this.teamLoop.notifyNewMatches(openingIds);
      return 'done';
    });
    // On one process (PGlite) nobody else can be running what the last run left: send it again now.
    if (this.queue.kind === 'in-process') {
      const left = await db.prisma.importJob.findMany({ where: { status: 'RUNNING', acceptedAt: { not: null } }, select: { id: true } });
      for (const { id } of left) await this.queue.send('import', { importJobId: id });
      await sweepOwedNewMatches(db.prisma, this.queue, this.newMatchesResentAt, 0);
    }
    const sweep = () => {
      if (this.stopped) return;
      sweepStaleImports(db.prisma, this.queue, this.resentAt)
        .then(async (swept) => {
          if (swept.cutOff + swept.resent + swept.givenUp > 0) log.warn(swept, 'stale imports swept');
          const owed = await sweepOwedNewMatches(db.prisma, this.queue, this.newMatchesResentAt);
          if (owed > 0) log.warn({ openings: owed }, 'owed new-match fan-outs queued again');
        })
        .catch((error: unknown) => log.warn({ err: error }, 'stale-import sweep failed'))
        .finally(() => {
          if (!this.stopped) this.sweeper = setTimeout(sweep, SWEEP_EVERY_MS).unref();
        });
    };
    sweep();
  }

  job(id: string): Promise<ImportJobModel | null> {
    return this.deps.db.prisma.importJob.findUnique({ where: { id } });
  }

  jobs(first: number): Promise<ImportJobModel[]> {
    return this.deps.db.prisma.importJob.findMany({ orderBy: { createdAt: 'desc' }, take: first });
  }

  /** Resolves when the imports this process waits for have ended, and stops sweeping (graceful shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.waiting]);
    this.stopped = true;
    clearTimeout(this.sweeper);
  }

  /** The GraphQL importOpenings path. */
  async importInputs(inputs: OpeningInput[], atomic: boolean): Promise<ImportReport> {
    if (inputs.length > MAX_GRAPHQL_IMPORT_ROWS) {
      throw new BadInputError(
        'input',
        inputs.length,
        `input: at most ${MAX_GRAPHQL_IMPORT_ROWS} rows per request; use POST /admin/openings/import for larger files`,
      );
    }
    return this.importRows(
      (async function* () {
        for (const [index, input] of inputs.entries()) yield { index, input };
      })(),
      atomic,
      inputs.length,
      undefined,
      GRAPHQL_LIMITS,
    );
  }

  /**
   * Accepts the rows (stored as they are read), queues their import and resolves with its report once the job has
   * ended, whichever replica ran it. A failure while reading is recorded on the job and rethrown.
   */
  importRows(
    rows: AsyncIterable<ImportRow>,
    atomic: boolean,
    _total = 0,
    onJob?: (jobId: string) => void,
    limits: ImportLimits = this.uploadLimits,
  ): Promise<ImportReport> {
    const work = (async () => {
      const { prisma } = this.deps.db;
      let jobId: string | undefined;
      try {
        await acceptUpload(prisma, rows, {
          atomic,
          limits,
          onJob: (id) => {
            jobId = id;
            onJob?.(id);
          },
        });
      } catch (error) {
        if (jobId) await this.recordFailure(jobId, isDatabaseOutage(error) ? IMPORT_INTERRUPTED : error instanceof Error ? error.message : String(error));
        throw error;
      }
      // An atomic import is one transaction that cannot be cut into slices: it gets a longer lease.
      await this.queue.send('import', { importJobId: jobId! }, atomic ? { leaseSeconds: 600 } : {});
      return reportOf(await this.waitFor(jobId!), limits.keepErrors);
    })();
    this.waiting.add(work);
    void work.finally(() => this.waiting.delete(work)).catch(() => {});
    return work;
  }

  /** Resolves with the job once it is no longer RUNNING. */
  private async waitFor(jobId: string): Promise<ImportJobModel> {
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
      // The database is away: the stale-import sweep ends this job (cut off) once it is back.
      this.deps.log.warn({ err: error, jobId }, 'could not record the import failure; the stale-import sweep will');
    }
  }
}
