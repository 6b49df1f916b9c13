import { insertNotifications, type NotificationInput, type Prisma } from '@moim/db';

type Tx = Prisma.TransactionClient;

/**
 * Outbox rows for the team loop, written in the caller's transaction (the change and its notifications commit
 * together). Payload fields per kind are the contract's (NotificationKind in team-loop.graphql).
 */
interface OpeningRef {
  id: string;
  title: string;
  leadId: string | null;
}

export interface TeamMember {
  id: string;
  displayName: string;
  discordId: string | null;
}

/** The lead (first) and the members holding a seat, in the order they took it; read under the opening's lock. */
export async function teamOf(tx: Pick<Tx, '$queryRaw'>, openingId: string): Promise<TeamMember[]> {
  return tx.$queryRaw<TeamMember[]>`
    SELECT m.id, m.display_name AS "displayName", m.discord_id AS "discordId" FROM (
      SELECT o.lead_id AS member_id, 0 AS rank, NULL::timestamp AS at FROM openings o WHERE o.id = ${openingId} AND o.lead_id IS NOT NULL
      UNION ALL
      SELECT a.member_id, 1, a.decided_at FROM applications a WHERE a.opening_id = ${openingId} AND a.status = 'ACCEPTED'
      UNION ALL
      SELECT i.member_id, 1, i.responded_at FROM invitations i WHERE i.opening_id = ${openingId} AND i.status = 'ACCEPTED'
    ) t JOIN members m ON m.id = t.member_id
    ORDER BY t.rank, t.at, m.id`;
}

async function displayName(tx: Tx, memberId: string | null): Promise<string | null> {
  if (memberId === null) return null;
  return (await tx.member.findUnique({ where: { id: memberId }, select: { displayName: true } }))?.displayName ?? null;
}

export async function applicationReceived(tx: Tx, opening: OpeningRef, application: { id: string; memberId: string }): Promise<void> {
  if (opening.leadId === null || opening.leadId === application.memberId) return;
  await insertNotifications(tx, [{
    kind: 'APPLICATION_RECEIVED',
    recipientId: opening.leadId,
    openingId: opening.id,
    payload: {
      applicationId: application.id,
      openingId: opening.id,
      openingTitle: opening.title,
      applicantId: application.memberId,
      applicantName: await displayName(tx, application.memberId),
    },
  }]);
}

export async function applicationDecided(tx: Tx, opening: OpeningRef, application: { id: string; memberId: string }, accepted: boolean): Promise<void> {
  await insertNotifications(tx, [{
    kind: 'APPLICATION_DECIDED',
    recipientId: application.memberId,
    openingId: opening.id,
    payload: { applicationId: application.id, openingId: opening.id, openingTitle: opening.title, accepted },
  }]);
}

export async function invitationReceived(tx: Tx, opening: OpeningRef, invitation: { id: string; memberId: string }): Promise<void> {
  await insertNotifications(tx, [{
    kind: 'INVITATION_RECEIVED',
    recipientId: invitation.memberId,
    openingId: opening.id,
    payload: { invitationId: invitation.id, openingId: opening.id, openingTitle: opening.title, leadName: await displayName(tx, opening.leadId) },
  }]);
}

export async function invitationAnswered(tx: Tx, opening: OpeningRef, invitation: { id: string; memberId: string }, accepted: boolean): Promise<void> {
  if (opening.leadId === null) return;
  await insertNotifications(tx, [{
    kind: 'INVITATION_ANSWERED',
    recipientId: opening.leadId,
    openingId: opening.id,
    payload: {
      invitationId: invitation.id,
      openingId: opening.id,
      openingTitle: opening.title,
      memberName: await displayName(tx, invitation.memberId),
      accepted,
    },
  }]);
}

export async function seatFreed(tx: Tx, opening: OpeningRef, memberId: string, freeSeats: number): Promise<void> {
  if (opening.leadId === null || opening.leadId === memberId) return;
  await insertNotifications(tx, [{
    kind: 'SEAT_FREED',
    recipientId: opening.leadId,
    openingId: opening.id,
    payload: { openingId: opening.id, openingTitle: opening.title, memberName: await displayName(tx, memberId), freeSeats },
  }]);
}

/** TEAM_FORMED to the lead and every seated member; how many were written. */
export async function teamFormed(tx: Tx, opening: OpeningRef): Promise<number> {
  const team = await teamOf(tx, opening.id);
  const rows: NotificationInput[] = team.map((m) => ({
    kind: 'TEAM_FORMED',
    recipientId: m.id,
    openingId: opening.id,
    payload: { openingId: opening.id, openingTitle: opening.title, role: m.id === opening.leadId ? 'LEAD' : 'MEMBER', members: team },
  }));
  await insertNotifications(tx, rows);
  return rows.length;
}

/** Why pending seat requests were withdrawn without anyone deciding them. */
export type SeatRequestClosedReason = 'FULL' | 'CLOSED';

/** SEAT_REQUEST_CLOSED to each member whose pending application or invitation the opening's filling or closing withdrew. */
export async function seatRequestsClosed(
  tx: Tx,
  opening: OpeningRef,
  withdrawn: { applications: { id: string; memberId: string }[]; invitations: { id: string; memberId: string }[] },
  reason: SeatRequestClosedReason,
): Promise<void> {
  const about = { openingId: opening.id, openingTitle: opening.title, reason };
  const row = (memberId: string, payload: Record<string, unknown>): NotificationInput => ({
    kind: 'SEAT_REQUEST_CLOSED',
    recipientId: memberId,
    openingId: opening.id,
    payload: { ...about, ...payload },
  });
  await insertNotifications(tx, [
    ...withdrawn.applications.map((a) => row(a.memberId, { request: 'APPLICATION', applicationId: a.id })),
    ...withdrawn.invitations.map((i) => row(i.memberId, { request: 'INVITATION', invitationId: i.id })),
  ]);
}
