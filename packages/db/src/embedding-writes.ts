// Storing vectors: a member's, and many openings' either in a transaction of their own (set*) or in the
// caller's (write*).
import { createHash } from 'node:crypto';
import type { Database } from './database';
import { Prisma } from './generated/prisma/client';
import { getEmbeddingModel, type Queryable } from './embedding-models';
import { requireInt, requireNonEmptyString, VectorInputError, vectorText, type Vector } from './vector-input';

type Db = Pick<Database, 'prisma'>;

const DEFAULT_CHUNK_SIZE = 500;

/** What `sentence_sha256` stores: stale detection compares it with the owner's current sentence. */
export function sentenceSha256(sentence: string): string {
  return createHash('sha256').update(sentence, 'utf8').digest('hex');
}

/**
 * Stores (or replaces) a member's vector for a model. `sentence` is the text that was embedded; when
 * omitted, the member's current sentence is recorded (stale detection compares the two).
 */
export async function setMemberEmbedding(
  db: Queryable,
  memberId: string,
  modelKey: number,
  vector: Vector,
  options: { sentence?: string } = {},
): Promise<void> {
  const id = requireNonEmptyString('memberId', memberId);
  const model = await getEmbeddingModel(db, modelKey);
  const text = vectorText('vector', vector, model.dimension);
  const N = Prisma.raw(String(model.dimension));
  const hash = options.sentence === undefined ? null : sentenceSha256(options.sentence);
  const count = await db.prisma.$executeRaw`
    INSERT INTO member_embeddings (member_id, model_key, embedding, sentence_sha256, updated_at)
    SELECT m.id, ${model.key}::int, ${text}::vector(${N}),
           COALESCE(${hash}::text, encode(sha256(convert_to(m.sentence, 'UTF8')), 'hex')), CURRENT_TIMESTAMP
    FROM members m WHERE m.id = ${id}
    ON CONFLICT (member_id, model_key) DO UPDATE
      SET embedding = EXCLUDED.embedding, sentence_sha256 = EXCLUDED.sentence_sha256, updated_at = EXCLUDED.updated_at`;
  if (count !== 1) throw new VectorInputError('memberId', id, 'no member with this id');
}

/** Stores (or replaces) many opening vectors for a model, all in one transaction of its own. */
export async function setOpeningEmbeddings(
  db: Db,
  rows: readonly { openingId: string; vector: Vector; sentence?: string }[],
  modelKey: number,
  options: { chunkSize?: number } = {},
): Promise<void> {
  if (rows.length === 0) return;
  await db.prisma.$transaction((tx) => writeOpeningEmbeddings({ prisma: tx }, rows, modelKey, options), {
    timeout: 120_000,
    maxWait: 30_000,
  });
}

/**
 * The same inside the caller's interactive transaction (`{ prisma: tx }`), so opening rows and their vectors
 * commit together: one INSERT … SELECT FROM unnest(…) per chunk. (Prisma's nested `$transaction` would need
 * savepoints, which the PGlite adapter does not implement.)
 */
export async function writeOpeningEmbeddings(
  db: Queryable,
  rows: readonly { openingId: string; vector: Vector; sentence?: string }[],
  modelKey: number,
  options: { chunkSize?: number } = {},
): Promise<void> {
  const model = await getEmbeddingModel(db, modelKey);
  const chunkSize = requireInt('chunkSize', options.chunkSize ?? DEFAULT_CHUNK_SIZE, 1, 10_000);
  const ids: string[] = [];
  const texts: string[] = [];
  const hashes: (string | null)[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const id = requireNonEmptyString(`rows[${i}].openingId`, row.openingId);
    if (seen.has(id)) throw new VectorInputError(`rows[${i}].openingId`, id, 'appears more than once');
    seen.add(id);
    ids.push(id);
    texts.push(vectorText(`rows[${i}].vector`, row.vector, model.dimension));
    hashes.push(row.sentence === undefined ? null : sentenceSha256(row.sentence));
  });

  const N = Prisma.raw(String(model.dimension));
  for (let start = 0; start < ids.length; start += chunkSize) {
    const chunkIds = ids.slice(start, start + chunkSize);
    const written = await db.prisma.$queryRaw<{ opening_id: string }[]>`
      INSERT INTO opening_embeddings (opening_id, model_key, embedding, sentence_sha256, updated_at)
      SELECT o.id, ${model.key}::int, v.embedding::vector(${N}),
             COALESCE(v.sentence_sha256, encode(sha256(convert_to(o.sentence, 'UTF8')), 'hex')), CURRENT_TIMESTAMP
      FROM unnest(${chunkIds}::text[], ${texts.slice(start, start + chunkSize)}::text[],
                  ${hashes.slice(start, start + chunkSize)}::text[]) AS v(opening_id, embedding, sentence_sha256)
      JOIN openings o ON o.id = v.opening_id
      ON CONFLICT (opening_id, model_key) DO UPDATE
        SET embedding = EXCLUDED.embedding, sentence_sha256 = EXCLUDED.sentence_sha256, updated_at = EXCLUDED.updated_at
      RETURNING opening_id`;
    if (written.length !== chunkIds.length) {
      const found = new Set(written.map((r) => r.opening_id));
      const index = ids.findIndex((id, i) => i >= start && !found.has(id));
      throw new VectorInputError(`rows[${index}].openingId`, ids[index], 'no opening with this id; nothing was stored');
    }
  }
}
