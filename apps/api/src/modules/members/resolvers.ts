import { requireWriter } from '../../auth/roles';
import type { Resolvers } from '../../generated/graphql';

export const memberResolvers: Resolvers = {
  Query: {
    member: (_p, { id }, ctx) => ctx.loaders.member.load(id),
    memberByDiscordId: (_p, { discordId }, ctx) => ctx.services.members.byDiscordId(discordId),
  },
  Mutation: {
    upsertMember: async (_p, { input, id }, ctx) => {
      requireWriter(ctx.viewer, 'upsertMember');
      return ctx.services.members.upsert(input, id);
    },
    deleteMember: async (_p, { id }, ctx) => {
      requireWriter(ctx.viewer, 'deleteMember');
      return ctx.services.members.delete(id);
    },
  },
  Member: {
    applications: (m, _a, ctx) => ctx.loaders.applicationsByMember.load(m.id),
    createdAt: (m) => m.createdAt.toISOString(),
    updatedAt: (m) => m.updatedAt.toISOString(),
  },
};
