import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { loadEmbedder, type Embedder } from '@moim/embedder';
import { BadInputError, ConflictError } from '../../errors/domain-errors';
import type { ServiceDeps } from '../service-deps';
import type { OpeningIndexKeeper } from './opening-index';
import { backfillVectors, markActive, registerServingModel } from './service';

/** A re-embed job as kept in memory (and shown as ReembedJob). */
export interface ReembedJob {
  id: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  modelId: string;
  previousModelId: string;
  total: number;
  processed: number;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

const isDirectory = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;

/** Old embedders are closed this long after a switch, so requests holding them can finish. */
const CLOSE_OLD_AFTER_MS = 30_000;

/**
 * Re-embedding after a model change: loads the new model, writes vectors for every member and opening under its
 * model id while the serving model keeps answering, makes a last pass for rows written meanwhile, then switches
 * (database `active` flag and the in-process serving model). Jobs live in memory; one at a time.
 */
export class ReembedService {
  private readonly jobs = new Map<string, ReembedJob>();
  private current: Promise<void> | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly settings: { modelDir: string | undefined; embedThreads: number | undefined },
    private readonly openingIndex: Pick<OpeningIndexKeeper, 'poke'>,
    private readonly load: (modelDir: string | undefined) => Promise<Embedder> = (modelDir) =>
      loadEmbedder({ ...(modelDir ? { modelDir } : {}), ...(settings.embedThreads ? { threads: settings.embedThreads } : {}) }),
  ) {}

  job(id: string): ReembedJob | null {
    return this.jobs.get(id) ?? null;
  }

  async start(modelDir: string | null | undefined): Promise<ReembedJob> {
    if (this.current) {
      throw new ConflictError('a re-embed job is already running');
    }
    if (modelDir != null && !isDirectory(modelDir)) {
      throw new BadInputError('modelDir', modelDir, `modelDir: ${JSON.stringify(modelDir)} is not a directory on the API's machine`);
    }
    const previous = this.deps.embedding.serving;
    const job: ReembedJob = {
      id: randomUUID(),
      status: 'RUNNING',
      modelId: '(loading)',
      previousModelId: previous.modelId,
      total: 0,
      processed: 0,
      error: null,
      startedAt: new Date(),
      finishedAt: null,
    };
    this.jobs.set(job.id, job);
    this.current = this.run(job, modelDir ?? this.settings.modelDir).finally(() => {
      this.current = null;
    });
    return job;
  }

  private async run(job: ReembedJob, modelDir: string | undefined): Promise<void> {
    let embedder: Embedder | undefined;
    try {
      embedder = await this.load(modelDir);
      job.modelId = embedder.modelId;
      const next = await registerServingModel(this.deps.db, embedder);
      const log = this.deps.log.child({ reembedJob: job.id, modelId: next.modelId });
      log.info('re-embed started');
      for (let pass = 0; pass < 3; pass++) {
        const done = job.processed;
        const { members, openings } = await backfillVectors(this.deps.db, next, (p) => {
          job.total = done + p.total;
          job.processed = done + p.processed;
        });
        if (members + openings === 0) break;
      }
      await markActive(this.deps.db, next.modelKey);
      const old = this.deps.embedding.switchTo(next);
      this.openingIndex.poke();
      if (old.embedder !== next.embedder) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          void old.embedder.close().catch(() => {});
        }, CLOSE_OLD_AFTER_MS);
        timer.unref();
        this.timers.add(timer);
      }
      job.status = 'SUCCEEDED';
      job.finishedAt = new Date();
      log.info({ processed: job.processed }, 're-embed finished; serving the new model');
    } catch (error) {
      job.status = 'FAILED';
      job.error = error instanceof Error ? error.message : String(error);
      job.finishedAt = new Date();
      this.deps.log.error({ err: error, reembedJob: job.id }, 're-embed failed; the previous model keeps serving');
      if (embedder && embedder !== this.deps.embedding.serving.embedder) await embedder.close().catch(() => {});
    }
  }

  async drain(): Promise<void> {
    await this.current;
  }
}
