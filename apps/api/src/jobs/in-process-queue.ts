import type { Logger } from 'pino';
import type { JobHandler, JobKind, JobPayloads, JobQueue } from './queue';

const RETRY_LIMIT = 8;
const RETRY_DELAY_MS = 2000;

/**
 * The same interface in one process, for embedded PGlite (one process owns the database). Jobs run in the
 * background in the order they were sent; their state is in the database, so after a restart the stale-job sweep
 * sends the unfinished ones again.
 */
export function inProcessQueue(log: Logger): JobQueue {
  const handlers = new Map<JobKind, JobHandler<never>>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  const run = async <K extends JobKind>(kind: K, payload: JobPayloads[K]): Promise<void> => {
    const handler = handlers.get(kind) as JobHandler<K> | undefined;
    if (!handler) throw new Error(`no handler for ${kind} jobs`);
    for (let failures = 0; !stopped; ) {
      try {
        if ((await handler(payload)) === 'done') return;
      } catch (error) {
        if (++failures > RETRY_LIMIT) {
          log.error({ err: error, kind }, 'job failed too often; the stale-job sweep ends it');
          return;
        }
        log.warn({ err: error, kind }, 'job failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
    }
  };

  return {
    kind: 'in-process',

    async work<K extends JobKind>(kind: K, handler: JobHandler<K>): Promise<void> {
      handlers.set(kind, handler as JobHandler<never>);
    },

    async send<K extends JobKind>(kind: K, payload: JobPayloads[K]): Promise<void> {
      if (stopped) throw new Error('the job queue is stopped');
      const job = run(kind, payload).catch((error: unknown) => log.error({ err: error, kind }, 'job crashed'));
      running.add(job);
      void job.finally(() => running.delete(job));
    },

    async stop(): Promise<void> {
      stopped = true;
      await Promise.allSettled([...running]);
    },
  };
}
