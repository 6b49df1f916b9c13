import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_DIR, MigrationError, migrate, readMigrations } from '../src/index';
import { sha256Hex } from '../src/migrate';
import { createTestDatabase, type TestDatabase } from '../src/testing';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('migrate (PostgreSQL)', () => {
  let db: TestDatabase;
  let migrationsDir: string;

  beforeEach(async () => {
    db = await createTestDatabase({ skipMigrations: true });
    migrationsDir = await mkdtemp(join(tmpdir(), 'moim-migrations-'));
    await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
  });
  afterEach(async () => {
    await db.close();
    await rm(migrationsDir, { recursive: true, force: true });
  });

  const tables = async () =>
    (
      await db.prisma.$queryRaw<{ table_name: string }[]>`
        SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`
    ).map((r) => r.table_name);

  it('applies every migration once, then nothing', async () => {
    const local = await readMigrations(migrationsDir);
    expect(local.length).toBeGreaterThan(0);
    const first = await migrate({ databaseUrl: db.databaseUrl }, { migrationsDir });
    expect(first.applied).toEqual(local.map((m) => m.name));
    expect(await tables()).toContain('members');
    const second = await migrate({ databaseUrl: db.databaseUrl }, { migrationsDir });
    expect(second.applied).toEqual([]);
  });

  it('keeps _prisma_migrations exactly as Prisma does', async () => {
    await migrate({ databaseUrl: db.databaseUrl }, { migrationsDir });
    const columns = await db.prisma.$queryRaw<
      { column_name: string; data_type: string; character_maximum_length: number | null; is_nullable: string }[]
    >`SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`;
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', character_maximum_length: 36, is_nullable: 'NO' },
      { column_name: 'checksum', data_type: 'character varying', character_maximum_length: 64, is_nullable: 'NO' },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', character_maximum_length: null, is_nullable: 'YES' },
      { column_name: 'migration_name', data_type: 'character varying', character_maximum_length: 255, is_nullable: 'NO' },
      { column_name: 'logs', data_type: 'text', character_maximum_length: null, is_nullable: 'YES' },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', character_maximum_length: null, is_nullable: 'YES' },
      { column_name: 'started_at', data_type: 'timestamp with time zone', character_maximum_length: null, is_nullable: 'NO' },
      { column_name: 'applied_steps_count', data_type: 'integer', character_maximum_length: null, is_nullable: 'NO' },
    ]);

    const rows = await db.prisma.$queryRaw<
      {
        id: string;
        checksum: string;
        finished_at: Date | null;
        migration_name: string;
        logs: string | null;
        rolled_back_at: Date | null;
        started_at: Date;
        applied_steps_count: number;
      }[]
    >`SELECT * FROM "_prisma_migrations" ORDER BY started_at`;
    const local = await readMigrations(migrationsDir);
    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      const file = await readFile(join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.id).toMatch(UUID);
      expect(row.checksum).toBe(sha256Hex(file));
      expect(row.checksum).toBe(local[i]?.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('refuses a migration whose file changed after it was applied, and changes nothing', async () => {
    await migrate({ databaseUrl: db.databaseUrl }, { migrationsDir });
    const [init] = await readMigrations(migrationsDir);
    await appendFile(join(migrationsDir, init!.name, 'migration.sql'), '\nCREATE TABLE "sneaky" ("id" INTEGER);\n');
    await mkdir(join(migrationsDir, '99990101000000_later'));
    await writeFile(join(migrationsDir, '99990101000000_later', 'migration.sql'), 'CREATE TABLE "later" ("id" INTEGER);\n');

    const attempt = migrate({ databaseUrl: db.databaseUrl }, { migrationsDir });
    await expect(attempt).rejects.toThrow(MigrationError);
    await expect(attempt).rejects.toThrow(new RegExp(`${init!.name} was modified after it was applied`));
    const names = await tables();
    expect(names).not.toContain('sneaky');
    expect(names).not.toContain('later');
  });

  it('applies a new migration later and rolls a failing one back completely', async () => {
    await migrate({ databaseUrl: db.databaseUrl }, { migrationsDir });
    await mkdir(join(migrationsDir, '99990101000000_add_notes'));
    await writeFile(
      join(migrationsDir, '99990101000000_add_notes', 'migration.sql'),
      '-- CreateTable\nCREATE TABLE "notes" ("id" TEXT NOT NULL, CONSTRAINT "notes_pkey" PRIMARY KEY ("id"));\n',
    );
    expect((await migrate({ databaseUrl: db.databaseUrl }, { migrationsDir })).applied).toEqual(['99990101000000_add_notes']);

    await mkdir(join(migrationsDir, '99990102000000_broken'));
    await writeFile(
      join(migrationsDir, '99990102000000_broken', 'migration.sql'),
      'CREATE TABLE "half_done" ("id" INTEGER);\nSELECT no_such_function();\n',
    );
    await expect(migrate({ databaseUrl: db.databaseUrl }, { migrationsDir })).rejects.toThrow(
      /99990102000000_broken failed and was rolled back: .*no_such_function/,
    );
    expect(await tables()).not.toContain('half_done');
    const recorded = await db.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE migration_name = '99990102000000_broken'`;
    expect(recorded).toEqual([]);
  });

  it('is safe to run concurrently: each migration is applied exactly once', async () => {
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => migrate({ databaseUrl: db.databaseUrl }, { migrationsDir })),
    );
    const local = await readMigrations(migrationsDir);
    expect(runs.flatMap((r) => r.applied).sort()).toEqual(local.map((m) => m.name).sort());
    const rows = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations"`;
    expect(rows[0]?.n).toBe(local.length);
  });
});
