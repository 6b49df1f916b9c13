import { requireWriter } from '../../auth/roles';
import type { Resolvers } from '../../generated/graphql';

export const applicationResolvers: Resolvers = {
  Query: {
    application: (_p, { id }, ctx) => ctx.services.applications.byId(id),
  },
  Mutation: {
    apply: async (_p, { memberId, openingId }, ctx) => {
      requireWriter(ctx.viewer, 'apply');
      return ctx.services.applications.apply(memberId, openingId);
    },
    decideApplication: async (_p, { id, accept }, ctx) => {
      requireWriter(ctx.viewer, 'decideApplication');
      return ctx.services.applications.decide(id, accept);
    },
    withdrawApplication: async (_p, { id }, ctx) => {
      requireWriter(ctx.viewer, 'withdrawApplication');
      return ctx.services.applications.withdraw(id);
    },
  },
  Application: {
    member: async (a, _x, ctx) => (await ctx.loaders.member.load(a.memberId))!,
    opening: async (a, _x, ctx) => (await ctx.loaders.opening.load(a.openingId))!,
    createdAt: (a) => a.createdAt.toISOString(),
    updatedAt: (a) => a.updatedAt.toISOString(),
  },
};
