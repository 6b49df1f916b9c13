import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { loadEmbedder, type Embedder } from '@moim/embedder';
import { BadInputError, ConflictError } from '../../errors/domain-errors';
import type { JobQueue } from '../../jobs/queue';
import type { ServiceDeps } from '../service-deps';
import type { OpeningIndexKeeper } from './opening-index';
import { ReembedRunner } from './reembed-runner';

/** A re-embed job (a reembed_jobs row, shown as ReembedJob). */
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

/** A re-embed without progress this long is taken for dead (its process and every retry gone): a new one may start. */
export const REEMBED_GIVE_UP_AFTER_MS = 10 * 60_000;

/**
 * Re-embedding after a model change, as a durable job: startReembed records it in reembed_jobs and queues it;
 * whichever replica fetches it writes vectors for every member and opening under the new model while the serving
 * model keeps answering, then switches (ReembedRunner). Every replica reads its progress. One at a time.
 */
export class ReembedService {
  private readonly runner: ReembedRunner;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly queue: JobQueue,
    settings: { modelDir: string | undefined; embedThreads: number | undefined },
    openingIndex: Pick<OpeningIndexKeeper, 'poke'>,
    load: (modelDir: string | undefined) => Promise<Embedder> = (modelDir) =>
      loadEmbedder({ ...(modelDir ? { modelDir } : {}), ...(settings.embedThreads ? { threads: settings.embedThreads } : {}) }),
  ) {
    this.runner = new ReembedRunner({ db: deps.db, embedding: deps.embedding, load, defaultModelDir: settings.modelDir, log: deps.log, openingIndex });
  }

  /** Takes this process's share of re-embed jobs (from every replica). */
  async work(): Promise<void> {
    await this.queue.work('reembed', ({ reembedJobId }) => this.runner.runSlice(reembedJobId));
  }

  job(id: string): Promise<ReembedJob | null> {
    return this.deps.db.prisma.reembedJob.findUnique({ where: { id } });
  }

  async start(modelDir: string | null | undefined): Promise<ReembedJob> {
    if (modelDir != null && !isDirectory(modelDir)) {
      throw new BadInputError('modelDir', modelDir, `modelDir: ${JSON.stringify(modelDir)} is not a directory on the API's machine`);
    }
    const { prisma } = this.deps.db;
    await prisma.reembedJob.updateMany({
      where: { status: 'RUNNING', updatedAt: { lt: new Date(Date.now() - REEMBED_GIVE_UP_AFTER_MS) } },
      data: { status: 'FAILED', error: `no progress for ${REEMBED_GIVE_UP_AFTER_MS / 60_000} minutes; start the re-embed again`, finishedAt: new Date() },
    });
    const job = await prisma.$transaction(async (tx) => {
      // One at a time across the replicas: the advisory lock serialises concurrent starts.
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext('moim reembed start'))) l`;
      if ((await tx.reembedJob.count({ where: { status: 'RUNNING' } })) > 0) throw new ConflictError('a re-embed job is already running');
      return tx.reembedJob.create({
        data: { id: randomUUID(), modelDir: modelDir ?? null, modelId: '(loading)', previousModelId: this.deps.embedding.serving.modelId },
      });
    });
    await this.queue.send('reembed', { reembedJobId: job.id });
    return job;
  }
}
