import type { Resolvers } from '../../generated/graphql';

export const embeddingResolvers: Resolvers = {
  Query: {
    reembedJob: (_p, { id }, ctx) => ctx.services.reembed.job(id),
  },
  Mutation: {
    startReembed: (_p, { modelDir }, ctx) => ctx.services.reembed.start(modelDir),
  },
  ReembedJob: {
    startedAt: (j) => j.startedAt.toISOString(),
    finishedAt: (j) => j.finishedAt?.toISOString() ?? null,
  },
};
