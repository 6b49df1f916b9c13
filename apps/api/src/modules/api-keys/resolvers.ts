import { BadInputError } from '../../errors/domain-errors';
import type { Resolvers } from '../../generated/graphql';

export const apiKeyResolvers: Resolvers = {
  Query: {
    apiKeys: (_p, _a, ctx) => ctx.services.apiKeys.list(),
  },
  Mutation: {
    createApiKey: async (_p, { name, role }, ctx) => {
      const trimmed = name.trim();
      if (trimmed.length < 1 || trimmed.length > 100) throw new BadInputError('name', name, 'name: 1 to 100 characters');
      return ctx.services.apiKeys.create(trimmed, role);
    },
    revokeApiKey: (_p, { id }, ctx) => ctx.services.apiKeys.revoke(id),
  },
  ApiKey: {
    createdAt: (k) => k.createdAt.toISOString(),
  },
};
