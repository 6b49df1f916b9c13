// What a (re-)embedding still has to do for a model: owners with no vector for it, or a stale one.
import { Prisma } from './generated/prisma/client';
import type { Queryable } from './embedding-models';
import { MAX_MODEL_KEY, requireInt, requireNonEmptyString, VectorInputError } from './vector-input';

/** Owners with no vector for the model, or whose vector embeds a different sentence than the current one. */
export async function countMissingEmbeddings(db: Queryable, modelKey: number): Promise<{ members: number; openings: number }> {
  const key = requireInt('modelKey', modelKey, 1, MAX_MODEL_KEY);
  const rows = await db.prisma.$queryRaw<{ members: number; openings: number }[]>`
    SELECT
      (SELECT count(*)::int FROM members m LEFT JOIN member_embeddings e ON e.member_id = m.id AND e.model_key = ${key}::int
        WHERE e.member_id IS NULL OR e.sentence_sha256 <> encode(sha256(convert_to(m.sentence, 'UTF8')), 'hex')) AS members,
      (SELECT count(*)::int FROM openings o LEFT JOIN opening_embeddings e ON e.opening_id = o.id AND e.model_key = ${key}::int
        WHERE e.opening_id IS NULL OR e.sentence_sha256 <> encode(sha256(convert_to(o.sentence, 'UTF8')), 'hex')) AS openings`;
  const row = rows[0];
  return { members: row?.members ?? 0, openings: row?.openings ?? 0 };
}

/** Keyset-paginated list (by id) of owners needing a (re-)embedding for the model, with the sentence to embed. */
export async function listOwnersMissingEmbeddings(
  db: Queryable,
  options: { modelKey: number; owner: 'member' | 'opening'; first?: number; after?: string },
): Promise<{ id: string; sentence: string }[]> {
  const key = requireInt('modelKey', options.modelKey, 1, MAX_MODEL_KEY);
  const first = requireInt('first', options.first ?? 100, 1, 10_000);
  const after = options.after === undefined ? '' : requireNonEmptyString('after', options.after);
  if (options.owner !== 'member' && options.owner !== 'opening') {
    throw new VectorInputError('owner', options.owner, "must be 'member' or 'opening'");
  }
  const owners = Prisma.raw(options.owner === 'member' ? 'members' : 'openings');
  const embeddings = Prisma.raw(options.owner === 'member' ? 'member_embeddings' : 'opening_embeddings');
  const ownerId = Prisma.raw(options.owner === 'member' ? 'member_id' : 'opening_id');
  return db.prisma.$queryRaw<{ id: string; sentence: string }[]>`
    SELECT o.id, o.sentence FROM ${owners} o
    LEFT JOIN ${embeddings} e ON e.${ownerId} = o.id AND e.model_key = ${key}::int
    WHERE (e.${ownerId} IS NULL OR e.sentence_sha256 <> encode(sha256(convert_to(o.sentence, 'UTF8')), 'hex'))
      AND o.id > ${after}
    ORDER BY o.id
    LIMIT ${first}::int`;
}
