// Embedding models: registering one (with its partial HNSW indexes) and looking one up by key.
import type { Database } from './database';
import { Prisma } from './generated/prisma/client';
import { MAX_INDEXED_DIMENSION, MAX_MODEL_KEY, requireInt, requireNonEmptyString, VectorInputError } from './vector-input';
import { hnswIndexNames, ivfflatIndexName } from './vector-index';

type Db = Pick<Database, 'prisma'>;
/** Functions taking Queryable also work inside an interactive transaction: pass `{ prisma: tx }`. */
export type Queryable = { prisma: Pick<Prisma.TransactionClient, '$queryRaw' | '$executeRaw'> };

export interface EmbeddingModelInfo {
  key: number;
  name: string;
  dimension: number;
}

/**
 * Registers an embedding model (idempotent by name) and creates its partial HNSW indexes.
 * Re-registering a name with a different dimension is an error: a retrained model gets a new name.
 */
export async function registerEmbeddingModel(
  db: Db,
  input: { name: string; dimension: number },
): Promise<EmbeddingModelInfo> {
  const name = requireNonEmptyString('name', input.name);
  const dimension = requireInt('dimension', input.dimension, 1, MAX_INDEXED_DIMENSION);
  const rows = await db.prisma.$queryRaw<EmbeddingModelInfo[]>`
    INSERT INTO embedding_models (name, dimension) VALUES (${name}, ${dimension})
    ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name
    RETURNING key, name, dimension`;
  const model = rows[0];
  if (!model) throw new Error(`registering embedding model ${name} returned no row`);
  if (model.dimension !== dimension) {
    throw new VectorInputError(
      'dimension',
      dimension,
      `embedding model ${JSON.stringify(name)} is already registered with dimension ${model.dimension}`,
    );
  }
  const K = Prisma.raw(String(requireInt('key', model.key, 1, MAX_MODEL_KEY)));
  const N = Prisma.raw(String(dimension));
  const names = hnswIndexNames(model.key);
  await db.prisma.$transaction([
    // Serialises concurrent registrations: CREATE INDEX IF NOT EXISTS races on the catalog otherwise.
    db.prisma.$executeRaw`SELECT pg_advisory_xact_lock(72707370)`,
    // Unless an operator switched the model's openings to ivfflat (useOpeningIndex), which must stay the only one.
    db.prisma.$executeRaw`DO $$ BEGIN
      IF to_regclass(${Prisma.raw(`'${ivfflatIndexName(model.key)}'`)}) IS NULL THEN
        CREATE INDEX IF NOT EXISTS ${Prisma.raw(names.opening)} ON opening_embeddings
          USING hnsw ((embedding::vector(${N})) vector_cosine_ops) WHERE model_key = ${K};
      END IF;
    END $$`,
    db.prisma.$executeRaw`CREATE INDEX IF NOT EXISTS ${Prisma.raw(names.member)} ON member_embeddings
      USING hnsw ((embedding::vector(${N})) vector_cosine_ops) WHERE model_key = ${K}`,
  ]);
  modelCache(db).set(model.key, model);
  return { key: model.key, name: model.name, dimension: model.dimension };
}

const caches = new WeakMap<object, Map<number, EmbeddingModelInfo>>();
function modelCache(db: Queryable): Map<number, EmbeddingModelInfo> {
  let cache = caches.get(db.prisma);
  if (!cache) {
    cache = new Map();
    caches.set(db.prisma, cache);
  }
  return cache;
}

/** Looks a model up by key (cached: a model's dimension never changes). */
export async function getEmbeddingModel(db: Queryable, modelKey: number): Promise<EmbeddingModelInfo> {
  const key = requireInt('modelKey', modelKey, 1, MAX_MODEL_KEY);
  const cached = modelCache(db).get(key);
  if (cached) return cached;
  const rows = await db.prisma.$queryRaw<EmbeddingModelInfo[]>`
    SELECT key, name, dimension FROM embedding_models WHERE key = ${key}`;
  const model = rows[0];
  if (!model) throw new VectorInputError('modelKey', key, 'no embedding model is registered with this key');
  modelCache(db).set(key, model);
  return model;
}
