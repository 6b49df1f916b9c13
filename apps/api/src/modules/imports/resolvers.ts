import { checkFirst } from '../../common/page-size';
import type { ImportErrorRow } from './error-sample';
import type { Resolvers } from '../../generated/graphql';

const errorsOf = (value: unknown): ImportErrorRow[] => (Array.isArray(value) ? (value as ImportErrorRow[]) : []);

export const importResolvers: Resolvers = {
  Query: {
    importJob: (_p, { id }, ctx) => ctx.services.imports.job(id),
    importJobs: (_p, { first }, ctx) => ctx.services.imports.jobs(checkFirst(first, 20)),
  },
  Mutation: {
    importOpenings: async (_p, { input, atomic }, ctx) => {
      const report = await ctx.services.imports.importInputs(input, atomic ?? false);
      return { jobId: report.jobId, created: report.created, updated: report.updated, failed: report.failed };
    },
  },
  ImportJob: {
    errors: (job) => errorsOf(job.errors).filter((e) => e.index >= 0),
    error: (job) => errorsOf(job.errors).find((e) => e.index < 0)?.message ?? null,
    createdAt: (job) => job.createdAt.toISOString(),
    finishedAt: (job) => job.finishedAt?.toISOString() ?? null,
  },
};
