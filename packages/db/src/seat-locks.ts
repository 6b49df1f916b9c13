import { Prisma } from './generated/prisma/client';

type Tx = Prisma.TransactionClient;

/** Seats taken of the opening aliased `o`, as an SQL expression (int). */
export const SEATS_TAKEN = Prisma.sql`(
  (SELECT count(*) FROM applications a WHERE a.opening_id = o.id AND a.status = 'ACCEPTED') +
  (SELECT count(*) FROM invitations i WHERE i.opening_id = o.id AND i.status = 'ACCEPTED'))::int`;

/*
 * Every path that changes seats takes its row locks in one order, inside its one transaction: opening rows first
 * (several in id order), then the member, then the application or invitation. A seat is an ACCEPTED application
 * or an ACCEPTED invitation; every count of seats goes through SEATS_TAKEN below. Two such paths then wait for each other instead
 * of deadlocking or acting on rows the other has just changed (PGlite runs one statement at a time and hides
 * these races; PostgreSQL shows them).
 */

/** Locks the opening (FOR UPDATE to change its seats or status, FOR SHARE to add an application); its status. */
export async function lockOpening(tx: Tx, openingId: string, mode: 'UPDATE' | 'SHARE'): Promise<{ status: string } | null> {
  const rows =
    mode === 'UPDATE'
      ? await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM openings WHERE id = ${openingId} FOR UPDATE`
      : await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM openings WHERE id = ${openingId} FOR SHARE`;
  return rows[0] ?? null;
}

/** Locks several openings FOR UPDATE, in id order. */
export async function lockOpenings(tx: Tx, openingIds: readonly string[]): Promise<void> {
  if (openingIds.length === 0) return;
  await tx.$queryRaw`SELECT id FROM openings WHERE id = ANY(${[...openingIds]}::text[]) ORDER BY id FOR UPDATE`;
}

/**
 * Locks the member: FOR UPDATE to delete it, FOR NO KEY UPDATE to change its fields (applications may still be
 * added), FOR KEY SHARE so it cannot be deleted meanwhile. False when it is gone.
 */
export async function lockMember(tx: Tx, memberId: string, mode: 'UPDATE' | 'NO KEY UPDATE' | 'KEY SHARE'): Promise<boolean> {
  const rows =
    mode === 'UPDATE'
      ? await tx.$queryRaw<unknown[]>`SELECT id FROM members WHERE id = ${memberId} FOR UPDATE`
      : mode === 'NO KEY UPDATE'
        ? await tx.$queryRaw<unknown[]>`SELECT id FROM members WHERE id = ${memberId} FOR NO KEY UPDATE`
        : await tx.$queryRaw<unknown[]>`SELECT id FROM members WHERE id = ${memberId} FOR KEY SHARE`;
  return rows.length > 0;
}

/** Locks the application FOR UPDATE; false when it is gone (e.g. its member was deleted meanwhile). */
export async function lockApplication(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT id FROM applications WHERE id = ${id} FOR UPDATE`;
  return rows.length > 0;
}

/** Locks the invitation FOR UPDATE; false when it is gone (e.g. its member was deleted meanwhile). */
export async function lockInvitation(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT id FROM invitations WHERE id = ${id} FOR UPDATE`;
  return rows.length > 0;
}

/** Seats taken (accepted applications + accepted invitations) per opening; call under the opening's row lock. */
export async function seatsTaken(tx: Tx, openingIds: readonly string[]): Promise<Map<string, number>> {
  if (openingIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ id: string; taken: number }[]>`
    SELECT o.id, ${SEATS_TAKEN} AS taken FROM openings o WHERE o.id = ANY(${[...openingIds]}::text[])`;
  return new Map(rows.map((r) => [r.id, r.taken]));
}

/**
 * After the last seat was taken: withdraws the opening's APPLIED applications and PENDING invitations (call under
 * the opening's row lock). Returns who was withdrawn, so they can be told.
 */
export async function withdrawPendingSeatRequests(
  tx: Tx,
  openingId: string,
): Promise<{ applications: { id: string; memberId: string }[]; invitations: { id: string; memberId: string }[] }> {
  const applications = await tx.$queryRaw<{ id: string; memberId: string }[]>`
    UPDATE applications SET status = 'WITHDRAWN', decided_at = now() AT TIME ZONE 'UTC', updated_at = now() AT TIME ZONE 'UTC'
    WHERE opening_id = ${openingId} AND status = 'APPLIED' RETURNING id, member_id AS "memberId"`;
  const invitations = await tx.$queryRaw<{ id: string; memberId: string }[]>`
    UPDATE invitations SET status = 'WITHDRAWN', responded_at = now() AT TIME ZONE 'UTC', updated_at = now() AT TIME ZONE 'UTC'
    WHERE opening_id = ${openingId} AND status = 'PENDING' RETURNING id, member_id AS "memberId"`;
  return { applications, invitations };
}

/** Sets OPEN/FULL from the seats taken for openings that are not CLOSED (after seats were freed or taken). */
export async function refreshSeatStatus(tx: Tx, openingIds: readonly string[]): Promise<void> {
  if (openingIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE openings o SET status = CASE
        WHEN ${SEATS_TAKEN} >= o.capacity
        THEN 'FULL'::"OpeningStatus" ELSE 'OPEN'::"OpeningStatus" END,
      updated_at = now() AT TIME ZONE 'UTC'
    WHERE o.id = ANY(${[...openingIds]}::text[]) AND o.status <> 'CLOSED'`;
}

/** Locks the openings with these externalIds FOR UPDATE, in id order; their ids. */
export async function lockOpeningsByExternalId(tx: Tx, externalIds: readonly string[]): Promise<string[]> {
  if (externalIds.length === 0) return [];
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM openings WHERE external_id = ANY(${[...externalIds]}::text[]) ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

/** Seats taken per externalId of these openings (call under their row locks to act on the count). */
export async function acceptedCountsByExternalId(tx: Tx, openingIds: readonly string[]): Promise<Map<string, number>> {
  if (openingIds.length === 0) return new Map();
  // A statement after the lock sees every accept committed before it (READ COMMITTED takes a new snapshot).
  const counts = await tx.$queryRaw<{ externalId: string; accepted: number }[]>`
    SELECT o.external_id AS "externalId", ${SEATS_TAKEN} AS accepted
    FROM openings o WHERE o.id = ANY(${[...openingIds]}::text[])`;
  return new Map(counts.map((c) => [c.externalId, c.accepted]));
}
