import { lockApplication, lockMember, lockOpening, type ApplicationModel } from '@moim/db';
import { isUniqueViolation } from '../../errors/database-errors';
import { BadInputError, NotFoundError, OpeningUnavailableError } from '../../errors/domain-errors';
import type { ServiceDeps } from '../service-deps';

export class ApplicationsService {
  constructor(private readonly deps: Pick<ServiceDeps, 'db'>) {}

  byId(id: string): Promise<ApplicationModel | null> {
    return this.deps.db.prisma.application.findUnique({ where: { id } });
  }

  /**
   * Idempotent: an existing APPLIED/ACCEPTED/DECLINED application is returned unchanged; a WITHDRAWN one is
   * re-opened when the opening is still OPEN. Only OPEN openings take new applications.
   */
  async apply(memberId: string, openingId: string): Promise<ApplicationModel> {
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
        if (opening.status !== 'OPEN') {
          throw new OpeningUnavailableError('openingId', openingId, opening.status as 'FULL' | 'CLOSED', `openingId: the opening is ${opening.status} and takes no applications`);
        }
        if (existing) {
          return tx.application.update({ where: { id: existing.id }, data: { status: 'APPLIED', decidedAt: null } });
        }
        return tx.application.create({ data: { memberId, openingId } });
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
   * Accepts or declines an APPLIED application. Accepting the last free seat marks the opening FULL and
   * withdraws its other APPLIED applications — all under a row lock on the opening, in one transaction.
   */
  async decide(id: string, accept: boolean): Promise<ApplicationModel> {
    const { prisma } = this.deps.db;
    const app = await prisma.application.findUnique({ where: { id } });
    if (!app) throw new NotFoundError('id', id, 'application');
    return prisma.$transaction(async (tx) => {
      await lockOpening(tx, app.openingId, 'UPDATE');
      if (!(await lockApplication(tx, id))) throw new NotFoundError('id', id, 'application');
      const current = await tx.application.findUniqueOrThrow({ where: { id } });
      if (current.status !== 'APPLIED') {
        throw new BadInputError('id', id, `id: the application is ${current.status}; only APPLIED applications can be decided`);
      }
      const now = new Date();
      if (!accept) return tx.application.update({ where: { id }, data: { status: 'DECLINED', decidedAt: now } });
      const opening = await tx.opening.findUniqueOrThrow({ where: { id: current.openingId } });
      if (opening.status !== 'OPEN') {
        throw new OpeningUnavailableError('id', id, opening.status, `id: the opening is ${opening.status}; no seat can be given`);
      }
      const accepted = await tx.application.count({ where: { openingId: opening.id, status: 'ACCEPTED' } });
      if (accepted >= opening.capacity) throw new OpeningUnavailableError('id', id, 'FULL', 'id: the opening has no free seat');
      const updated = await tx.application.update({ where: { id }, data: { status: 'ACCEPTED', decidedAt: now } });
      if (accepted + 1 >= opening.capacity) {
        await tx.opening.update({ where: { id: opening.id }, data: { status: 'FULL' } });
        await tx.application.updateMany({
          where: { openingId: opening.id, status: 'APPLIED' },
          data: { status: 'WITHDRAWN', decidedAt: now },
        });
      }
      return updated;
    });
  }

  /** Withdraws an APPLIED or ACCEPTED application; a freed seat turns a FULL opening OPEN again. */
  async withdraw(id: string): Promise<ApplicationModel> {
    const { prisma } = this.deps.db;
    const app = await prisma.application.findUnique({ where: { id } });
    if (!app) throw new NotFoundError('id', id, 'application');
    return prisma.$transaction(async (tx) => {
      await lockOpening(tx, app.openingId, 'UPDATE');
      if (!(await lockApplication(tx, id))) throw new NotFoundError('id', id, 'application');
      const current = await tx.application.findUniqueOrThrow({ where: { id } });
      if (current.status === 'WITHDRAWN' || current.status === 'DECLINED') return current;
      const updated = await tx.application.update({ where: { id }, data: { status: 'WITHDRAWN', decidedAt: new Date() } });
      if (current.status === 'ACCEPTED') {
        await tx.opening.updateMany({ where: { id: current.openingId, status: 'FULL' }, data: { status: 'OPEN' } });
      }
      return updated;
    });
  }
}
