import { requireAdmin } from '../../auth/roles';
import type { Resolvers } from '../../generated/graphql';

export const teamResolvers: Resolvers = {
  Query: {
    proposeTeam: (_p, { openingId }, ctx) => ctx.services.teams.proposeTeam(openingId),
    formTeams: async (_p, { kind, memberIds }, ctx) => {
      requireAdmin(ctx.viewer, 'formTeams');
      return ctx.services.teams.formTeams(kind, memberIds);
    },
  },
};
