import type { ImportJobModel, PrismaClient } from '@moim/db';
import type { OpeningInput } from '@moim/matching';
import { IMPORT_INTERRUPTED, isDatabaseOutage } from '../database-errors';
import { badInput } from '../graphql/errors';
import type { ImportErrorRow, ImportJobParent } from '../graphql/mappers';
import { MAX_GRAPHQL_IMPORT_ROWS, UPLOAD_LIMITS, type ImportLimits, type ImportReport, type ImportRow } from '../services/imports';
import type { Jobs } from './jobs';

const GRAPHQL_LIMITS: ImportLimits = { keepErrors: MAX_GRAPHQL_IMPORT_ROWS };

const errorsOf = (value: unknown): ImportErrorRow[] => (Array.isArray(value) ? (value as ImportErrorRow[]) : []);

/** The report of an ended job, as the upload answers it and importOpenings returns it. */
export function reportOf(job: ImportJobModel, keepErrors: number): ImportReport {
  const rowErrors = errorsOf(job.errors).filter((e) => e.index >= 0);
  const status = job.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED';
  const stopped = job.stopReason && job.stopMessage ? { reason: job.stopReason as 'TOO_MANY_ROWS' | 'MOSTLY_BAD', message: job.stopMessage } : undefined;
  return {
    jobId: job.id,
    created: job.created,
    updated: job.updated,
    failed: rowErrors.slice(0, keepErrors),
    failedCount: job.failed,
    status,
    ...(stopped ? { stopped } : {}),
  };
}

/**
 * Imports as durable jobs (the upload door and importOpenings): the rows are stored when the upload is accepted,
 * the import runs on whichever replica fetches it, and the caller gets the report when it has ended.
 */
export class DurableImports {
  private readonly waiting = new Set<Promise<unknown>>();
  /** Bounds of the upload door (UPLOAD_LIMITS unless given others). */
  uploadLimits: ImportLimits;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly durable: Jobs,
    uploadLimits: Partial<ImportLimits> = {},
  ) {
    this.uploadLimits = { ...UPLOAD_LIMITS, ...uploadLimits };
  }

  job(id: string): Promise<ImportJobParent | null> {
    return this.prisma.importJob.findUnique({ where: { id } });
  }

  jobs(first: number): Promise<ImportJobParent[]> {
    return this.prisma.importJob.findMany({ orderBy: { createdAt: 'desc' }, take: first });
  }

  /** The GraphQL importOpenings path (≤ 10,000 rows, in memory). */
  async importInputs(inputs: OpeningInput[], atomic: boolean): Promise<ImportReport> {
    if (inputs.length > MAX_GRAPHQL_IMPORT_ROWS) {
      throw badInput('input', inputs.length, `input: at most ${MAX_GRAPHQL_IMPORT_ROWS} rows per request; use POST /admin/openings/import for larger files`);
    }
    async function* rows(): AsyncGenerator<ImportRow> {
      for (const [index, input] of inputs.entries()) yield { index, input };
    }
    return this.importRows(rows(), atomic, inputs.length, undefined, GRAPHQL_LIMITS);
  }

  /** Accepts the rows, runs their import as a job and resolves with its report once it has ended. */
  importRows(rows: AsyncIterable<ImportRow>, atomic: boolean, _total = 0, onJob?: (jobId: string) => void, limits: ImportLimits = this.uploadLimits): Promise<ImportReport> {
    const work = this.durable
      .importUpload(rows, {
        atomic,
        limits,
        ...(onJob ? { onJob } : {}),
        onFailure: (error) => (isDatabaseOutage(error) ? IMPORT_INTERRUPTED : error instanceof Error ? error.message : String(error)),
      })
      .then((job) => reportOf(job, limits.keepErrors));
    this.waiting.add(work);
    void work.finally(() => this.waiting.delete(work)).catch(() => {});
    return work;
  }

  /** Resolves when the imports this process is waiting for have ended (graceful shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.waiting]);
  }
}
