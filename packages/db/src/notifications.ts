/**
 * The notifications outbox. Rows are written in the transaction of the change they announce; bots drain them with
 * claim (a lease) and ack (delivered). A claim takes rows with `FOR UPDATE SKIP LOCKED`, so concurrent claimers
 * never wait for each other and never take the same row; the lease keeps a claimed row away from other claims
 * until it ends, and an unacknowledged row is claimed again after it (at-least-once delivery).
 */
import type { NotificationKind, Prisma } from './generated/prisma/client';
import { requireInt, VectorInputError } from './vector-input';

type Queryable = Pick<Prisma.TransactionClient, '$queryRaw' | '$executeRaw'>;

export interface NotificationInput {
  kind: NotificationKind;
  recipientId: string;
  openingId?: string | null;
  /** A JSON object; its fields per kind are documented on NotificationKind in the GraphQL schema. */
  payload: Record<string, unknown>;
}

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  recipientId: string;
  openingId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
  deliveredAt: Date | null;
  leaseUntil: Date | null;
  claimCount: number;
}

export interface ClaimedNotification extends NotificationRow {
  leaseUntil: Date;
  /** The database's clock when the claim leased the row. */
  claimedAt: Date;
}

const MAX_BATCH = 10_000;
const MAX_LEASE_SECONDS = 3600;

/**
 * Writes outbox rows; pass the caller's interactive transaction so they commit (or roll back) with the change.
 * A NEW_MATCH row for an (opening, member) already told is skipped (unique index notifications_new_match_once), so
 * two fan-outs of one opening never tell a member twice. Returns the ids of the rows written.
 */
export async function insertNotifications(tx: Queryable, rows: readonly NotificationInput[]): Promise<string[]> {
  if (rows.length === 0) return [];
  if (rows.length > MAX_BATCH) throw new VectorInputError('rows', `length ${rows.length}`, `at most ${MAX_BATCH} per call`);
  const values = rows.map((r, i) => {
    if (typeof r.recipientId !== 'string' || r.recipientId === '') {
      throw new VectorInputError(`rows[${i}].recipientId`, r.recipientId, 'must be a member id');
    }
    if (r.payload === null || typeof r.payload !== 'object' || Array.isArray(r.payload)) {
      throw new VectorInputError(`rows[${i}].payload`, r.payload, 'must be a JSON object');
    }
    return { kind: r.kind, recipient_id: r.recipientId, opening_id: r.openingId ?? null, payload: r.payload };
  });
  newMatchesInKeyOrder(values);
  // gen_random_uuid() ids: the rows are ordered by created_at, id, and the id only breaks ties.
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO notifications (id, kind, recipient_id, opening_id, payload, created_at)
    SELECT gen_random_uuid()::text, (e.v->>'kind')::"NotificationKind", e.v->>'recipient_id', e.v->>'opening_id',
           e.v->'payload', clock_timestamp() AT TIME ZONE 'UTC'
    FROM jsonb_array_elements(${JSON.stringify(values)}::jsonb) WITH ORDINALITY AS e(v, n)
    ORDER BY e.n
    ON CONFLICT (opening_id, recipient_id) WHERE kind = 'NEW_MATCH' DO NOTHING
    RETURNING id`;
  return inserted.map((r) => r.id);
}

/**
 * Two fan-outs inserting the same NEW_MATCH pairs in different orders would each wait for the other's row (a
 * deadlock); in one order they wait for each other in turn. Only the NEW_MATCH rows move, among their own slots.
 */
function newMatchesInKeyOrder<T extends { kind: NotificationKind; recipient_id: string; opening_id: string | null }>(values: T[]): void {
  const slots = values.flatMap((v, i) => (v.kind === 'NEW_MATCH' ? [i] : []));
  const key = (v: T) => `${v.opening_id ?? ''}\u0000${v.recipient_id}`;
  const sorted = slots.map((i) => values[i]!).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  slots.forEach((slot, j) => (values[slot] = sorted[j]!));
}

/**
 * Leases up to `limit` undelivered rows whose lease is unset or over, oldest first, for `leaseSeconds` (fractions
 * allowed; the API admits 5..600). Returns them oldest first. Run it outside any transaction: the lease must
 * commit before the rows are handed out.
 */
export async function claimNotifications(
  db: { prisma: Queryable },
  options: { limit: number; leaseSeconds: number },
): Promise<ClaimedNotification[]> {
  const limit = requireInt('limit', options.limit, 1, MAX_BATCH);
  const lease = options.leaseSeconds;
  if (typeof lease !== 'number' || !Number.isFinite(lease) || lease <= 0 || lease > MAX_LEASE_SECONDS) {
    throw new VectorInputError('leaseSeconds', lease, `must be a number of seconds above 0 and at most ${MAX_LEASE_SECONDS}`);
  }
  // A row another claim has locked is skipped; a row it leased and committed meanwhile is re-checked against the
  // lease condition on its new version (READ COMMITTED re-evaluation), so it is skipped too.
  const rows = await db.prisma.$queryRaw<ClaimedNotification[]>`
    WITH due AS (
      SELECT id FROM notifications
      WHERE delivered_at IS NULL AND (lease_until IS NULL OR lease_until <= clock_timestamp() AT TIME ZONE 'UTC')
      ORDER BY created_at, id
      LIMIT ${limit}::int
      FOR UPDATE SKIP LOCKED
    )
    UPDATE notifications n
    SET lease_until = (clock_timestamp() AT TIME ZONE 'UTC') + make_interval(secs => ${lease}::float8),
        claim_count = n.claim_count + 1
    FROM due WHERE n.id = due.id
    RETURNING n.id, n.kind::text AS kind, n.recipient_id AS "recipientId", n.opening_id AS "openingId", n.payload,
              n.created_at AS "createdAt", n.delivered_at AS "deliveredAt", n.lease_until AS "leaseUntil",
              n.claim_count AS "claimCount", clock_timestamp() AT TIME ZONE 'UTC' AS "claimedAt"`;
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Marks rows delivered; returns the ids newly marked (already delivered or unknown ids are left out). */
export async function ackNotifications(db: { prisma: Queryable }, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  if (ids.length > MAX_BATCH) throw new VectorInputError('ids', `length ${ids.length}`, `at most ${MAX_BATCH} per call`);
  const rows = await db.prisma.$queryRaw<{ id: string }[]>`
    UPDATE notifications SET delivered_at = clock_timestamp() AT TIME ZONE 'UTC', lease_until = NULL
    WHERE id = ANY(${[...ids]}::text[]) AND delivered_at IS NULL
    RETURNING id`;
  return rows.map((r) => r.id);
}

/** A member's newest notifications first (delivered or not). */
export async function recentNotifications(
  db: { prisma: Queryable },
  recipientId: string,
  first: number,
): Promise<NotificationRow[]> {
  const limit = requireInt('first', first, 1, 1000);
  return db.prisma.$queryRaw<NotificationRow[]>`
    SELECT id, kind::text AS kind, recipient_id AS "recipientId", opening_id AS "openingId", payload,
           created_at AS "createdAt", delivered_at AS "deliveredAt", lease_until AS "leaseUntil", claim_count AS "claimCount"
    FROM notifications WHERE recipient_id = ${recipientId}
    ORDER BY created_at DESC, id DESC LIMIT ${limit}::int`;
}
