import type { Database } from '@moim/db';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { JOB_KINDS, JOB_LEASE_SECONDS, type JobHandler, type JobKind, type JobPayloads, type JobQueue } from './queue';

/** pg-boss's own tables, beside the data model. */
const SCHEMA = 'pgboss';
/** How often one of the replicas (pg-boss elects it) hands expired leases back to the queue. */
const MAINTENANCE_SECONDS = 5;
/** A job that fails (or whose process dies) is run again up to this many times, RETRY_DELAY_SECONDS apart. */
const RETRY_LIMIT = 8;
const RETRY_DELAY_SECONDS = 2;
/** How often an idle process asks for work. */
const POLL_MS = 1000;

/**
 * Durable jobs in PostgreSQL with pg-boss: every replica fetches from the same queues (SKIP LOCKED), a job whose
 * process died expires after its lease and is retried by another, and nothing is lost on a restart.
 */
export async function openPgBossQueue(pool: NonNullable<Database['pool']>, log: Logger): Promise<JobQueue> {
  const boss = new PgBoss({
    // The API's own pool: a few polls a second, and the database's connection limit is shared by the replicas.
    db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values) },
    schema: SCHEMA,
    maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
    schedule: false,
  });
  boss.on('error', (error) => log.warn({ err: error }, 'job queue error'));
  await boss.start();
  for (const kind of JOB_KINDS) {
    await boss.createQueue(kind, {
      name: kind,
      policy: 'standard',
      retryLimit: RETRY_LIMIT,
      retryDelay: RETRY_DELAY_SECONDS,
      expireInSeconds: JOB_LEASE_SECONDS,
    });
  }
  let stopped = false;
  const loops: Promise<void>[] = [];
  let wake: () => void = () => {};
  const idle = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, POLL_MS);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /**
   * One job at a time per kind: fetch, run, complete (or fail, so pg-boss retries it). pg-boss's own work() does
   * not await its complete(), whose rejection while the database is away would end the process.
   */
  const loop = async <K extends JobKind>(kind: K, handler: JobHandler<K>): Promise<void> => {
    while (!stopped) {
      let job: PgBoss.Job<JobPayloads[K]> | undefined;
      try {
        [job] = await boss.fetch<JobPayloads[K]>(kind, { batchSize: 1 });
      } catch (error) {
        log.warn({ err: error, kind }, 'could not fetch jobs');
      }
      if (!job) {
        await idle();
        continue;
      }
      try {
        const outcome = await handler(job.data);
        // The next slice is a new job, so a process that dies mid-import loses one slice's lease, not the import.
        if (outcome === 'continue') await boss.send(kind, job.data as object);
        await boss.complete(kind, job.id);
      } catch (error) {
        log.warn({ err: error, kind, jobId: job.id }, 'job failed; pg-boss retries it');
        // Unrecorded (the database is away), the job's lease expires and pg-boss retries it all the same.
        await boss.fail(kind, job.id, { message: error instanceof Error ? error.message : String(error) }).catch(() => {});
        await idle();
      }
    }
  };

  return {
    kind: 'postgres',

    async work<K extends JobKind>(kind: K, handler: JobHandler<K>): Promise<void> {
      loops.push(loop(kind, handler));
    },

    async send<K extends JobKind>(kind: K, payload: JobPayloads[K], options: { leaseSeconds?: number } = {}): Promise<void> {
      await boss.send(kind, payload, options.leaseSeconds ? { expireInSeconds: options.leaseSeconds } : {});
    },

    async stop(): Promise<void> {
      stopped = true;
      wake();
      await Promise.allSettled(loops);
      await boss.stop({ graceful: false, wait: true });
    },
  };
}
