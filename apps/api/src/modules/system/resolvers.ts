import { VOCABULARY } from '@moim/matching';
import type { Resolvers } from '../../generated/graphql';

export const systemResolvers: Resolvers = {
  Query: {
    vocabulary: () => ({
      regions: [...VOCABULARY.regions],
      stacks: [...VOCABULARY.stacks],
      traits: [...VOCABULARY.traits],
      tags: [...VOCABULARY.tags],
      kinds: ['PROJECT', 'STUDY'],
    }),
    embedder: (_p, _a, ctx) => {
      const m = ctx.services.deps.embedding.serving;
      return { modelId: m.modelId, dimension: m.dimension, maxSeqLength: m.embedder.maxSeqLength };
    },
    viewer: (_p, _a, ctx) => ({ role: ctx.viewer.role, keyName: ctx.viewer.keyName }),
  },
};
