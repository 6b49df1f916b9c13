import type { Resolvers } from '../../generated/graphql';

export const recommendationResolvers: Resolvers = {
  Query: {
    recommendOpenings: (_p, args, ctx) => ctx.services.recommendations.recommendOpenings(args),
    recommendMembers: async (_p, { openingId, first }, ctx) => {
      await ctx.services.teamLoop.requireLeadOf(await ctx.actor(), openingId, 'Query.recommendMembers');
      return (await ctx.services.recommendations.recommendMembers(openingId, first)).matches;
    },
  },
};
