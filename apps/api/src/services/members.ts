import { normalizeMember, renderProfileSentence, type MemberInput } from '@moim/matching';
import { badInput, validated, notFound } from '../graphql/errors';
import type { MemberParent } from '../graphql/mappers';
import { isUniqueViolation, type ServiceDeps } from './deps';
import { writeMemberVector } from './vector-store';

export class MembersService {
  constructor(private readonly deps: ServiceDeps) {}

  byId(id: string): Promise<MemberParent | null> {
    return this.deps.db.prisma.member.findUnique({ where: { id } });
  }

  byDiscordId(discordId: string): Promise<MemberParent | null> {
    return this.deps.db.prisma.member.findUnique({ where: { discordId } });
  }

  /**
   * Normalises (nothing is written on bad input), embeds the canonical sentence, then writes the member and its
   * vector in one transaction: by `id` when given, else by discordId when given, else a new member.
   */
  async upsert(input: MemberInput, id?: string | null): Promise<MemberParent> {
    const member = validated(() => normalizeMember(input), 'input');
    const sentence = renderProfileSentence(member);
    const { prisma } = this.deps.db;
    if (id != null) {
      const existing = await prisma.member.findUnique({ where: { id }, select: { id: true } });
      if (!existing) throw notFound('id', id, 'member');
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
    try {
      return await prisma.$transaction(async (tx) => {
        const row =
          id != null
            ? await tx.member.update({ where: { id }, data })
            : member.discordId !== null
              ? await tx.member.upsert({ where: { discordId: member.discordId }, create: data, update: data })
              : await tx.member.create({ data });
        await writeMemberVector({ prisma: tx as never }, row.id, model.modelKey, vectors[0]!, sentence);
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw badInput('input.discordId', member.discordId, 'input.discordId: already used by another member');
      }
      throw error;
    }
  }

  /** Deletes the member and their applications; a FULL opening that loses an accepted member reopens. */
  async delete(id: string): Promise<boolean> {
    return this.deps.db.prisma.$transaction(async (tx) => {
      const seats = await tx.application.findMany({ where: { memberId: id, status: 'ACCEPTED' }, select: { openingId: true } });
      const { count } = await tx.member.deleteMany({ where: { id } });
      if (seats.length > 0) {
        await tx.opening.updateMany({ where: { id: { in: seats.map((s) => s.openingId) }, status: 'FULL' }, data: { status: 'OPEN' } });
      }
      return count > 0;
    });
  }
}
