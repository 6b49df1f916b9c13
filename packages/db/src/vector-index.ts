/**
 * Which index answers a model's nearest-opening queries. nearestOpenings orders by the same expression
 * `(embedding::vector(N)) <=> query` under `model_key = K` whichever index exists, so swapping the index
 * changes the candidate stage without changing its SQL:
 *
 * - 'hnsw' (created by registerEmbeddingModel): fine for queries that look like the rows (opening → opening),
 *   but profile vectors are not openings; the shipped model packs openings into tight clusters and a greedy
 *   graph walk from a profile settles in the wrong cluster (recall@10 ≈ 0.55–0.77 at 100k even at ef_search 1000).
 * - 'ivfflat' (built from the rows present): probes the lists whose centroids are nearest and scans them exactly;
 *   probing a fortieth of the lists (at least 8) gives recall@10 ≥ 0.95 on the same data up to 1,000,000 rows
 *   (bench:probes: 0.984 at 100,000 rows, ≈ 0.97 at 1,000,000), and it builds ~10× faster than HNSW.
 *   Its centroids come from the rows present when it is built, so build it after a bulk load or a re-embed.
 */
import type { Database } from './database';
import { Prisma } from './generated/prisma/client';
import { MAX_INDEXED_DIMENSION, requireInt } from './vector-input';

type Db = Pick<Database, 'prisma'>;

export type OpeningIndexMethod = 'hnsw' | 'ivfflat';

const MAX_KEY = 2_147_483_647;
const MAX_LISTS = 32_768;
const BUILD_TIMEOUT_MS = 3 * 60 * 60 * 1000;

/** Index names per model, exported so tests and operators can look for them in plans. */
export function hnswIndexNames(modelKey: number): { member: string; opening: string } {
  const key = requireInt('modelKey', modelKey, 1, MAX_KEY);
  return { member: `member_embedding_hnsw_m${key}`, opening: `opening_embedding_hnsw_m${key}` };
}

export function ivfflatIndexName(modelKey: number): string {
  return `opening_embedding_ivfflat_m${requireInt('modelKey', modelKey, 1, MAX_KEY)}`;
}

/** lists for `rows` vectors: √rows (pgvector's advice above 1M rows; below it keeps lists ≥ 100 rows each). */
export function defaultIvfflatLists(rows: number): number {
  return Math.min(MAX_LISTS, Math.max(1, Math.round(Math.sqrt(Math.max(0, rows)))));
}

function indexSql(method: OpeningIndexMethod, key: number, dimension: number, lists: number, name = ivfflatIndexName(key)): Prisma.Sql {
  const K = Prisma.raw(String(key));
  const N = Prisma.raw(String(dimension));
  if (method === 'hnsw') {
    return Prisma.sql`CREATE INDEX IF NOT EXISTS ${Prisma.raw(hnswIndexNames(key).opening)} ON opening_embeddings
      USING hnsw ((embedding::vector(${N})) vector_cosine_ops) WHERE model_key = ${K}`;
  }
  return Prisma.sql`CREATE INDEX ${Prisma.raw(name)} ON opening_embeddings
      USING ivfflat ((embedding::vector(${N})) vector_cosine_ops) WITH (lists = ${Prisma.raw(String(lists))}) WHERE model_key = ${K}`;
}

/**
 * Makes `method` the one index over a model's opening vectors: builds it (an ivfflat index is always rebuilt,
 * its centroids from the rows present now) and then drops the other, so queries never lack an index.
 * `maintenanceWorkMemMB` sizes the build's memory (an HNSW graph larger than it builds far more slowly).
 */
export async function useOpeningIndex(
  db: Db,
  input: { modelKey: number; dimension: number; method: OpeningIndexMethod; lists?: number; maintenanceWorkMemMB?: number },
): Promise<{ method: OpeningIndexMethod; lists: number | null; rows: number }> {
  const key = requireInt('modelKey', input.modelKey, 1, MAX_KEY);
  const dimension = requireInt('dimension', input.dimension, 1, MAX_INDEXED_DIMENSION);
  if (input.method !== 'hnsw' && input.method !== 'ivfflat') throw new Error(`unknown index method ${String(input.method)}`);
  const memory = requireInt('maintenanceWorkMemMB', input.maintenanceWorkMemMB ?? 64, 1, 64 * 1024);
  const counted = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM opening_embeddings WHERE model_key = ${key}::int`;
  const rows = counted[0]?.n ?? 0;
  const lists = requireInt('lists', input.lists ?? defaultIvfflatLists(rows), 1, MAX_LISTS);
  // Interactive, for its timeout: building an index over a million rows takes minutes.
  await db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707370)`;
      await buildOpeningIndex(tx, { key, dimension, method: input.method, lists, memory });
    },
    { timeout: BUILD_TIMEOUT_MS, maxWait: 60_000 },
  );
  await db.prisma.$executeRaw`ANALYZE opening_embeddings`;
  return { method: input.method, lists: input.method === 'ivfflat' ? lists : null, rows };
}

