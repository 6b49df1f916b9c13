import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database, type OpenDatabaseOptions } from './database';

export interface TestDatabase extends Database {
  /** Connection URL of the fresh database (for code under test that opens its own connections). */
  databaseUrl: string;
  databaseName: string;
}

export class MissingDatabaseUrlError extends Error {
  constructor(cause?: string) {
    super(
      (cause ? `${cause}. ` : '') +
        'DATABASE_URL is not set: tests need a PostgreSQL server with pgvector. ' +
        'Run `bash scripts/db/up.sh` from the repository root and export the DATABASE_URL line it prints.',
    );
    this.name = 'MissingDatabaseUrlError';
  }
}

const upScript = fileURLToPath(new URL('../../../scripts/db/up.sh', import.meta.url));

/**
 * The test server's URL: DATABASE_URL when set, otherwise the throwaway cluster of scripts/db/up.sh,
 * started on demand (idempotent, well under a second when it already runs). Sets DATABASE_URL so that
 * processes started later (vitest workers, spawned CLIs) use the same server.
 */
export function resolveTestServerUrl(): string {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  let output: string;
  try {
    output = execFileSync('bash', [upScript], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (error) {
    throw new MissingDatabaseUrlError(`${upScript} failed: ${(error as Error).message}`);
  }
  const url = /^DATABASE_URL=(\S+)$/m.exec(output)?.[1];
  if (url === undefined) throw new MissingDatabaseUrlError(`${upScript} printed no DATABASE_URL line`);
  process.env.DATABASE_URL = url;
  return url;
}

/**
 * Creates a fresh database `moim_test_<random>` on DATABASE_URL's server, migrates it and returns a
 * Database whose close() drops it. Test helper: with resolveTestServerUrl, the one place in this package
 * that reads process.env.
 */
export async function createTestDatabase(
  options: { databaseUrl?: string } & Pick<OpenDatabaseOptions, 'poolSize' | 'skipMigrations' | 'migrationsDir'> = {},
): Promise<TestDatabase> {
  const serverUrl = options.databaseUrl ?? resolveTestServerUrl();
  if (serverUrl === '') throw new MissingDatabaseUrlError();

  const databaseName = `moim_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE "${databaseName}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();

  let db: Database;
  try {
    db = await openDatabase({
      databaseUrl,
      poolSize: options.poolSize ?? 5,
      skipMigrations: options.skipMigrations,
      migrationsDir: options.migrationsDir,
    });
  } catch (error) {
    await dropDatabase(serverUrl, databaseName);
    throw error;
  }
  return {
    ...db,
    databaseUrl,
    databaseName,
    close: async () => {
      await db.close();
      await dropDatabase(serverUrl, databaseName);
    },
  };
}

async function dropDatabase(serverUrl: string, databaseName: string): Promise<void> {
  await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
}

async function withAdminClient<T>(serverUrl: string, action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}
