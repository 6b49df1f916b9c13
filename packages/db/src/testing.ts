import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type OpenDatabaseOptions } from './database';

export interface TestDatabase extends Database {
  /** Connection URL of the fresh database (for code under test that opens its own connections). */
  databaseUrl: string;
  databaseName: string;
}

export class MissingDatabaseUrlError extends Error {
  constructor() {
    super(
      'DATABASE_URL is not set: tests need a PostgreSQL server with pgvector. ' +
        'Run `bash scripts/db/up.sh` from the repository root and export the DATABASE_URL line it prints.',
    );
    this.name = 'MissingDatabaseUrlError';
  }
}

/**
 * Creates a fresh database `moim_test_<random>` on DATABASE_URL's server, migrates it and returns a
 * Database whose close() drops it. Test helper: the one place in this package that reads process.env.
 */
export async function createTestDatabase(
  options: { databaseUrl?: string } & Pick<OpenDatabaseOptions, 'poolSize' | 'skipMigrations' | 'migrationsDir'> = {},
): Promise<TestDatabase> {
  const serverUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (serverUrl === undefined || serverUrl === '') throw new MissingDatabaseUrlError();

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
