import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { DEFAULT_MIGRATIONS_DIR } from './migrations-dir';

/**
 * The project's own migrator for Prisma-layout migrations (prisma/migrations/<name>/migration.sql).
 * The Prisma CLI needs a schema-engine binary that cannot be downloaded here, so we apply the same
 * files ourselves and keep `_prisma_migrations` exactly as Prisma does; `prisma migrate deploy`
 * and `prisma migrate status` can take over on a machine that has the engine.
 */

/** Same key Prisma's schema engine takes, so our migrator and Prisma's exclude each other. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type MigrationTarget = { databaseUrl: string } | { pglite: PGlite } | { client: pg.ClientBase };

export interface MigrateOptions {
  /** Defaults to prisma/migrations at the repository root. */
  migrationsDir?: string;
  /** Progress lines ("applied 20261127160000_init in 85 ms"). */
  log?: (line: string) => void;
}

export interface LocalMigration {
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, as Prisma computes it. */
  checksum: string;
}

export class MigrationError extends Error {
  constructor(
    readonly migrationName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

interface Connection {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  release(): Promise<void>;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

export function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function readMigrations(migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<LocalMigration[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrations: LocalMigration[] = [];
  for (const name of names) {
    const bytes = await readFile(join(migrationsDir, name, 'migration.sql'));
    migrations.push({ name, sql: bytes.toString('utf8'), checksum: sha256Hex(bytes) });
  }
  return migrations;
}

/** Applies pending migrations in name order, one transaction each. Idempotent and safe to run concurrently. */
export async function migrate(target: MigrationTarget, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const migrations = await readMigrations(options.migrationsDir);
  const conn = await connect(target);
  const applied: string[] = [];
  try {
    await conn.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
    try {
      await conn.exec(CREATE_MIGRATIONS_TABLE);
      const rows = await conn.query<AppliedRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
      );
      const done = new Map<string, AppliedRow>();
      for (const row of rows) {
        if (row.rolled_back_at !== null) continue;
        if (row.finished_at === null) {
          throw new MigrationError(
            row.migration_name,
            `migration ${row.migration_name} was started but never finished (a failed Prisma run?); ` +
              'fix the database by hand and mark it rolled back (rolled_back_at) or finished before migrating again',
          );
        }
        done.set(row.migration_name, row);
      }
      // Verify every applied migration before applying anything, so a refused run changes nothing.
      for (const migration of migrations) {
        const previous = done.get(migration.name);
        if (previous && previous.checksum !== migration.checksum) {
          throw new MigrationError(
            migration.name,
            `migration ${migration.name} was modified after it was applied: checksum in database ` +
              `${previous.checksum}, migration.sql now ${migration.checksum}. Applied migrations must not ` +
              'change; restore the file and add a new migration instead',
          );
        }
      }
      for (const migration of migrations) {
        if (done.has(migration.name)) continue;
        const started = Date.now();
        await applyOne(conn, migration);
        applied.push(migration.name);
        options.log?.(`applied ${migration.name} in ${Date.now() - started} ms`);
      }
    } finally {
      await conn.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
    }
  } finally {
    await conn.release();
  }
  return { applied };
}

async function applyOne(conn: Connection, migration: LocalMigration): Promise<void> {
  const id = randomUUID();
  await conn.exec('BEGIN');
  try {
    await conn.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) ' +
        'VALUES ($1, $2, $3, now(), 0)',
      [id, migration.checksum, migration.name],
    );
    await conn.exec(migration.sql);
    await conn.query(
      'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
      [id],
    );
    await conn.exec('COMMIT');
  } catch (error) {
    await conn.exec('ROLLBACK').catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(migration.name, `migration ${migration.name} failed and was rolled back: ${reason}`, {
      cause: error,
    });
  }
}

async function connect(target: MigrationTarget): Promise<Connection> {
  if ('pglite' in target) {
    const db = target.pglite;
    return {
      query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
      exec: async (sql: string) => {
        await db.exec(sql);
      },
      release: async () => undefined,
    };
  }
  const owned = 'databaseUrl' in target;
  const client = owned ? new pg.Client({ connectionString: target.databaseUrl }) : target.client;
  if (owned) await client.connect();
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    exec: async (sql: string) => {
      // Simple query protocol: a multi-statement script runs as one message.
      await client.query(sql);
    },
    release: async () => {
      if (owned) await (client as pg.Client).end();
    },
  };
}
