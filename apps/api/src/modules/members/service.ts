import { normalizeMember, renderProfileSentence, type MemberInput } from '@moim/matching';
import { lockMember, lockOpenings, refreshSeatStatus, setMemberEmbedding, type MemberModel, type Prisma } from '@moim/db';
import { isUniqueViolation } from '../../errors/database-errors';
import { BadInputError, NotFoundError, validated } from '../../errors/domain-errors';
import type { ServiceDeps } from '../service-deps';

type Tx = Prisma.TransactionClient;
const AGAIN = Symbol('again');

export class MembersService {
  constructor(private readonly deps: Pick<ServiceDeps, 'db' | 'embedding'>) {}

  byId(id: string): Promise<MemberModel | null> {
    return this.deps.db.prisma.member.findUnique({ where: { id } });
  }

  byDiscordId(discordId: string): Promise<MemberModel | null> {
    return this.deps.db.prisma.member.findUnique({ where: { discordId } });
  }

  /**
   * Normalises (nothing is written on bad input), embeds the canonical sentence, then writes the member and its
   * vector in one transaction: by `id` when given, else by discordId when given, else a new member.
   */
  async upsert(input: MemberInput, id?: string | null): Promise<MemberModel> {
    const member = validated(() => normalizeMember(input), 'input');
    const sentence = renderProfileSentence(member);
    const { prisma } = this.deps.db;
    if (id != null) {
      const existing = await prisma.member.findUnique({ where: { id }, select: { id: true } });
      if (!existing) throw new NotFoundError('id', id, 'member');
    }
    const { vectors, model } = await this.deps.embedding.embed([sentence]);
    const data = {
      displayName: member.displayName,
      discordId: member.discordId,
      region: member.region,
      experienceYears: member.experienceYears,
      stacks: member.stacks,
      traits: member.traits,
      sentence,
    };
    const write = () =>
      prisma.$transaction(async (tx) => {
        // A delete of this member running meanwhile wins or waits: either way no write to a vanished row.
        if (id != null && !(await lockMember(tx, id, 'NO KEY UPDATE'))) throw new NotFoundError('id', id, 'member');
        const row =
          id != null
            ? await tx.member.update({ where: { id }, data })
            : member.discordId !== null
              ? await tx.member.upsert({ where: { discordId: member.discordId }, create: data, update: data })
              : await tx.member.create({ data });
        await setMemberEmbedding({ prisma: tx }, row.id, model.modelKey, vectors[0]!, { sentence });
        return row;
      });
    for (let round = 0; ; round++) {
      try {
        return await write();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Two first upserts of one discordId at once: the loser's second round updates the winner's row.
        if (id == null && round === 0) continue;
        throw new BadInputError('input.discordId', member.discordId, 'input.discordId: already used by another member');
      }
    }
  }

  /**
   * Deletes the member and their applications; a FULL opening that loses an accepted member reopens. Locks, in the
   * order every seat-changing path uses: the openings the member applied to, then the member. An application
   * written between the first read and the member lock means another round (it cannot happen after the lock).
   */
  async delete(id: string): Promise<boolean> {
    const { prisma } = this.deps.db;
    const openingsOf = async (tx: Tx) =>
      (await tx.application.findMany({ where: { memberId: id }, select: { openingId: true }, distinct: ['openingId'] })).map((a) => a.openingId);
    for (let round = 0; ; round++) {
      const outcome = await prisma.$transaction(async (tx) => {
        const openingIds = await openingsOf(tx);
        await lockOpenings(tx, openingIds);
        if (!(await lockMember(tx, id, 'UPDATE'))) return false;
        const now = await openingsOf(tx);
        if (now.some((o) => !openingIds.includes(o))) return AGAIN;
        const seats = await tx.application.findMany({ where: { memberId: id, status: 'ACCEPTED' }, select: { openingId: true } });
        await tx.member.delete({ where: { id } });
        await refreshSeatStatus(tx, seats.map((s) => s.openingId));
        return true;
      });
      if (outcome !== AGAIN) return outcome;
      if (round >= 20) throw new Error(`deleteMember(${id}): the member's applications kept changing`);
    }
  }
}
