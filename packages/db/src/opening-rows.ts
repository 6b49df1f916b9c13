import { Prisma, type Opening, type OpeningStatus, type PrismaClient } from './generated/prisma/client';

/** The columns of an `Opening` from the openings row `o`, as the recommendation paths read them. */
export const OPENING_COLUMNS = Prisma.sql`o.id, o.external_id AS "externalId", o.kind::text AS kind, o.title, o.description, o.region, o.stacks,
           o.min_experience_years AS "minExperienceYears", o.tags, o.capacity, o.status::text AS status, o.sentence,
           o.lead_id AS "leadId", o.team_thread_id AS "teamThreadId", o.created_at AS "createdAt", o.updated_at AS "updatedAt"`;

/**
 * OPEN openings by id, read with one plain SQL statement: the recommendation hot path skips the ORM's
 * per-query compilation (measurable at hundreds of requests per second).
 */
export function openOpeningsByIds(prisma: PrismaClient, ids: string[]): Promise<Opening[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return prisma.$queryRaw<Opening[]>`
    SELECT ${OPENING_COLUMNS}
    FROM openings o WHERE o.id = ANY(${ids}::text[]) AND o.status = 'OPEN'`;
}

/**
 * One opening row to insert, or to update by its externalId (status and timestamps are the statement's). A row
 * without `leadId` keeps the lead an existing opening has.
 */
export type OpeningRowInput = Pick<
  Opening,
  'id' | 'externalId' | 'kind' | 'title' | 'description' | 'region' | 'stacks' | 'minExperienceYears' | 'tags' | 'capacity' | 'sentence'
> & { leadId?: string | null };

export interface UpsertedOpeningRow {
  id: string;
  externalId: string | null;
  inserted: boolean;
  /** After the write: an update that lowered the capacity to the seats taken leaves it FULL. */
  status: OpeningStatus;
}

/**
 * Inserts the rows, or updates the opening with the same externalId (a CLOSED opening stays closed; FULL/OPEN
 * follows the accepted count), in one statement; `client` is the caller's transaction. Results in input order.
 */
export async function upsertOpeningRows(
  client: Prisma.TransactionClient,
  rows: readonly OpeningRowInput[],
): Promise<UpsertedOpeningRow[]> {
  if (rows.length === 0) return [];
  const payload = rows.map((r) => ({
    id: r.id,
    external_id: r.externalId,
    kind: r.kind,
    title: r.title,
    description: r.description,
    region: r.region,
    stacks: r.stacks,
    min_experience_years: r.minExperienceYears,
    tags: r.tags,
    capacity: r.capacity,
    sentence: r.sentence,
    lead_id: r.leadId ?? null,
  }));
  // Two imports writing the same externalIds insert them in one order, so they wait for each other, never deadlock.
  const inKeyOrder = [...payload].sort((a, b) => (a.external_id ?? a.id).localeCompare(b.external_id ?? b.id));
  const result = await client.$queryRaw<UpsertedOpeningRow[]>`
    INSERT INTO openings (id, external_id, kind, title, description, region, stacks, min_experience_years, tags,
                          capacity, status, sentence, lead_id, created_at, updated_at)
    SELECT v.id, v.external_id, v.kind::"OpeningKind", v.title, v.description, v.region, v.stacks,
           v.min_experience_years, v.tags, v.capacity, 'OPEN'::"OpeningStatus", v.sentence, v.lead_id,
           now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
    FROM jsonb_to_recordset(${JSON.stringify(inKeyOrder)}::jsonb) AS v(
      id text, external_id text, kind text, title text, description text, region text, stacks text[],
      min_experience_years int, tags text[], capacity int, sentence text, lead_id text)
    ON CONFLICT (external_id) DO UPDATE SET
      kind = EXCLUDED.kind, title = EXCLUDED.title, description = EXCLUDED.description,
      region = EXCLUDED.region, stacks = EXCLUDED.stacks, min_experience_years = EXCLUDED.min_experience_years,
      tags = EXCLUDED.tags, capacity = EXCLUDED.capacity, sentence = EXCLUDED.sentence,
      lead_id = COALESCE(EXCLUDED.lead_id, openings.lead_id),
      status = CASE
        WHEN openings.status = 'CLOSED' THEN openings.status
        WHEN (SELECT count(*) FROM applications a WHERE a.opening_id = openings.id AND a.status = 'ACCEPTED')
             + (SELECT count(*) FROM invitations i WHERE i.opening_id = openings.id AND i.status = 'ACCEPTED')
             >= EXCLUDED.capacity THEN 'FULL'::"OpeningStatus"
        ELSE 'OPEN'::"OpeningStatus" END,
      updated_at = now() AT TIME ZONE 'UTC'
    RETURNING id, external_id AS "externalId", (xmax = 0) AS inserted, status::text AS status`;
  const byExternal = new Map(result.filter((r) => r.externalId !== null).map((r) => [r.externalId!, r]));
  const byId = new Map(result.map((r) => [r.id, r]));
  return payload.map((p) => (p.external_id !== null ? byExternal.get(p.external_id) : byId.get(p.id))!);
}
