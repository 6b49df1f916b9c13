import type { Resolvers } from '../../generated/graphql';

export const teamResolvers: Resolvers = {
  Query: {
    proposeTeam: (_p, { openingId }, ctx) => ctx.services.teams.proposeTeam(openingId),
    formTeams: (_p, { kind, memberIds }, ctx) => ctx.services.teams.formTeams(kind, memberIds),
  },
};
