import { normalizeMember, renderProfileSentence, type MemberInput } from '@moim/matching';
import { lockMember, lockOpenings, refreshSeatStatus, setMemberEmbedding, type MemberModel, type Prisma } from '@moim/db';
import { isUniqueViolation } from '../../errors/database-errors';
import { BadInputError, NotFoundError, validated } from '../../errors/domain-errors';
import type { ServiceDeps } from '../service-deps';

type Tx = Prisma.TransactionClient;
const AGAIN = Symbol('again');

/** input.notifyThreshold: 0..1, null = off, omitted = unchanged (undefined). */
function notifyThresholdOf(input: MemberInput & { notifyThreshold?: number | null }): number | null | undefined {
  const value = input.notifyThreshold;
  if (value === undefined || value === null) return value;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new BadInputError('input.notifyThreshold', value, `input.notifyThreshold: must be a number from 0 to 1, or null to turn new-match notifications off`);
  }
  return value;
}

export const MEMBER_LOCALES = ['ko', 'en'] as const;
export type MemberLocale = (typeof MEMBER_LOCALES)[number];

/** input.locale: 'ko' | 'en', null = the default (Korean), omitted = unchanged (undefined). */
function localeOf(input: MemberInput & { locale?: string | null }): MemberLocale | null | undefined {
  const value = input.locale;
  if (value === undefined || value === null) return value;
  if (!(MEMBER_LOCALES as readonly unknown[]).includes(value)) {
    throw new BadInputError('input.locale', value, `input.locale: must be "ko" or "en", or null for the default (Korean)`);
  }
  return value as MemberLocale;
}

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
    const threshold = notifyThresholdOf(input);
    const locale = localeOf(input);
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
      ...(threshold === undefined ? {} : { notifyThreshold: threshold }),
      ...(locale === undefined ? {} : { locale }),
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
    const openingsOf = async (tx: Tx) => {
      const applied = await tx.application.findMany({ where: { memberId: id }, select: { openingId: true }, distinct: ['openingId'] });
      const invited = await tx.invitation.findMany({ where: { memberId: id }, select: { openingId: true }, distinct: ['openingId'] });
      // Openings the member leads lose their lead (ON DELETE SET NULL): locked first too, in the same order.
      const led = (await tx.opening.findMany({ where: { leadId: id }, select: { id: true } })).map((o) => ({ openingId: o.id }));
      return [...new Set([...applied, ...invited, ...led].map((a) => a.openingId))].sort();
    };
    for (let round = 0; ; round++) {
      const outcome = await prisma.$transaction(async (tx) => {
        const openingIds = await openingsOf(tx);
        await lockOpenings(tx, openingIds);
        if (!(await lockMember(tx, id, 'UPDATE'))) return false;
        const now = await openingsOf(tx);
        if (now.some((o) => !openingIds.includes(o))) return AGAIN;
        const seats = [
          ...(await tx.application.findMany({ where: { memberId: id, status: 'ACCEPTED' }, select: { openingId: true } })),
          ...(await tx.invitation.findMany({ where: { memberId: id, status: 'ACCEPTED' }, select: { openingId: true } })),
        ];
        await tx.member.delete({ where: { id } });
        await refreshSeatStatus(tx, seats.map((s) => s.openingId));
        return true;
      });
      if (outcome !== AGAIN) return outcome;
      if (round >= 20) throw new Error(`deleteMember(${id}): the member's applications kept changing`);
    }
  }
}
