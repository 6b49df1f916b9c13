import { requireAdmin } from '../../auth/roles';
import { badInput } from '../../graphql/errors';
import type { Resolvers } from '../../generated/graphql';

export const adminResolvers: Resolvers = {
  Query: {
    apiKeys: async (_p, _a, ctx) => {
      requireAdmin(ctx.viewer, 'apiKeys');
      return ctx.services.apiKeys.list();
    },
    reembedJob: async (_p, { id }, ctx) => {
      requireAdmin(ctx.viewer, 'reembedJob');
      return ctx.services.reembed.job(id);
    },
  },
  Mutation: {
    createApiKey: async (_p, { name, role }, ctx) => {
      requireAdmin(ctx.viewer, 'createApiKey');
      const trimmed = name.trim();
      if (trimmed.length < 1 || trimmed.length > 100) throw badInput('name', name, 'name: 1 to 100 characters');
      return ctx.services.apiKeys.create(trimmed, role);
    },
    revokeApiKey: async (_p, { id }, ctx) => {
      requireAdmin(ctx.viewer, 'revokeApiKey');
      return ctx.services.apiKeys.revoke(id);
    },
    startReembed: async (_p, { modelDir }, ctx) => {
      requireAdmin(ctx.viewer, 'startReembed');
      return ctx.services.reembed.start(modelDir);
    },
  },
  ApiKey: {
    createdAt: (k) => k.createdAt.toISOString(),
  },
  ReembedJob: {
    startedAt: (j) => j.startedAt.toISOString(),
    finishedAt: (j) => j.finishedAt?.toISOString() ?? null,
  },
};
