import type { Resolvers } from '../../generated/graphql';

export const applicationResolvers: Resolvers = {
  Query: {
    application: (_p, { id }, ctx) => ctx.services.applications.byId(id),
  },
  Mutation: {
    apply: async (_p, { memberId, openingId }, ctx) => ctx.services.applications.apply(await ctx.actor(), memberId, openingId),
    decideApplication: async (_p, { id, accept }, ctx) => ctx.services.applications.decide(await ctx.actor(), id, accept),
    withdrawApplication: async (_p, { id }, ctx) => ctx.services.applications.withdraw(await ctx.actor(), id),
  },
  Application: {
    member: async (a, _x, ctx) => (await ctx.loaders.member.load(a.memberId))!,
    opening: async (a, _x, ctx) => (await ctx.loaders.opening.load(a.openingId))!,
    createdAt: (a) => a.createdAt.toISOString(),
    updatedAt: (a) => a.updatedAt.toISOString(),
  },
};
