import { statSync } from 'node:fs';
import type { Embedder } from '@moim/embedder';
import type { Logger } from 'pino';
import type { Database } from '@moim/db';
import { isDatabaseOutage } from '../../errors/database-errors';
import { JOB_SLICE_MS, type JobOutcome } from '../../jobs/queue';
import { backfillVectors, markActive, registerServingModel, type EmbeddingService, type ServingModel } from './service';

/** Full passes before the switch: rows written during the last one get their vectors at the next start-up. */
const MAX_PASSES = 3;
/** Old embedders are closed this long after a switch, so requests holding them can finish. */
const CLOSE_OLD_AFTER_MS = 30_000;

class SliceOver extends Error {}

export interface ReembedRunnerDeps {
  db: Database;
  embedding: EmbeddingService;
  load: (modelDir: string | undefined) => Promise<Embedder>;
  /** MOIM_MODEL_DIR: the model a job without its own directory loads. */
  defaultModelDir: string | undefined;
  log: Logger;
  sliceMs?: number;
  /** Told after the switch: the new model's openings may need their vector index built. */
  openingIndex?: { poke(): void };
}

const isDirectory = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;

/**
 * Runs re-embed jobs in slices: writes vectors under the new model for every member and opening that lacks one
 * (idempotent, so a slice cut short or a process that died loses nothing but its last batch), then marks the model
 * active and switches this process to it. The loaded model is kept between slices on the process that loaded it.
 * The job row (reembed_jobs) has the progress, so every replica can show it.
 */
export class ReembedRunner {
  private readonly loaded = new Map<string, ServingModel>();
  private readonly passes = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: ReembedRunnerDeps) {}

  async runSlice(jobId: string): Promise<JobOutcome> {
    const { prisma } = this.deps.db;
    const job = await prisma.reembedJob.findUnique({ where: { id: jobId } });
    if (!job || job.status !== 'RUNNING') return this.forget(jobId);
    const deadline = Date.now() + (this.deps.sliceMs ?? JOB_SLICE_MS);
    try {
      const next = await this.model(jobId, job.modelDir ?? this.deps.defaultModelDir);
      if (job.modelId !== next.modelId) await prisma.reembedJob.update({ where: { id: jobId }, data: { modelId: next.modelId } });
      const before = job.processed;
      const written = await backfillVectors(this.deps.db, next, async (p) => {
        await prisma.reembedJob.update({ where: { id: jobId }, data: { total: before + p.total, processed: before + p.processed } });
        if (Date.now() >= deadline) throw new SliceOver();
      });
      // Rows written while the pass ran get their vectors in another pass, before the switch.
      const passes = (this.passes.get(jobId) ?? 0) + 1;
      this.passes.set(jobId, passes);
      if (written.members + written.openings > 0 && passes < MAX_PASSES) return 'continue';
      await markActive(this.deps.db, next.modelKey);
      this.switchTo(next);
      this.loaded.delete(jobId);
      this.passes.delete(jobId);
      await prisma.reembedJob.update({ where: { id: jobId }, data: { status: 'SUCCEEDED', finishedAt: new Date() } });
      this.deps.log.info({ reembedJob: jobId, modelId: next.modelId }, 're-embed finished; serving the new model');
      return 'done';
    } catch (error) {
      if (error instanceof SliceOver) return 'continue';
      if (isDatabaseOutage(error)) throw error; // the queue retries it once the database is back
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.error({ err: error, reembedJob: jobId }, 're-embed failed; the previous model keeps serving');
      await prisma.reembedJob.update({ where: { id: jobId }, data: { status: 'FAILED', error: message, finishedAt: new Date() } });
      return this.forget(jobId);
    }
  }

  private async model(jobId: string, modelDir: string | undefined): Promise<ServingModel> {
    const known = this.loaded.get(jobId);
    if (known) return known;
    if (modelDir !== undefined && !isDirectory(modelDir)) {
      throw new Error(`modelDir: ${JSON.stringify(modelDir)} is not a directory on the machine of the API process running the job`);
    }
    const embedder = await this.deps.load(modelDir);
    try {
      const model = await registerServingModel(this.deps.db, embedder);
      this.loaded.set(jobId, model);
      return model;
    } catch (error) {
      await embedder.close().catch(() => {});
      throw error;
    }
  }

  private switchTo(next: ServingModel): void {
    const old = this.deps.embedding.switchTo(next);
    this.deps.openingIndex?.poke();
    if (old.embedder === next.embedder) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void old.embedder.close().catch(() => {});
    }, CLOSE_OLD_AFTER_MS);
    timer.unref();
    this.timers.add(timer);
  }

  /** Closes the model this process loaded for a job that ended elsewhere or failed. */
  private async forget(jobId: string): Promise<'done'> {
    const model = this.loaded.get(jobId);
    this.loaded.delete(jobId);
    this.passes.delete(jobId);
    if (model && model.embedder !== this.deps.embedding.serving.embedder) await model.embedder.close().catch(() => {});
    return 'done';
  }
}
