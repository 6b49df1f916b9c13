import { requireAdmin } from '../../auth/roles';
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
    createOpening: async (_p, { input }, ctx) => {
      requireAdmin(ctx.viewer, 'createOpening');
      return ctx.services.openings.create(input);
    },
    updateOpening: async (_p, { id, input }, ctx) => {
      requireAdmin(ctx.viewer, 'updateOpening');
      return ctx.services.openings.update(id, input);
    },
    closeOpening: async (_p, { id }, ctx) => {
      requireAdmin(ctx.viewer, 'closeOpening');
      return ctx.services.openings.close(id);
    },
    reopenOpening: async (_p, { id }, ctx) => {
      requireAdmin(ctx.viewer, 'reopenOpening');
      return ctx.services.openings.reopen(id);
    },
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
