// Prisma CLI configuration, for machines that have Prisma's schema engine (`prisma migrate status`,
// `prisma migrate deploy`, `prisma db pull`). Here the project's own migrator applies the migrations and
// only `prisma generate` (offline) runs; see README.md.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
  // The CLI only needs a URL for migrate/introspect commands; generate works without one.
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
