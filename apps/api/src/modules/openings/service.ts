import { randomUUID } from 'node:crypto';
import { DISCORD_ID_PATTERN, normalizeOpening, renderOpeningSentence, type Opening, type OpeningInput } from '@moim/matching';
import {
  acceptedCountsByExternalId,
  lockOpening,
  lockOpeningsByExternalId,
  markNewMatchesOwed,
  seatsTaken,
  stillUnchanged,
  unchangedVectors,
  upsertOpeningRows,
  writeOpeningEmbeddings,
  type OpeningModel,
  type OpeningStatus,
  type Prisma,
  type UpsertedOpeningRow,
} from '@moim/db';
import { isUniqueViolation } from '../../errors/database-errors';
import { BadInputError, NotFoundError, validated } from '../../errors/domain-errors';
import { checkFirst } from '../../common/page-size';
import type { ServiceDeps } from '../service-deps';
import { decodeCursor, encodeCursor } from './cursor';
import { openingWhere, type OpeningFilterInput } from './filter';
import type { Actor } from '../team-loop/acting-member';
import { refused } from '../team-loop/errors';
import { requireActingMember, requireLead } from '../team-loop/policy';
import type { JobQueue } from '../../jobs/queue';
import { withdrawPendingRequests } from '../team-loop/service';

export interface OpeningPage {
  edges: { cursor: string; node: OpeningModel }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}

/**
 * A normalised opening ready to store, with its sentence. `leadId`: the lead's member id when known; else
 * `leadDiscordId` is resolved when the row is stored (an unknown one is a row error). Neither: no lead is set.
 */
export interface PreparedOpening {
  opening: Opening;
  sentence: string;
  leadId?: string | null;
  leadDiscordId?: string | null;
}

export type OpeningInputWithLead = OpeningInput & { leadDiscordId?: string | null };

export function prepareOpening(input: OpeningInputWithLead, fieldPrefix = ''): PreparedOpening {
  const opening = validated(() => normalizeOpening(input), fieldPrefix);
  const field = fieldPrefix ? `${fieldPrefix}.leadDiscordId` : 'leadDiscordId';
  const lead = input.leadDiscordId;
  let leadDiscordId: string | null = null;
  if (lead !== null && lead !== undefined && lead !== '') {
    if (typeof lead !== 'string' || !DISCORD_ID_PATTERN.test(lead.trim())) {
      throw new BadInputError(field, lead, `${field}: must be a Discord id (17 to 20 digits)`);
    }
    leadDiscordId = lead.trim();
  }
  return { opening, sentence: renderOpeningSentence(opening), leadDiscordId };
}

export type UpsertedOpening = UpsertedOpeningRow;

/** A row left unwritten: its capacity is below the members already accepted by the opening it would update. */
export interface CapacityConflict {
  conflict: { capacity: number; accepted: number };
}

/** A row left unwritten: no member has its leadDiscordId. */
export interface UnknownLead {
  unknownLead: string;
}

export type UpsertOutcome = UpsertedOpening | CapacityConflict | UnknownLead;

/** A vector kept as stored (its sentence unchanged) was changed by another writer before the rows were written. */
export class ReusedVectorChanged extends Error {}

export function isStored(outcome: UpsertOutcome): outcome is UpsertedOpening {
  return 'id' in outcome;
}

