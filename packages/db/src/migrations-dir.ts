import { fileURLToPath } from 'node:url';

/** prisma/migrations at the repository root (packages export source, so this resolves from src/). */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));

/** prisma/schema.prisma at the repository root. */
export const SCHEMA_PATH = fileURLToPath(new URL('../../../prisma/schema.prisma', import.meta.url));
