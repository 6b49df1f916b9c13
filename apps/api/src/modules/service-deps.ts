import type { Database } from '@moim/db';
import type { Logger } from 'pino';
import type { Semaphore } from '../common/semaphore';
import type { EmbeddingService } from './embedding/service';

/** What every feature service is built on; settings are not in here: each service gets only the ones it reads. */
export interface ServiceDeps {
  db: Database;
  embedding: EmbeddingService;
  log: Logger;
  /**
   * Nearest-neighbour searches in flight. They run as short transactions; past the pool size Prisma would time
   * them out ("Unable to start a transaction in the given time"), so they queue here instead, in order.
   */
  vectorSearches: Semaphore;
}
