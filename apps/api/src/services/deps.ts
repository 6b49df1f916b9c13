import type { Logger } from 'pino';
import type { ApiConfig } from '../env';
import type { EmbeddingService } from './embedding';
import type { Database } from './vector-store';

export interface ServiceDeps {
  db: Database;
  embedding: EmbeddingService;
  config: ApiConfig;
  log: Logger;
}

/** Prisma's unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
