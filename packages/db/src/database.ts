import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client';
import { migrate, type MigrateOptions } from './migrate';

export interface PoolStats {
  /** Connections open (busy + idle). */
  total: number;
  idle: number;
  /** Queries waiting for a free connection. */
  waiting: number;
  max: number;
}

export interface Database {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  /** PostgreSQL's connection pool (for stores that take a pg Pool, e.g. shared rate limits); null on PGlite. */
  pool: pg.Pool | null;
  /** PostgreSQL's connection pool right now; null on PGlite (one in-process connection). */
  poolStats(): PoolStats | null;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgresql://… — use a PostgreSQL server (with pgvector). Without it, an embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite only: directory that persists the database; omitted = in memory. */
  dataDir?: string;
  /** Postgres only: connection pool size (default 10). */
  poolSize?: number;
  /** Skip running pending migrations (default false). */
  skipMigrations?: boolean;
  migrationsDir?: MigrateOptions['migrationsDir'];
  log?: MigrateOptions['log'];
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const migrateOptions: MigrateOptions = { migrationsDir: options.migrationsDir, log: options.log };
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    const poolSize = options.poolSize ?? 10;
    if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000) {
      throw new RangeError(`poolSize must be an integer 1..1000, got ${String(options.poolSize)}`);
    }
    if (!options.skipMigrations) await migrate({ databaseUrl: options.databaseUrl }, migrateOptions);
    // Our own pool (the adapter leaves a given pool to its owner) so its numbers can be reported.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: poolSize });
    // An idle connection the server closes (restart, DROP DATABASE … FORCE) is an 'error' on the pool, which
    // would crash the process without a listener. The adapter listens only while connected, so we listen for the
    // pool's whole life; the pool drops that client and the next query gets a new one.
    pool.on('error', (error) => options.log?.(`idle PostgreSQL connection closed: ${error.message}`));
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    return {
      prisma,
      kind: 'postgres',
      pool,
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: poolSize }),
      close: async () => {
        await prisma.$disconnect(); // ends the pool (disposeExternalPool)
        if (!pool.ended) await pool.end(); // never connected: nothing for the adapter to dispose
      },
    };
  }

  if (options.dataDir !== undefined) await mkdir(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(options.dataDir, { extensions: { vector } });
  try {
    if (!options.skipMigrations) await migrate({ pglite }, migrateOptions);
  } catch (error) {
    await pglite.close();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    kind: 'pglite',
    pool: null,
    poolStats: () => null,
    close: async () => {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Round-trips a trivial query; throws when the database is unreachable. */
export async function ping(db: Database): Promise<{ ok: true; latencyMs: number }> {
  const started = performance.now();
  await db.prisma.$queryRaw`SELECT 1`;
  return { ok: true, latencyMs: performance.now() - started };
}