/**
 * Builds `method` and drops the other, inside the caller's transaction. A new ivfflat index is built under a
 * temporary name and renamed over the old one, so searches keep the old index while the new one builds (the
 * build blocks only writes) and wait only for the drop and rename at the end.
 */
async function buildOpeningIndex(
  tx: Prisma.TransactionClient,
  p: { key: number; dimension: number; method: OpeningIndexMethod; lists: number; memory: number },
): Promise<void> {
  const other = p.method === 'hnsw' ? ivfflatIndexName(p.key) : hnswIndexNames(p.key).opening;
  await tx.$executeRaw`SET LOCAL maintenance_work_mem = ${Prisma.raw(`'${p.memory}MB'`)}`;
  if (p.method === 'hnsw') {
    await tx.$executeRaw(indexSql('hnsw', p.key, p.dimension, p.lists));
  } else {
    const name = ivfflatIndexName(p.key);
    const building = `${name}_new`;
    await tx.$executeRaw`DROP INDEX IF EXISTS ${Prisma.raw(building)}`;
    await tx.$executeRaw(indexSql('ivfflat', p.key, p.dimension, p.lists, building));
    await tx.$executeRaw`DROP INDEX IF EXISTS ${Prisma.raw(name)}`;
    await tx.$executeRaw`ALTER INDEX ${Prisma.raw(building)} RENAME TO ${Prisma.raw(name)}`;
  }
  await tx.$executeRaw`DROP INDEX IF EXISTS ${Prisma.raw(other)}`;
}

/** Below this many opening vectors a model's openings keep HNSW: a search of so few rows is nearly exact either way. */
export const IVFFLAT_MIN_ROWS = 1_000;

/**
 * What the API runs after start-up and after each import: gives a model's openings the index that finds their
 * nearest neighbours for profile queries. From IVFFLAT_MIN_ROWS vectors on that is ivfflat, rebuilt once the rows
 * outgrow its lists (fewer than half of defaultIvfflatLists for the rows now, i.e. about 4× the rows it was built
 * from), since its centroids and list sizes come from the rows present at build time. Decided under the build lock,
 * so replicas that call it together build once. Returns what it built, or null when the index was right.
 */
export async function maintainOpeningIndex(
  db: Db,
  input: { modelKey: number; dimension: number; maintenanceWorkMemMB?: number },
): Promise<{ method: OpeningIndexMethod; lists: number; rows: number } | null> {
  const key = requireInt('modelKey', input.modelKey, 1, MAX_KEY);
  const dimension = requireInt('dimension', input.dimension, 1, MAX_INDEXED_DIMENSION);
  const memory = requireInt('maintenanceWorkMemMB', input.maintenanceWorkMemMB ?? 256, 1, 64 * 1024);
  const built = await db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707370)`;
      const counted = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM opening_embeddings WHERE model_key = ${key}::int`;
      const rows = counted[0]?.n ?? 0;
      if (rows < IVFFLAT_MIN_ROWS) return null;
      const current = await openingIndexInUse({ prisma: tx }, key);
      const lists = defaultIvfflatLists(rows);
      if (current?.method === 'ivfflat' && (current.lists ?? 0) * 2 >= lists) return null;
      await buildOpeningIndex(tx, { key, dimension, method: 'ivfflat', lists, memory });
      return { method: 'ivfflat' as const, lists, rows };
    },
    { timeout: BUILD_TIMEOUT_MS, maxWait: 60_000 },
  );
  if (built) await db.prisma.$executeRaw`ANALYZE opening_embeddings`;
  return built;
}

/** Drops every index over a model's opening vectors (a bulk load then writes no graph); useOpeningIndex puts one back. */
export async function dropOpeningIndexes(db: Db, modelKey: number): Promise<void> {
  const key = requireInt('modelKey', modelKey, 1, MAX_KEY);
  await db.prisma.$executeRaw`DROP INDEX IF EXISTS ${Prisma.raw(hnswIndexNames(key).opening)}`;
  await db.prisma.$executeRaw`DROP INDEX IF EXISTS ${Prisma.raw(ivfflatIndexName(key))}`;
}

/** The method of the index over a model's opening vectors, and its lists for ivfflat (null: none). */
export async function openingIndexInUse(db: { prisma: Pick<Prisma.TransactionClient, '$queryRaw'> }, modelKey: number): Promise<{ method: OpeningIndexMethod; lists: number | null } | null> {
  const key = requireInt('modelKey', modelKey, 1, MAX_KEY);
  const rows = await db.prisma.$queryRaw<{ relname: string; lists: number | null }[]>`
    SELECT c.relname::text AS relname,
           (SELECT split_part(opt, '=', 2)::int FROM unnest(c.reloptions) AS opt WHERE opt LIKE 'lists=%') AS lists
    FROM pg_class c WHERE c.relname IN (${hnswIndexNames(key).opening}, ${ivfflatIndexName(key)}) ORDER BY c.relname DESC`;
  const row = rows[0];
  if (!row) return null;
  return row.relname === ivfflatIndexName(key) ? { method: 'ivfflat', lists: row.lists } : { method: 'hnsw', lists: null };
}
