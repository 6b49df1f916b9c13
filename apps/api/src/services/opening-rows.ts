import type { PrismaClient } from '@moim/db';
import type { OpeningParent } from '../graphql/mappers';

/**
 * OPEN openings by id, read with one plain SQL statement: the recommendation hot path skips the ORM's
 * per-query compilation (measurable at hundreds of requests per second).
 */
export function openOpeningsByIds(prisma: PrismaClient, ids: string[]): Promise<OpeningParent[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return prisma.$queryRaw<OpeningParent[]>`
    SELECT id, external_id AS "externalId", kind::text AS kind, title, description, region, stacks,
           min_experience_years AS "minExperienceYears", tags, capacity, status::text AS status, sentence,
           created_at AS "createdAt", updated_at AS "updatedAt"
    FROM openings WHERE id = ANY(${ids}::text[]) AND status = 'OPEN'`;
}
