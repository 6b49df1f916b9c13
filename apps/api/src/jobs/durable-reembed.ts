import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import type { PrismaClient } from '@moim/db';
import { GraphQLError } from 'graphql';
import { badInput } from '../graphql/errors';
import type { ReembedJobParent } from '../graphql/mappers';
import type { EmbeddingService } from '../services/embedding';
import type { Jobs } from './jobs';

const isDirectory = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;

/** A re-embed without progress this long is taken for dead (its process and every retry gone): a new one may start. */
export const REEMBED_GIVE_UP_AFTER_MS = 10 * 60_000;

/**
 * Re-embeds as durable jobs: startReembed records the job in reembed_jobs and queues it; whichever replica
 * fetches it writes the vectors (see ReembedRunner), and every replica can read its progress. One at a time.
 */
export class DurableReembed {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly embedding: EmbeddingService,
    private readonly durable: Jobs,
  ) {}

  job(id: string): Promise<ReembedJobParent | null> {
    return this.prisma.reembedJob.findUnique({ where: { id } });
  }

  async start(modelDir: string | null | undefined): Promise<ReembedJobParent> {
    if (modelDir != null && !isDirectory(modelDir)) {
      throw badInput('modelDir', modelDir, `modelDir: ${JSON.stringify(modelDir)} is not a directory on the API's machine`);
    }
    await this.prisma.reembedJob.updateMany({
      where: { status: 'RUNNING', updatedAt: { lt: new Date(Date.now() - REEMBED_GIVE_UP_AFTER_MS) } },
      data: { status: 'FAILED', error: `no progress for ${REEMBED_GIVE_UP_AFTER_MS / 60_000} minutes; start the re-embed again`, finishedAt: new Date() },
    });
    const job = await this.prisma.$transaction(async (tx) => {
      // One at a time across the replicas: the advisory lock serialises concurrent starts.
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext('moim reembed start'))) l`;
      if ((await tx.reembedJob.count({ where: { status: 'RUNNING' } })) > 0) {
        throw new GraphQLError('a re-embed job is already running', { extensions: { code: 'CONFLICT' } });
      }
      return tx.reembedJob.create({
        data: { id: randomUUID(), modelDir: modelDir ?? null, modelId: '(loading)', previousModelId: this.embedding.serving.modelId },
      });
    });
    await this.durable.queue.send('reembed', { reembedJobId: job.id });
    return job;
  }

  /** Nothing to wait for here: the job's slices run in the queue, which the app stops. */
  async drain(): Promise<void> {}
}
