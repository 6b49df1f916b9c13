import type { Resolvers } from '../../generated/graphql';

export const openingResolvers: Resolvers = {
  Query: {
    opening: (_p, { id }, ctx) => ctx.loaders.opening.load(id),
    openings: (_p, { filter, first, after }, ctx) => ctx.services.openings.list(filter, first, after),
  },
  OpeningConnection: {
    totalCount: (page) => page.totalCount(),
  },
  Mutation: {
    createOpening: async (_p, { input }, ctx) => ctx.services.openings.create(await ctx.actor(), input),
    updateOpening: async (_p, { id, input }, ctx) => ctx.services.openings.update(await ctx.actor(), id, input),
    closeOpening: async (_p, { id }, ctx) => ctx.services.openings.close(await ctx.actor(), id),
    reopenOpening: async (_p, { id }, ctx) => ctx.services.openings.reopen(await ctx.actor(), id),
  },
  Opening: {
    freeSeats: async (o, _a, ctx) => Math.max(0, o.capacity - (await ctx.loaders.openingCounts.load(o.id)).accepted),
    acceptedCount: async (o, _a, ctx) => (await ctx.loaders.openingCounts.load(o.id)).accepted,
    applicationCount: async (o, _a, ctx) => (await ctx.loaders.openingCounts.load(o.id)).total,
    applications: async (o, { status }, ctx) => {
      const all = await ctx.loaders.applicationsByOpening.load(o.id);
      return status ? all.filter((a) => status.includes(a.status)) : all;
    },
    createdAt: (o) => o.createdAt.toISOString(),
    updatedAt: (o) => o.updatedAt.toISOString(),
  },
};
