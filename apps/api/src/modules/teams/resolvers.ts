import type { Resolvers } from '../../generated/graphql';

export const teamResolvers: Resolvers = {
  Query: {
    proposeTeam: async (_p, { openingId }, ctx) => {
      await ctx.services.teamLoop.requireLeadOf(await ctx.actor(), openingId, 'Query.proposeTeam');
      return ctx.services.teams.proposeTeam(openingId);
    },
    formTeams: (_p, { kind, memberIds }, ctx) => ctx.services.teams.formTeams(kind, memberIds),
  },
};
