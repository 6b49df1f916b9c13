import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing';

describe('PostgreSQL connection pool', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 3 });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reports its size and survives the server closing its idle connections', async () => {
    await db.prisma.$queryRaw`SELECT 1`;
    expect(db.poolStats()).toMatchObject({ max: 3, waiting: 0 });
    expect(db.poolStats()!.total).toBeGreaterThan(0);

    // What a server restart or DROP DATABASE … WITH (FORCE) does to idle pooled connections (57P01).
    const admin = new pg.Client({ connectionString: db.databaseUrl });
    await admin.connect();
    const killed = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    await admin.end();
    expect(killed.rowCount).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(await db.prisma.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
  });
});
