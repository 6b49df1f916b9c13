import type { ImportJobModel } from '@moim/db';
import type { OpeningInput } from '@moim/matching';
import { IMPORT_INTERRUPTED, isDatabaseOutage } from '../../errors/database-errors';
import { BadInputError } from '../../errors/domain-errors';
import type { OpeningIndexKeeper } from '../embedding/opening-index';
import type { ServiceDeps } from '../service-deps';
import type { OpeningsService } from '../openings/service';
import { ImportRun, StopImport, type ImportLimits, type ImportProgressListener, type ImportReport, type ImportRow } from './import-run';
import type { TeamLoopService } from '../team-loop/service';

export type { ImportLimits, ImportProgressListener, ImportReport, ImportRow } from './import-run';

export const MAX_GRAPHQL_IMPORT_ROWS = 10_000;
/** Defaults of the upload door (`MOIM_IMPORT_MAX_ROWS` sets maxRows). */
export const UPLOAD_LIMITS = {
  keepErrors: 100,
  maxRows: 200_000,
  giveUp: { afterRows: 1000, ratio: 0.99 },
} as const satisfies ImportLimits;
const GRAPHQL_LIMITS: ImportLimits = { keepErrors: MAX_GRAPHQL_IMPORT_ROWS };

/** Import runs: the GraphQL importOpenings path and the upload route share them; jobs are ImportJob rows. */
export class ImportsService {
  private readonly running = new Set<Promise<unknown>>();
  /** Bounds of the upload door (UPLOAD_LIMITS unless createServices was given others). */
  uploadLimits: ImportLimits;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly openings: OpeningsService,
    private readonly onProgress: ImportProgressListener = () => {},
    uploadLimits: Partial<ImportLimits> = {},
    private readonly teamLoop?: TeamLoopService,
    /** Told when an import created openings: the openings' vector index may need building (OpeningIndexKeeper). */
    private readonly openingIndex?: Pick<OpeningIndexKeeper, 'poke'>,
  ) {
    this.uploadLimits = { ...UPLOAD_LIMITS, ...uploadLimits };
  }

  job(id: string): Promise<ImportJobModel | null> {
    return this.deps.db.prisma.importJob.findUnique({ where: { id } });
  }

  jobs(first: number): Promise<ImportJobModel[]> {
    return this.deps.db.prisma.importJob.findMany({ orderBy: { createdAt: 'desc' }, take: first });
  }

  /** Resolves when every import in flight has finished (graceful shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  async start(atomic: boolean, total: number, limits: ImportLimits): Promise<ImportRun> {
    const job = await this.deps.db.prisma.importJob.create({ data: { total } });
    return new ImportRun(this.deps, this.openings, job.id, atomic, this.onProgress, total, limits, (ids) =>
      this.teamLoop ? this.teamLoop.notifyNewMatches(ids) : Promise.resolve(0),
    );
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

  /** Streams rows through one import run (the upload path and the GraphQL path). */
  importRows(
    rows: AsyncIterable<ImportRow>,
    atomic: boolean,
    total = 0,
    onJob?: (jobId: string) => void,
    limits: ImportLimits = this.uploadLimits,
  ): Promise<ImportReport> {
    const work = (async () => {
      const run = await this.start(atomic, total, limits);
      onJob?.(run.jobId);
      try {
        try {
          for await (const row of rows) await run.add(row);
        } catch (error) {
          if (error instanceof StopImport) return await run.finish(error.stop);
          throw error;
        }
        const report = await run.finish();
        if (report.created > 0) this.openingIndex?.poke();
        return report;
      } catch (error) {
        await run.abort(isDatabaseOutage(error) ? IMPORT_INTERRUPTED : error instanceof Error ? error.message : String(error));
        throw error;
      }
    })();
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => {});
    return work;
  }
}
