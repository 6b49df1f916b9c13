import {
  ackNotifications,
  claimNotifications,
  lockInvitation,
  lockMember,
  lockOpening,
  recentNotifications,
  seatsTaken,
  withdrawPendingSeatRequests,
  type NotificationRow,
  type Prisma,
} from '@moim/db';
import { DISCORD_ID_PATTERN } from '@moim/matching';
import type { OpeningModel } from '@moim/db';
import { BadInputError, NotFoundError } from '../../errors/domain-errors';
import { isUniqueViolation } from '../../errors/database-errors';
import type { ServiceDeps } from '../service-deps';
import type { Actor } from './acting-member';
import { badRequest } from './errors';
import { notifyNewMatches } from './new-matches';
import { invitationAnswered, invitationReceived, seatRequestsClosed, teamFormed, teamOf, type SeatRequestClosedReason, type TeamMember } from './outbox';
import { requireInvitee, requireLead, requireSelf } from './policy';

type Tx = Prisma.TransactionClient;

export type InvitationStatusValue = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN';

export interface InvitationRow {
  id: string;
  memberId: string;
  openingId: string;
  status: InvitationStatusValue;
  createdAt: Date;
  updatedAt: Date;
  respondedAt: Date | null;
}

export const CLAIM_LIMIT = { min: 1, max: 100 };
export const LEASE_SECONDS = { min: 5, max: 600 };
export const ACK_IDS = { min: 1, max: 100 };

type OpeningParent = OpeningModel;
const invitationNotFound = (field: string, id: string) => new NotFoundError(field, id, 'invitation');
const notFound = (field: string, id: string, what: 'member' | 'opening') => new NotFoundError(field, id, what);
const badInput = (field: string, value: unknown, message: string) => new BadInputError(field, value, message);

/**
 * Under the opening's lock, once it became FULL or CLOSED: its APPLIED applications and PENDING invitations are
 * withdrawn, and each of their members is told why (SEAT_REQUEST_CLOSED), in the caller's transaction.
 */
export async function withdrawPendingRequests(tx: Tx, opening: OpeningParent, reason: SeatRequestClosedReason): Promise<void> {
  await seatRequestsClosed(tx, opening, await withdrawPendingSeatRequests(tx, opening.id), reason);
}

/**
 * The team loop beyond applications: invitations (제안) with the seat rules of applications, starting a team, the
 * team's Discord thread, the notifications outbox, and the NEW_MATCH fan-out.
 */
