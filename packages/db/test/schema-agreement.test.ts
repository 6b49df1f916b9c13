import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_PATH } from '../src/index';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { parsePrismaSchema, type ParsedSchema, type SchemaField } from './prisma-schema';

interface ColumnInfo {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
}

/** What information_schema reports for each Prisma scalar type (PostgreSQL connector defaults). */
function expectedType(field: SchemaField, enums: ParsedSchema['enums']): { data_type: string; udt_name: string } {
  if (field.list) {
    const element = { String: '_text', Int: '_int4' }[field.type];
    if (!element) throw new Error(`no list mapping for ${field.type}`);
    return { data_type: 'ARRAY', udt_name: element };
  }
  if (enums.has(field.type)) return { data_type: 'USER-DEFINED', udt_name: field.type };
  const unsupported = /^Unsupported\("(.+)"\)$/.exec(field.type);
  if (unsupported) return { data_type: 'USER-DEFINED', udt_name: unsupported[1]! };
  const scalar: Record<string, { data_type: string; udt_name: string }> = {
    String: { data_type: 'text', udt_name: 'text' },
    Int: { data_type: 'integer', udt_name: 'int4' },
    Boolean: { data_type: 'boolean', udt_name: 'bool' },
    Float: { data_type: 'double precision', udt_name: 'float8' },
    DateTime: { data_type: 'timestamp without time zone', udt_name: 'timestamp' },
    Json: { data_type: 'jsonb', udt_name: 'jsonb' },
  };
  const mapped = scalar[field.type];
  if (!mapped) throw new Error(`no mapping for Prisma type ${field.type} (field ${field.name})`);
  return mapped;
}

describe('prisma/schema.prisma agrees with the migrated database', () => {
  let db: TestDatabase;
  let schema: ParsedSchema;
  let columns: ColumnInfo[];

  beforeAll(async () => {
    schema = parsePrismaSchema(await readFile(SCHEMA_PATH, 'utf8'));
    db = await createTestDatabase();
    columns = await db.prisma.$queryRaw<ColumnInfo[]>`
      SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`;
  });
  afterAll(async () => {
    await db?.close();
  });

  it('parses the models the contract names', () => {
    expect(schema.models.map((m) => m.name).sort()).toEqual(
      [
        'ApiKey',
        'Application',
        'EmbeddingModel',
        'ImportJob',
        'Invitation',
        'Member',
        'MemberEmbedding',
        'Notification',
        'Opening',
        'OpeningEmbedding',
      ].sort(),
    );
  });

  it('has exactly the tables of the models (plus _prisma_migrations)', () => {
    const tables = [...new Set(columns.map((c) => c.table_name))].sort();
    expect(tables).toEqual([...schema.models.map((m) => m.table), '_prisma_migrations'].sort());
  });

  it('has every scalar field as a column of a compatible type and nullability, and no other columns', () => {
    for (const model of schema.models) {
      const actual = columns.filter((c) => c.table_name === model.table);
      const scalars = model.fields.filter((f) => !f.relation);
      expect(actual.map((c) => c.column_name).sort(), `columns of ${model.table}`).toEqual(scalars.map((f) => f.column).sort());
      for (const field of scalars) {
        const column = actual.find((c) => c.column_name === field.column)!;
        const where = `${model.name}.${field.name} (${model.table}.${field.column})`;
        expect({ data_type: column.data_type, udt_name: column.udt_name }, where).toEqual(expectedType(field, schema.enums));
        // Prisma leaves list columns nullable in the database; other fields are NOT NULL unless optional.
        if (!field.list) expect(column.is_nullable, where).toBe(field.optional ? 'YES' : 'NO');
      }
    }
  });

  it('has the primary keys of the models', async () => {
    const keys = await db.prisma.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
      WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY' ORDER BY tc.table_name, kcu.ordinal_position`;
    for (const model of schema.models) {
      expect(keys.filter((k) => k.table_name === model.table).map((k) => k.column_name), model.table).toEqual(model.primaryKey);
    }
  });

  it('has every enum with the same values in the same order', async () => {
    const rows = await db.prisma.$queryRaw<{ typname: string; labels: string[] }[]>`
      SELECT t.typname::text AS typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname::text`;
    const actual = new Map(rows.map((r) => [r.typname, r.labels]));
    expect([...actual.keys()].sort()).toEqual([...schema.enums.keys()].sort());
    for (const [name, values] of schema.enums) expect(actual.get(name), name).toEqual(values);
  });

  it('has a unique index for every @unique field and @@unique', async () => {
    const indexes = await db.prisma.$queryRaw<{ tablename: string; indexdef: string }[]>`
      SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE 'CREATE UNIQUE INDEX%'`;
    for (const model of schema.models) {
      for (const field of model.fields.filter((f) => /@unique\b/.test(f.attributes))) {
        const name = `${model.table}_${field.column}_key`;
        expect(indexes.some((i) => i.tablename === model.table && i.indexdef.includes(name)), name).toBe(true);
      }
    }
    expect(indexes.some((i) => i.indexdef.includes('applications_member_id_opening_id_key'))).toBe(true);
    expect(indexes.some((i) => i.indexdef.includes('invitations_member_id_opening_id_key'))).toBe(true);
  });
});
