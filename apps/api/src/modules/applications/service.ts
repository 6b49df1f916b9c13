import { lockApplication, lockMember, lockOpening, seatsTaken, type ApplicationModel } from '@moim/db';
import { isUniqueViolation } from '../../errors/database-errors';
import { BadInputError, NotFoundError, OpeningUnavailableError } from '../../errors/domain-errors';
import type { ServiceDeps } from '../service-deps';
import type { Actor } from '../team-loop/acting-member';
import { badRequest } from '../team-loop/errors';
import { applicationDecided, applicationReceived, seatFreed } from '../team-loop/outbox';
import { requireApplicant, requireLead } from '../team-loop/policy';
import type { TeamLoopService } from '../team-loop/service';

export class ApplicationsService {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'db'>,
    private readonly teamLoop: TeamLoopService,
  ) {}

  byId(id: string): Promise<ApplicationModel | null> {
    return this.deps.db.prisma.application.findUnique({ where: { id } });
  }

  /**
   * Idempotent: an existing APPLIED/ACCEPTED/DECLINED application is returned unchanged; a WITHDRAWN one is
   * re-opened when the opening is still OPEN. Only OPEN openings take new applications; a member invited to the
   * opening answers the invitation instead. A new application tells the lead (APPLICATION_RECEIVED).
   */
  async apply(actor: Actor, memberId: string, openingId: string): Promise<ApplicationModel> {
    requireApplicant(actor, { memberId }, 'Mutation.apply');
    const { prisma } = this.deps.db;
    const member = await prisma.member.findUnique({ where: { id: memberId }, select: { id: true } });
    if (!member) throw new NotFoundError('memberId', memberId, 'member');
    const run = () =>
      prisma.$transaction(async (tx) => {
        // The opening's status cannot change and the member cannot be deleted until this application is written.
        const opening = await lockOpening(tx, openingId, 'SHARE');
        if (!opening) throw new NotFoundError('openingId', openingId, 'opening');
        if (!(await lockMember(tx, memberId, 'KEY SHARE'))) throw new NotFoundError('memberId', memberId, 'member');
        const existing = await tx.application.findUnique({ where: { memberId_openingId: { memberId, openingId } } });
        if (existing && existing.status !== 'WITHDRAWN') return existing;
        const invitation = await tx.invitation.findUnique({ where: { memberId_openingId: { memberId, openingId } }, select: { status: true } });
        if (invitation?.status === 'ACCEPTED') throw badRequest('openingId', openingId, 'ALREADY_SEATED', 'openingId: the member already holds a seat');
        if (invitation?.status === 'PENDING') {
          throw badRequest('openingId', openingId, 'ALREADY_INVITED', 'openingId: the member is invited to this opening; answer the invitation instead');
        }
        if (opening.status !== 'OPEN') {
          throw new OpeningUnavailableError('openingId', openingId, opening.status as 'FULL' | 'CLOSED', `openingId: the opening is ${opening.status} and takes no applications`);
        }
        const application = existing
          ? await tx.application.update({ where: { id: existing.id }, data: { status: 'APPLIED', decidedAt: null } })
          : await tx.application.create({ data: { memberId, openingId } });
        await applicationReceived(tx, await tx.opening.findUniqueOrThrow({ where: { id: openingId } }), application);
        return application;
      });
    try {
      return await run();
    } catch (error) {
      // Two concurrent first applications: the loser reads the winner's row.
      if (isUniqueViolation(error)) return run();
      throw error;
    }
  }

  /**
   * Accepts or declines an APPLIED application (ADMIN, or the acting lead). Accepting the last free seat marks the
   * opening FULL and withdraws its other APPLIED applications and PENDING invitations — all under a row lock on
   * the opening, in one transaction, with the notifications (APPLICATION_DECIDED; TEAM_FORMED when full).
   */
  async decide(actor: Actor, id: string, accept: boolean): Promise<ApplicationModel> {
    const { prisma } = this.deps.db;
    const app = await prisma.application.findUnique({ where: { id } });
    if (!app) throw new NotFoundError('id', id, 'application');
    const lead = await prisma.opening.findUnique({ where: { id: app.openingId }, select: { leadId: true } });
    requireLead(actor, { leadId: lead?.leadId ?? null }, 'Mutation.decideApplication');
    return prisma.$transaction(async (tx) => {
      await lockOpening(tx, app.openingId, 'UPDATE');
      if (!(await lockApplication(tx, id))) throw new NotFoundError('id', id, 'application');
      const current = await tx.application.findUniqueOrThrow({ where: { id } });
      if (current.status !== 'APPLIED') {
        throw new BadInputError('id', id, `id: the application is ${current.status}; only APPLIED applications can be decided`);
      }
      const now = new Date();
      const opening = await tx.opening.findUniqueOrThrow({ where: { id: current.openingId } });
      if (!accept) {
        const declined = await tx.application.update({ where: { id }, data: { status: 'DECLINED', decidedAt: now } });
        await applicationDecided(tx, opening, declined, false);
        return declined;
      }
      if (opening.status !== 'OPEN') {
        throw new OpeningUnavailableError('id', id, opening.status, `id: the opening is ${opening.status}; no seat can be given`);
      }
      const accepted = (await seatsTaken(tx, [opening.id])).get(opening.id) ?? 0;
      if (accepted >= opening.capacity) throw new OpeningUnavailableError('id', id, 'FULL', 'id: the opening has no free seat');
      const updated = await tx.application.update({ where: { id }, data: { status: 'ACCEPTED', decidedAt: now } });
      await applicationDecided(tx, opening, updated, true);
      if (accepted + 1 >= opening.capacity) await this.teamLoop.fill(tx, opening);
      return updated;
    });
  }

  /** Withdraws an APPLIED or ACCEPTED application (ADMIN, or the acting applicant); a freed seat reopens a FULL opening and tells the lead. */
  async withdraw(actor: Actor, id: string): Promise<ApplicationModel> {
    const { prisma } = this.deps.db;
    const app = await prisma.application.findUnique({ where: { id } });
    if (!app) throw new NotFoundError('id', id, 'application');
    requireApplicant(actor, app, 'Mutation.withdrawApplication');
    return prisma.$transaction(async (tx) => {
      await lockOpening(tx, app.openingId, 'UPDATE');
      if (!(await lockApplication(tx, id))) throw new NotFoundError('id', id, 'application');
      const current = await tx.application.findUniqueOrThrow({ where: { id } });
      if (current.status === 'WITHDRAWN' || current.status === 'DECLINED') return current;
      const updated = await tx.application.update({ where: { id }, data: { status: 'WITHDRAWN', decidedAt: new Date() } });
      if (current.status === 'ACCEPTED') {
        const opening = await tx.opening.findUniqueOrThrow({ where: { id: current.openingId } });
        if (opening.status === 'FULL') await tx.opening.update({ where: { id: opening.id }, data: { status: 'OPEN' } });
        const taken = (await seatsTaken(tx, [opening.id])).get(opening.id) ?? 0;
        await seatFreed(tx, opening, current.memberId, Math.max(0, opening.capacity - taken));
      }
      return updated;
    });
  }
}
