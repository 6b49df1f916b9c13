import type { Resolvers } from '../../generated/graphql';

export const applicationResolvers: Resolvers = {
  Query: {
    application: (_p, { id }, ctx) => ctx.services.applications.byId(id),
  },
  Mutation: {
    apply: (_p, { memberId, openingId }, ctx) => ctx.services.applications.apply(memberId, openingId),
    decideApplication: (_p, { id, accept }, ctx) => ctx.services.applications.decide(id, accept),
    withdrawApplication: (_p, { id }, ctx) => ctx.services.applications.withdraw(id),
  },
  Application: {
    member: async (a, _x, ctx) => (await ctx.loaders.member.load(a.memberId))!,
    opening: async (a, _x, ctx) => (await ctx.loaders.opening.load(a.openingId))!,
    createdAt: (a) => a.createdAt.toISOString(),
    updatedAt: (a) => a.updatedAt.toISOString(),
  },
};
