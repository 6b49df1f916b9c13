import type { Resolvers } from '../../generated/graphql';

export const memberResolvers: Resolvers = {
  Query: {
    member: (_p, { id }, ctx) => ctx.loaders.member.load(id),
    memberByDiscordId: (_p, { discordId }, ctx) => ctx.services.members.byDiscordId(discordId),
  },
  Mutation: {
    upsertMember: (_p, { input, id }, ctx) => ctx.services.members.upsert(input, id),
    deleteMember: (_p, { id }, ctx) => ctx.services.members.delete(id),
  },
  Member: {
    applications: (m, _a, ctx) => ctx.loaders.applicationsByMember.load(m.id),
    createdAt: (m) => m.createdAt.toISOString(),
    updatedAt: (m) => m.updatedAt.toISOString(),
  },
};