export class OpeningsService {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'db' | 'embedding'> & Partial<Pick<ServiceDeps, 'log'>>,
    /** Where a created opening's NEW_MATCH fan-out is queued. Absent (bulk loaders, benchmarks): no fan-out. */
    private readonly queue?: Pick<JobQueue, 'send'>,
  ) {}

  /** ADMIN, or the acting lead; the opening. */
  private async ledBy(actor: Actor, id: string, coordinate: string): Promise<OpeningModel> {
    const existing = await this.byId(id);
    if (!existing) throw new NotFoundError('id', id, 'opening');
    requireLead(actor, existing, coordinate);
    return existing;
  }

  /**
   * Who leads a new opening: with a BOT key the acting member (required); ADMIN may name one by leadDiscordId.
   * A BOT key naming someone else is refused (LEAD_ADMIN_ONLY).
   */
  private async leadFor(actor: Actor, prepared: PreparedOpening): Promise<string | null> {
    const acting = requireActingMember(actor, 'Mutation.createOpening');
    if (acting !== null) {
      if (prepared.leadDiscordId && actor.kind === 'member' && prepared.leadDiscordId !== actor.discordId) {
        throw refused('LEAD_ADMIN_ONLY', 'input.leadDiscordId: only an ADMIN key may name another member as lead', 'input.leadDiscordId');
      }
      return acting;
    }
    return this.resolveLead(prepared.leadDiscordId ?? null, 'input.leadDiscordId');
  }

  private async resolveLead(discordId: string | null, field: string): Promise<string | null> {
    if (discordId === null) return null;
    const lead = await this.deps.db.prisma.member.findUnique({ where: { discordId }, select: { id: true } });
    if (!lead) throw new BadInputError(field, discordId, `${field}: no member has Discord id ${discordId}`, 'NOT_FOUND');
    return lead.id;
  }

  byId(id: string): Promise<OpeningModel | null> {
    return this.deps.db.prisma.opening.findUnique({ where: { id } });
  }

  async list(filter: OpeningFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<OpeningPage> {
    const take = checkFirst(first, 20);
    const base = openingWhere(filter);
    const where: Prisma.OpeningWhereInput = { ...base };
    if (after != null) {
      const c = decodeCursor(after);
      where.AND = [{ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] }];
    }
    const rows = await this.deps.db.prisma.opening.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: take + 1,
    });
    const page = rows.slice(0, take);
    const last = page.at(-1);
    return {
      edges: page.map((node) => ({ cursor: encodeCursor(node), node })),
      pageInfo: { hasNextPage: rows.length > take, endCursor: last ? encodeCursor(last) : null },
      totalCount: () => this.deps.db.prisma.opening.count({ where: base }),
    };
  }

  async create(actor: Actor, input: OpeningInputWithLead): Promise<OpeningModel> {
    const prepared = prepareOpening(input, 'input');
    prepared.leadId = await this.leadFor(actor, prepared);
    if (prepared.opening.externalId !== null) {
      const taken = await this.deps.db.prisma.opening.findUnique({ where: { externalId: prepared.opening.externalId }, select: { id: true } });
      if (taken) {
        throw new BadInputError('input.externalId', prepared.opening.externalId, 'input.externalId: an opening with this externalId exists (use updateOpening or importOpenings)');
      }
    }
    const [row] = await this.upsertPrepared([prepared], undefined, { newMatches: this.queue !== undefined });
    if (!row || !isStored(row)) {
      throw new BadInputError('input.externalId', prepared.opening.externalId, 'input.externalId: an opening with this externalId exists (use updateOpening or importOpenings)');
    }
    // The fan-out runs as a durable job, not in this request. The opening committed marked as owed one, so if this
    // send is lost (the process dies first, or the database blinks) the owed-fan-out sweep queues it again.
    await this.queue?.send('new-matches', { openingIds: [row.id] }).catch((error: unknown) => {
      this.deps.log?.warn({ err: error, openingId: row.id }, 'could not queue the new-match fan-out; the sweep will');
    });
    return (await this.byId(row.id))!;
  }

  /** The lead stays unless ADMIN names another (`input.leadDiscordId`); a lead naming someone else is refused. */
  async update(actor: Actor, id: string, input: OpeningInputWithLead): Promise<OpeningModel> {
    const prepared = prepareOpening(input, 'input');
    const { prisma } = this.deps.db;
    const existing = await this.ledBy(actor, id, 'Mutation.updateOpening');
    let leadId = existing.leadId;
    if (prepared.leadDiscordId) {
      if (actor.kind !== 'admin') {
        const same = actor.kind === 'member' && actor.discordId === prepared.leadDiscordId;
        if (!same) throw refused('LEAD_ADMIN_ONLY', 'input.leadDiscordId: only an ADMIN key may change the lead', 'input.leadDiscordId');
      } else {
        leadId = await this.resolveLead(prepared.leadDiscordId, 'input.leadDiscordId');
      }
    }
    const o = prepared.opening;
    if (o.externalId !== null && o.externalId !== existing.externalId) {
      const taken = await prisma.opening.findUnique({ where: { externalId: o.externalId }, select: { id: true } });
      if (taken) throw new BadInputError('input.externalId', o.externalId, 'input.externalId: used by another opening');
    }
    const { vectors, model } = await this.deps.embedding.embed([prepared.sentence]);
    const write = () => prisma.$transaction(async (tx) => {
      await lockOpening(tx, id, 'UPDATE');
      // Read under the lock: a close or an accept may have landed since the first read.
      const current = await tx.opening.findUniqueOrThrow({ where: { id }, select: { status: true } });
      const accepted = (await seatsTaken(tx, [id])).get(id) ?? 0;
      if (o.capacity < accepted) {
        throw new BadInputError('input.capacity', o.capacity, `input.capacity: ${accepted} members already hold a seat`);
      }
      const status: OpeningStatus = current.status === 'CLOSED' ? 'CLOSED' : accepted >= o.capacity ? 'FULL' : 'OPEN';
      const row = await tx.opening.update({
        where: { id },
        data: {
          externalId: o.externalId,
          kind: o.kind,
          title: o.title,
          description: o.description,
          region: o.region,
          stacks: o.stacks,
          minExperienceYears: o.minExperienceYears,
          tags: o.tags,
          capacity: o.capacity,
          sentence: prepared.sentence,
          status,
          leadId,
        },
      });
      await writeOpeningEmbeddings({ prisma: tx }, [{ openingId: id, vector: vectors[0]!, sentence: prepared.sentence }], model.modelKey);
      if (status === 'FULL' && current.status !== 'FULL') await withdrawPendingRequests(tx, row, 'FULL');
      return row;
    });
    try {
      return await write();
    } catch (error) {
      // The externalId was taken by an import or create between the check and the write.
      if (isUniqueViolation(error)) throw new BadInputError('input.externalId', o.externalId, 'input.externalId: used by another opening');
      throw error;
    }
  }

  /** CLOSED, and its pending applications and invitations withdrawn (their members told why), under the opening's lock. */
  async close(actor: Actor, id: string): Promise<OpeningModel> {
    await this.ledBy(actor, id, 'Mutation.closeOpening');
    return this.deps.db.prisma.$transaction(async (tx) => {
      if (!(await lockOpening(tx, id, 'UPDATE'))) throw new NotFoundError('id', id, 'opening');
      const closed = await tx.opening.update({ where: { id }, data: { status: 'CLOSED' } });
      await withdrawPendingRequests(tx, closed, 'CLOSED');
      return closed;
    });
  }

  async reopen(actor: Actor, id: string): Promise<OpeningModel> {
    await this.ledBy(actor, id, 'Mutation.reopenOpening');
    const { prisma } = this.deps.db;
    return prisma.$transaction(async (tx) => {
      await lockOpening(tx, id, 'UPDATE');
      const existing = await tx.opening.findUnique({ where: { id } });
      if (!existing) throw new NotFoundError('id', id, 'opening');
      if (existing.status !== 'CLOSED') return existing;
      const accepted = (await seatsTaken(tx, [id])).get(id) ?? 0;
      return tx.opening.update({ where: { id }, data: { status: accepted >= existing.capacity ? 'FULL' : 'OPEN' } });
    });
  }

  /**
   * Stores prepared openings and their vectors in one transaction (a database stop in between leaves neither): rows
   * in one statement (INSERT … ON CONFLICT (external_id) DO UPDATE), then the vectors. An update keeps CLOSED and
   * sets FULL/OPEN from the accepted count; a row whose capacity is below its opening's accepted count is not
   * written and comes back as a conflict (checked under the opening's row lock, see upsertRows).
   * `newMatches`: the openings it inserts commit marked as owed their NEW_MATCH fan-out (createOpening).
   */
  async upsertPrepared(rows: PreparedOpening[], vectorsIn?: Float32Array[], options: { newMatches?: boolean } = {}): Promise<UpsertOutcome[]> {
    if (rows.length === 0) return [];
    if (vectorsIn) return this.storePrepared(rows, vectorsIn, this.deps.embedding.serving.modelKey, options);
    // Re-uploads: rows whose stored vector (same model) already embeds the same sentence keep it.
    const servingKey = this.deps.embedding.serving.modelKey;
    const reused = await unchangedVectors(this.deps.db.prisma, rows.map((r) => ({ externalId: r.opening.externalId, sentence: r.sentence })), servingKey);
    const todo = rows.map((_, i) => i).filter((i) => !reused.has(i));
    const vectors = new Array<Float32Array | undefined>(rows.length);
    if (todo.length > 0) {
      const { vectors: embedded, model } = await this.deps.embedding.embed(todo.map((i) => rows[i]!.sentence));
      // The serving model changed meanwhile (a re-embed): the reused vectors are of the old one.
      if (model.modelKey !== servingKey) return this.embedAllAndStore(rows, options);
      todo.forEach((i, j) => (vectors[i] = embedded[j]));
    }
    try {
      return await this.storePrepared(rows, vectors, servingKey, options);
    } catch (error) {
      if (!(error instanceof ReusedVectorChanged)) throw error;
      return this.embedAllAndStore(rows, options);
    }
  }

  private async embedAllAndStore(rows: PreparedOpening[], options: { newMatches?: boolean }): Promise<UpsertOutcome[]> {
    const { vectors, model } = await this.deps.embedding.embed(rows.map((r) => r.sentence));
    return this.storePrepared(rows, vectors, model.modelKey, options);
  }

  /**
   * Rows and their vectors in one transaction. A row without a vector keeps its stored one, which must still embed
   * its sentence under the row lock (another writer may have changed it since it was read): ReusedVectorChanged if not.
   */
  private storePrepared(
    rows: PreparedOpening[],
    vectors: readonly (Float32Array | undefined)[],
    modelKey: number,
    options: { newMatches?: boolean },
  ): Promise<UpsertOutcome[]> {
    return this.deps.db.prisma.$transaction(
      async (tx) => {
        const outcomes = await this.upsertRows(tx, rows);
        const written = rows.map((_, i) => i).filter((i) => isStored(outcomes[i]!));
        const fresh = written.filter((i) => vectors[i] !== undefined);
        const kept = written.filter((i) => vectors[i] === undefined);
        const keptRows = kept.map((i) => ({ openingId: (outcomes[i] as UpsertedOpening).id, sentence: rows[i]!.sentence }));
        if (!(await stillUnchanged(tx, keptRows, modelKey))) throw new ReusedVectorChanged();
        await this.writeVectors(
          tx,
          fresh.map((i) => outcomes[i] as UpsertedOpening),
          fresh.map((i) => rows[i]!),
          fresh.map((i) => vectors[i]!),
          modelKey,
        );
        if (options.newMatches) await markNewMatchesOwed(tx, outcomes.filter(isStored).filter((o) => o.inserted).map((o) => o.id));
        return outcomes;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  }

  /** Vectors for stored rows, inside the caller's transaction `tx`. */
  async writeVectors(
    tx: Prisma.TransactionClient,
    stored: UpsertedOpening[],
    rows: PreparedOpening[],
    vectors: Float32Array[],
    modelKey: number,
  ): Promise<void> {
    if (stored.length === 0) return;
    await writeOpeningEmbeddings(
      { prisma: tx },
      stored.map((s, i) => ({ openingId: s.id, vector: vectors[i]!, sentence: rows[i]!.sentence })),
      modelKey,
    );
  }

  /**
   * Accepted counts of the existing openings these rows update, read under their row locks (taken in id order,
   * like every other path that changes seats), so no accept can land between the check and the write.
   */
  private async lockedAcceptedCounts(client: Prisma.TransactionClient, rows: PreparedOpening[]): Promise<Map<string, number>> {
    const externalIds = rows.map((r) => r.opening.externalId).filter((x): x is string => x !== null);
    return acceptedCountsByExternalId(client, await lockOpeningsByExternalId(client, externalIds));
  }

  /**
   * The rows only, in input order; `client` must be a transaction (the capacity check holds row locks until it
   * ends). No duplicate externalIds in one call. A row whose capacity is below the accepted count of the opening
   * it updates is left out and answered with `{ conflict }`.
   */
  async upsertRows(client: Prisma.TransactionClient, rows: PreparedOpening[]): Promise<UpsertOutcome[]> {
    const accepted = await this.lockedAcceptedCounts(client, rows);
    const leads = await this.leadsByDiscordId(client, rows);
    const outcomes = new Array<UpsertOutcome | undefined>(rows.length);
    const kept: number[] = [];
    rows.forEach((r, i) => {
      const n = r.opening.externalId !== null ? (accepted.get(r.opening.externalId) ?? 0) : 0;
      if (r.opening.capacity < n) outcomes[i] = { conflict: { capacity: r.opening.capacity, accepted: n } };
      else if (r.leadId === undefined && r.leadDiscordId && !leads.has(r.leadDiscordId)) outcomes[i] = { unknownLead: r.leadDiscordId };
      else {
        if (r.leadId === undefined && r.leadDiscordId) r.leadId = leads.get(r.leadDiscordId)!;
        kept.push(i);
      }
    });
    const stored = await this.insertRows(client, kept.map((i) => rows[i]!));
    kept.forEach((i, j) => (outcomes[i] = stored[j]!));
    await this.withdrawPendingOnFull(client, stored);
    return outcomes as UpsertOutcome[];
  }

  /**
   * Updated openings that are FULL after the write (a capacity lowered to the seats taken) keep no pending requests:
   * they end, and their members hear why. An opening that was FULL before has none left, so nothing is written.
   */
  private async withdrawPendingOnFull(client: Prisma.TransactionClient, stored: UpsertedOpening[]): Promise<void> {
    const filled = stored.filter((o) => !o.inserted && o.status === 'FULL').map((o) => o.id);
    if (filled.length === 0) return;
    for (const opening of await client.opening.findMany({ where: { id: { in: filled } }, orderBy: { id: 'asc' } })) {
      await withdrawPendingRequests(client, opening, 'FULL');
    }
  }

  /** Member ids of the rows' leadDiscordIds (KEY SHARE: a lead cannot be deleted before the rows commit). */
  private async leadsByDiscordId(client: Prisma.TransactionClient, rows: PreparedOpening[]): Promise<Map<string, string>> {
    const wanted = [...new Set(rows.filter((r) => r.leadId === undefined && r.leadDiscordId).map((r) => r.leadDiscordId!))];
    if (wanted.length === 0) return new Map();
    const found = await client.$queryRaw<{ id: string; discordId: string }[]>`
      SELECT id, discord_id AS "discordId" FROM members WHERE discord_id = ANY(${wanted}::text[]) ORDER BY id FOR KEY SHARE`;
    return new Map(found.map((m) => [m.discordId, m.id]));
  }

  private insertRows(client: Prisma.TransactionClient, rows: PreparedOpening[]): Promise<UpsertedOpening[]> {
    return upsertOpeningRows(
      client,
      rows.map((r) => ({ id: randomUUID(), ...r.opening, sentence: r.sentence, leadId: r.leadId ?? null })),
    );
  }
}
