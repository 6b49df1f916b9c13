import type { Prisma } from './generated/prisma/client';
import { sentenceSha256 } from './embedding-writes';

type Queryable = Pick<Prisma.TransactionClient, '$queryRaw'>;

/**
 * Which rows need no new vector: the opening with their externalId already has a vector of `modelKey` computed
 * from the same sentence (opening_embeddings.sentence_sha256, as writeOpeningEmbeddings stores it). Returns the
 * indexes of those rows. Read before the chunk's transaction, so stillUnchanged checks it again inside it.
 */
export async function unchangedVectors(db: Queryable, rows: readonly { externalId: string | null; sentence: string }[], modelKey: number): Promise<Set<number>> {
  const keyed = rows.flatMap((r, n) => (r.externalId === null ? [] : [{ n, externalId: r.externalId, sha: sentenceSha256(r.sentence) }]));
  if (keyed.length === 0) return new Set();
  const found = await db.$queryRaw<{ n: number }[]>`
    SELECT v.n FROM unnest(${keyed.map((k) => k.externalId)}::text[], ${keyed.map((k) => k.sha)}::text[], ${keyed.map((k) => k.n)}::int[])
      AS v(external_id, sha, n)
    JOIN openings o ON o.external_id = v.external_id
    JOIN opening_embeddings e ON e.opening_id = o.id AND e.model_key = ${modelKey}::int AND e.sentence_sha256 = v.sha`;
  return new Set(found.map((f) => f.n));
}

/**
 * Inside the chunk's transaction, after its rows were written (and locked): whether every opening whose vector
 * is reused still has a vector of `modelKey` for that sentence. False when another writer (or the chunk before, for
 * an externalId that appears twice in a file) changed it since unchangedVectors read it.
 */
export async function stillUnchanged(tx: Queryable, reused: readonly { openingId: string; sentence: string }[], modelKey: number): Promise<boolean> {
  if (reused.length === 0) return true;
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM unnest(${reused.map((r) => r.openingId)}::text[], ${reused.map((r) => sentenceSha256(r.sentence))}::text[])
      AS v(opening_id, sha)
    JOIN opening_embeddings e ON e.opening_id = v.opening_id AND e.model_key = ${modelKey}::int AND e.sentence_sha256 = v.sha`;
  return row!.n === reused.length;
}
