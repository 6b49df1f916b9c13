import { describe, expect, it } from 'vitest';
import { createTestDatabase, MissingDatabaseUrlError } from '../src/testing';

describe('createTestDatabase', () => {
  it('explains how to get a database when DATABASE_URL is missing', async () => {
    const attempt = createTestDatabase({ databaseUrl: '' });
    await expect(attempt).rejects.toThrow(MissingDatabaseUrlError);
    await expect(attempt).rejects.toThrow('bash scripts/db/up.sh');
  });

  it('creates an isolated, migrated database and drops it on close', async () => {
    const db = await createTestDatabase();
    expect(db.databaseName).toMatch(/^moim_test_[0-9a-f]{12}$/);
    await db.prisma.apiKey.create({ data: { name: 'ci', keyHash: 'a'.repeat(64), role: 'BOT' } });
    expect(await db.prisma.apiKey.count()).toBe(1);
    await db.close();

    const other = await createTestDatabase();
    try {
      const names = await other.prisma.$queryRaw<{ datname: string }[]>`SELECT datname::text FROM pg_database`;
      expect(names.map((n) => n.datname)).not.toContain(db.databaseName);
      expect(await other.prisma.apiKey.count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
