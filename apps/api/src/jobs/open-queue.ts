import type { Database } from '@moim/db';
import type { Logger } from 'pino';
import { inProcessQueue } from './in-process-queue';
import { openPgBossQueue } from './pg-boss-queue';
import type { JobQueue } from './queue';

/** The queue of the database: pg-boss on PostgreSQL (shared by the replicas), in-process on embedded PGlite. */
export function openJobQueue(db: Database, log: Logger): Promise<JobQueue> {
  return db.pool ? openPgBossQueue(db.pool, log) : Promise.resolve(inProcessQueue(log));
}