export class TeamLoopService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly scoreWeight: number,
  ) {}

  /** ADMIN, or the acting lead of the opening; the opening (BAD_USER_INPUT NOT_FOUND when there is none). */
  async requireLeadOf(actor: Actor, openingId: string, coordinate: string, field = 'openingId'): Promise<OpeningParent> {
    const opening = await this.deps.db.prisma.opening.findUnique({ where: { id: openingId } });
    if (!opening) throw notFound(field, openingId, 'opening');
    requireLead(actor, opening, coordinate);
    return opening;
  }

  invitation(id: string): Promise<InvitationRow | null> {
    return this.deps.db.prisma.invitation.findUnique({ where: { id } });
  }

  async invite(actor: Actor, openingId: string, memberId: string): Promise<InvitationRow> {
    const opening = await this.requireLeadOf(actor, openingId, 'Mutation.inviteMember');
    const { prisma } = this.deps.db;
    if (!(await prisma.member.findUnique({ where: { id: memberId }, select: { id: true } }))) throw notFound('memberId', memberId, 'member');
    if (opening.leadId === memberId) throw badRequest('memberId', memberId, 'SELF_INVITE', 'memberId: the lead cannot invite themself');
    const run = () =>
      prisma.$transaction(async (tx) => {
        // FOR UPDATE (not SHARE like apply): an apply and an invite of the same member wait for each other, so the
        // second one sees the first and is refused.
        const locked = await lockOpening(tx, openingId, 'UPDATE');
        if (!locked) throw notFound('openingId', openingId, 'opening');
        if (!(await lockMember(tx, memberId, 'KEY SHARE'))) throw notFound('memberId', memberId, 'member');
        if (locked.status !== 'OPEN') {
          throw badRequest('openingId', openingId, 'OPENING_NOT_OPEN', `openingId: the opening is ${locked.status} and takes no invitations`);
        }
        await this.refuseIfInvolved(tx, openingId, memberId);
        const existing = await tx.invitation.findUnique({ where: { memberId_openingId: { memberId, openingId } } });
        const invitation = existing
          ? await tx.invitation.update({ where: { id: existing.id }, data: { status: 'PENDING', respondedAt: null } })
          : await tx.invitation.create({ data: { memberId, openingId } });
        await invitationReceived(tx, opening, invitation);
        return invitation;
      });
    try {
      return await run();
    } catch (error) {
      if (isUniqueViolation(error)) return run(); // a concurrent invite of the same member: now refused
      throw error;
    }
  }

  /** Applied, invited or seated already: the reasons of the contract. */
  private async refuseIfInvolved(tx: Tx, openingId: string, memberId: string): Promise<void> {
    const application = await tx.application.findUnique({ where: { memberId_openingId: { memberId, openingId } }, select: { status: true } });
    if (application?.status === 'ACCEPTED') throw badRequest('memberId', memberId, 'ALREADY_SEATED', 'memberId: the member already holds a seat');
    if (application?.status === 'APPLIED') {
      throw badRequest('memberId', memberId, 'ALREADY_APPLIED', 'memberId: the member already applied; decide the application instead');
    }
    const invitation = await tx.invitation.findUnique({ where: { memberId_openingId: { memberId, openingId } }, select: { status: true } });
    if (invitation?.status === 'ACCEPTED') throw badRequest('memberId', memberId, 'ALREADY_SEATED', 'memberId: the member already holds a seat');
    if (invitation?.status === 'PENDING') throw badRequest('memberId', memberId, 'ALREADY_INVITED', 'memberId: the member is already invited');
  }

  /**
   * Accepting takes a seat like an accepted application: the last seat makes the opening FULL and withdraws its
   * pending applications and invitations, under the opening's row lock, in one transaction.
   */
  async respond(actor: Actor, id: string, accept: boolean): Promise<InvitationRow> {
    const { prisma } = this.deps.db;
    const found = await this.invitation(id);
    if (!found) throw invitationNotFound('id', id);
    requireInvitee(actor, found, 'Mutation.respondToInvitation');
    return prisma.$transaction(async (tx) => {
      await lockOpening(tx, found.openingId, 'UPDATE');
      if (!(await lockInvitation(tx, id))) throw invitationNotFound('id', id);
      const current = await tx.invitation.findUniqueOrThrow({ where: { id } });
      if (current.status !== 'PENDING') {
        throw badRequest('id', id, 'INVITATION_NOT_PENDING', `id: the invitation is ${current.status}; only a PENDING invitation can be answered`);
      }
      const opening = await tx.opening.findUniqueOrThrow({ where: { id: current.openingId } });
      const now = new Date();
      if (!accept) {
        const declined = await tx.invitation.update({ where: { id }, data: { status: 'DECLINED', respondedAt: now } });
        await invitationAnswered(tx, opening, declined, false);
        return declined;
      }
      const taken = (await seatsTaken(tx, [opening.id])).get(opening.id) ?? 0;
      if (opening.status !== 'OPEN' || taken >= opening.capacity) {
        throw badRequest('id', id, 'OPENING_NOT_OPEN', `id: the opening is ${opening.status === 'OPEN' ? 'FULL' : opening.status}; no seat can be taken`);
      }
      const accepted = await tx.invitation.update({ where: { id }, data: { status: 'ACCEPTED', respondedAt: now } });
      await invitationAnswered(tx, opening, accepted, true);
      if (taken + 1 >= opening.capacity) await this.fill(tx, opening);
      return accepted;
    });
  }

  /**
   * The last seat was taken (under the opening's lock): FULL, pending requests withdrawn (their members told why),
   * TEAM_FORMED to everyone.
   */
  async fill(tx: Tx, opening: OpeningParent): Promise<void> {
    await tx.opening.update({ where: { id: opening.id }, data: { status: 'FULL' } });
    await withdrawPendingRequests(tx, opening, 'FULL');
    await teamFormed(tx, opening);
  }

  async withdrawInvitation(actor: Actor, id: string): Promise<InvitationRow> {
    const found = await this.invitation(id);
    if (!found) throw invitationNotFound('id', id);
    await this.requireLeadOf(actor, found.openingId, 'Mutation.withdrawInvitation');
    return this.deps.db.prisma.$transaction(async (tx) => {
      await lockOpening(tx, found.openingId, 'UPDATE');
      if (!(await lockInvitation(tx, id))) throw invitationNotFound('id', id);
      const current = await tx.invitation.findUniqueOrThrow({ where: { id } });
      if (current.status !== 'PENDING') {
        throw badRequest('id', id, 'INVITATION_NOT_PENDING', `id: the invitation is ${current.status}; only a PENDING invitation can be withdrawn`);
      }
      return tx.invitation.update({ where: { id }, data: { status: 'WITHDRAWN', respondedAt: new Date() } });
    });
  }

  /** The lead starts the team with the seats taken so far: TEAM_FORMED to the lead and every seated member. */
  async startTeam(actor: Actor, openingId: string): Promise<OpeningParent> {
    await this.requireLeadOf(actor, openingId, 'Mutation.startTeam');
    return this.deps.db.prisma.$transaction(async (tx) => {
      await lockOpening(tx, openingId, 'UPDATE');
      const opening = await tx.opening.findUniqueOrThrow({ where: { id: openingId } });
      await teamFormed(tx, opening);
      return opening;
    });
  }

  /** Records the team's thread once: the same id again is a no-op, a different one is refused. */
  async recordTeamThread(openingId: string, threadId: string): Promise<OpeningParent> {
    if (!DISCORD_ID_PATTERN.test(threadId)) throw badInput('threadId', threadId, 'threadId: must be a Discord snowflake (17-20 digits)');
    const { prisma } = this.deps.db;
    const updated = await prisma.$executeRaw`
      UPDATE openings SET team_thread_id = ${threadId}, updated_at = now() AT TIME ZONE 'UTC'
      WHERE id = ${openingId} AND team_thread_id IS NULL`;
    const opening = await prisma.opening.findUnique({ where: { id: openingId } });
    if (!opening) throw notFound('openingId', openingId, 'opening');
    if (updated === 0 && opening.teamThreadId !== threadId) {
      throw badRequest('threadId', threadId, 'THREAD_ALREADY_RECORDED', `threadId: the opening's team thread is already ${opening.teamThreadId}`);
    }
    return opening;
  }

  team(openingId: string): Promise<TeamMember[]> {
    return teamOf(this.deps.db.prisma, openingId);
  }

  async openingInvitations(actor: Actor, opening: OpeningParent, status: InvitationStatusValue[] | null | undefined): Promise<InvitationRow[]> {
    requireLead(actor, opening, 'Opening.invitations');
    return this.deps.db.prisma.invitation.findMany({
      where: { openingId: opening.id, ...(status ? { status: { in: status } } : {}) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  async memberInvitations(actor: Actor, memberId: string, status: InvitationStatusValue[] | null | undefined): Promise<InvitationRow[]> {
    requireSelf(actor, memberId, 'Member.invitations');
    return this.deps.db.prisma.invitation.findMany({
      where: { memberId, ...(status ? { status: { in: status } } : {}) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  async memberNotifications(actor: Actor, memberId: string, first: number | null | undefined): Promise<NotificationRow[]> {
    requireSelf(actor, memberId, 'Member.notifications');
    const n = first ?? 20;
    if (!Number.isInteger(n) || n < 1 || n > 100) throw badInput('first', n, `first: must be an integer from 1 to 100, got ${String(n)}`);
    return recentNotifications(this.deps.db, memberId, n);
  }

  async claim(limit: number, leaseSeconds: number | null | undefined): Promise<NotificationRow[]> {
    if (!Number.isInteger(limit) || limit < CLAIM_LIMIT.min || limit > CLAIM_LIMIT.max) {
      throw badInput('limit', limit, `limit: must be an integer from ${CLAIM_LIMIT.min} to ${CLAIM_LIMIT.max}`);
    }
    const lease = leaseSeconds ?? 60;
    if (!Number.isInteger(lease) || lease < LEASE_SECONDS.min || lease > LEASE_SECONDS.max) {
      throw badInput('leaseSeconds', lease, `leaseSeconds: must be an integer from ${LEASE_SECONDS.min} to ${LEASE_SECONDS.max}`);
    }
    return claimNotifications(this.deps.db, { limit, leaseSeconds: lease });
  }

  async ack(ids: string[]): Promise<number> {
    if (ids.length < ACK_IDS.min || ids.length > ACK_IDS.max) {
      throw badInput('ids', ids, `ids: give ${ACK_IDS.min} to ${ACK_IDS.max} notification ids`);
    }
    return (await ackNotifications(this.deps.db, ids)).length;
  }

  /** NEW_MATCH fan-out for openings that committed; logs and swallows failures (the openings stay created). */
  async notifyNewMatches(openingIds: readonly string[]): Promise<number> {
    if (openingIds.length === 0) return 0;
    try {
      return await notifyNewMatches(this.deps, this.scoreWeight, openingIds);
    } catch (error) {
      this.deps.log.error({ err: error, openings: openingIds.length }, 'new-match fan-out failed');
      return 0;
    }
  }
}
