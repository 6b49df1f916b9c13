import { badInput } from '../../graphql/errors';
import type { Resolvers } from '../../generated/graphql';

export const adminResolvers: Resolvers = {
  Query: {
    apiKeys: (_p, _a, ctx) => ctx.services.apiKeys.list(),
    reembedJob: (_p, { id }, ctx) => ctx.services.reembed.job(id),
  },
  Mutation: {
    createApiKey: async (_p, { name, role }, ctx) => {
      const trimmed = name.trim();
      if (trimmed.length < 1 || trimmed.length > 100) throw badInput('name', name, 'name: 1 to 100 characters');
      return ctx.services.apiKeys.create(trimmed, role);
    },
    revokeApiKey: (_p, { id }, ctx) => ctx.services.apiKeys.revoke(id),
    startReembed: (_p, { modelDir }, ctx) => ctx.services.reembed.start(modelDir),
  },
  ApiKey: {
    createdAt: (k) => k.createdAt.toISOString(),
  },
  ReembedJob: {
    startedAt: (j) => j.startedAt.toISOString(),
    finishedAt: (j) => j.finishedAt?.toISOString() ?? null,
  },
};
