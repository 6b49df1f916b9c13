import { markNewMatchesOwed, stillUnchanged, unchangedVectors, type Prisma, type PrismaClient } from '@moim/db';
import type { OpeningInput } from '@moim/matching';
import type { Logger } from 'pino';
import { IMPORT_INTERRUPTED, isDatabaseOutage } from '../../errors/database-errors';
import { BadInputError } from '../../errors/domain-errors';
import { JOB_SLICE_MS, type JobOutcome } from '../../jobs/queue';
import type { EmbeddingService } from '../embedding/service';
import { isStored, prepareOpening, ReusedVectorChanged, type PreparedOpening, type UpsertedOpening, type UpsertOutcome } from '../openings/service';
import type { ImportErrorRow } from './error-sample';
import type { StoredRow } from './intake';

/** Rows stored per transaction: the unit of progress and of resumption. */
export const IMPORT_CHUNK = 500;

/** What the runner needs from the openings service: rows and vectors written inside a given transaction. */
export interface OpeningWriter {
  upsertRows(tx: Prisma.TransactionClient, rows: PreparedOpening[]): Promise<UpsertOutcome[]>;
  writeVectors(tx: Prisma.TransactionClient, stored: UpsertedOpening[], rows: PreparedOpening[], vectors: Float32Array[], modelKey: number): Promise<void>;
}

export interface ImportRunnerDeps {
  prisma: PrismaClient;
  openings: OpeningWriter;
  embedding: Pick<EmbeddingService, 'embed' | 'serving'>;
  onProgress?: (job: { id: string; total: number; processed: number; failed: number }) => void;
  log?: Logger;
  /** Slice length (tests shorten it). */
  sliceMs?: number;
  /** After a chunk committed: the openings it created (queued for the NEW_MATCH fan-out; they commit marked as owed it). */
  onInserted?: (openingIds: string[]) => Promise<void>;
  /** One chunk at a time and every row embedded, as imports ran before (the throughput benchmark's baseline). */
  baseline?: boolean;
}

/** How long a failure caused by a database outage keeps trying to be recorded. */
const RECORD_RETRY_FOR_MS = 600_000;

/** Another process committed this job's chunk first (a duplicate delivery): this one stops. */
class Superseded extends Error {}

interface JobState {
  total: number;
  keepErrors: number;
  nextIndex: number;
  processed: number;
  created: number;
  updated: number;
  failed: number;
  errors: ImportErrorRow[];
}

/** A row the store refused, as a row error: a capacity below the seats taken, or a lead nobody is. */
function refusal(o: UpsertOutcome, index: number): ImportErrorRow | null {
  if ('conflict' in o) return { index, field: 'capacity', message: `capacity: ${o.conflict.capacity} is below the ${o.conflict.accepted} members already accepted` };
  if ('unknownLead' in o) return { index, field: 'leadDiscordId', message: `leadDiscordId: no member has Discord id ${o.unknownLead}` };
  return null;
}

const insertedIds = (outcomes: UpsertOutcome[]) => outcomes.filter(isStored).filter((o) => o.inserted).map((o) => o.id);

/** Locks the job row; only the holder of the expected cursor may write the next chunk. */
async function lockJob(tx: Prisma.TransactionClient, jobId: string, expectedNext: number): Promise<void> {
  const [row] = await tx.$queryRaw<{ next_index: number; status: string }[]>`
    SELECT next_index, status::text AS status FROM import_jobs WHERE id = ${jobId} FOR UPDATE`;
  if (!row || row.status !== 'RUNNING' || row.next_index !== expectedNext) throw new Superseded();
}

function errorsOf(value: unknown): ImportErrorRow[] {
  return Array.isArray(value) ? (value as ImportErrorRow[]).filter((e) => e.index >= 0) : [];
}

/** A stored row back to an input, or its error. Inputs were valid when accepted; normalisation is deterministic. */
function prepared(row: { index: number; row: unknown }): { index: number; prepared: PreparedOpening } | ImportErrorRow {
  const stored = row.row as StoredRow;
  try {
    return { index: row.index, prepared: prepareOpening(stored.input as OpeningInput) };
  } catch (error) {
    if (!(error instanceof BadInputError)) throw error;
    return { index: row.index, field: error.field, message: error.message };
  }
}

/**
 * Runs one slice of an import: reads the next chunk of the upload's stored rows, embeds them, and in one
 * transaction stores them with their vectors, advances the cursor, adds the counts and deletes the chunk's rows.
 * While a chunk's transaction runs, the next chunk is read and embedded (at most two chunks in flight; chunks
 * still commit one after another, in order). A crash loses at most the chunks in flight, which the next slice (on
 * any replica) does again. 'continue' after the slice's time; 'done' when the job has ended (or is not this
 * runner's to run).
 */
export async function runImportSlice(deps: ImportRunnerDeps, jobId: string): Promise<JobOutcome> {
  const deadline = Date.now() + (deps.sliceMs ?? JOB_SLICE_MS);
  const job = await deps.prisma.importJob.findUnique({ where: { id: jobId } });
  if (!job || job.status !== 'RUNNING' || !job.acceptedAt) return 'done';
  const state: JobState = { ...job, errors: errorsOf(job.errors) };
  let next: Promise<EmbeddedChunk | null> | null = null;
  try {
    if (job.atomic) return await runAtomic(deps, jobId, state, job.stopMessage);
    next = inFlight(readChunk(deps, jobId, state.nextIndex));
    for (;;) {
      const chunk: EmbeddedChunk | null = await next;
      if (!chunk) return await finish(deps, jobId, state, job.stopMessage);
      // The next chunk is embedded while this one commits; none is started once the slice's time is up.
      const following: number = chunk.rows.at(-1)!.index + 1;
      next = !deps.baseline && Date.now() < deadline ? inFlight(readChunk(deps, jobId, following)) : null;
      await storeChunk(deps, jobId, state, chunk);
      deps.onProgress?.({ id: jobId, total: job.total, processed: state.processed, failed: state.failed });
      if (deps.baseline && Date.now() < deadline) next = readChunk(deps, jobId, following);
      if (!next) return 'continue';
    }
  } catch (error) {
    if (error instanceof Superseded) return 'done';
    if (!isDatabaseOutage(error)) throw error;
    // The database went away mid-import: the job ends FAILED saying to re-upload (rows stored so far stay), as the
    // upload's 503 says. A process that dies, instead, leaves the job to be resumed by another.
    recordInterrupted(deps, jobId, state);
    return 'done';
  } finally {
    // A chunk embedded ahead of a chunk that failed is dropped; the slice ends when it has (never more in flight).
    await next?.catch(() => {});
  }
}

/** A promise awaited later: its rejection is handled then, not reported as unhandled meanwhile. */
function inFlight<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** Records IMPORT_INTERRUPTED on the job, retrying in the background until the database is back. */
function recordInterrupted(deps: ImportRunnerDeps, jobId: string, state: JobState): void {
  const errors = [...state.errors, { index: -1, field: 'file', message: IMPORT_INTERRUPTED }] as unknown as Prisma.InputJsonValue;
  const record = () =>
    deps.prisma.$transaction(async (tx) => {
      const { count } = await tx.importJob.updateMany({
        where: { id: jobId, status: 'RUNNING', nextIndex: state.nextIndex },
        data: { status: 'FAILED', errors, finishedAt: new Date() },
      });
      if (count > 0) await tx.importJobRow.deleteMany({ where: { jobId } });
    });
  const started = Date.now();
  const attempt = () => {
    record().catch((error: unknown) => {
      if (Date.now() - started < RECORD_RETRY_FOR_MS) setTimeout(attempt, 5000).unref();
      else deps.log?.error({ err: error, jobId }, 'could not record the interrupted import; the stale-import sweep ends it');
    });
  };
  attempt();
}

/** A chunk of stored upload rows, prepared and embedded, ready for its transaction. */
interface EmbeddedChunk {
  rows: { index: number; row: unknown }[];
  good: { index: number; prepared: PreparedOpening }[];
  errors: ImportErrorRow[];
  /** Per good row: its vector, or undefined when its opening already has this model's vector for its sentence. */
  vectors: (Float32Array | undefined)[];
  /** The model of the vectors (and of the reused ones); null when the chunk has no good row. */
  modelKey: number | null;
}

/** The next chunk from `from`, embedded; null when no rows are left. */
async function readChunk(deps: ImportRunnerDeps, jobId: string, from: number): Promise<EmbeddedChunk | null> {
  const rows = await deps.prisma.importJobRow.findMany({
    where: { jobId, index: { gte: from } },
    orderBy: { index: 'asc' },
    take: IMPORT_CHUNK,
  });
  return rows.length === 0 ? null : embedChunk(deps, rows, !deps.baseline);
}

/**
 * Prepares and embeds a chunk. With `reuse`, a row whose sentence is unchanged under the serving model (a
 * re-upload) is not embedded again: its stored vector stays.
 */
async function embedChunk(deps: ImportRunnerDeps, rows: { index: number; row: unknown }[], reuse: boolean): Promise<EmbeddedChunk> {
  const items = rows.map(prepared);
  const good = items.filter((i): i is { index: number; prepared: PreparedOpening } => 'prepared' in i);
  const errors = items.filter((i): i is ImportErrorRow => !('prepared' in i));
  if (good.length === 0) return { rows, good, errors, vectors: [], modelKey: null };
  const servingKey = deps.embedding.serving.modelKey;
  const reused = reuse
    ? await unchangedVectors(deps.prisma, good.map((g) => ({ externalId: g.prepared.opening.externalId, sentence: g.prepared.sentence })), servingKey)
    : new Set<number>();
  const todo = good.map((_, i) => i).filter((i) => !reused.has(i));
  const vectors = new Array<Float32Array | undefined>(good.length);
  if (todo.length === 0) return { rows, good, errors, vectors, modelKey: servingKey };
  const { vectors: embedded, model } = await deps.embedding.embed(todo.map((i) => good[i]!.prepared.sentence));
  // The serving model changed meanwhile (a re-embed): the reused vectors are of the old one, so embed them all.
  if (reused.size > 0 && model.modelKey !== servingKey) return embedChunk(deps, rows, false);
  todo.forEach((i, j) => (vectors[i] = embedded[j]));
  return { rows, good, errors, vectors, modelKey: model.modelKey };
}

/** Writes the chunk; if a reused vector changed between reading it and the chunk's transaction, embeds the chunk in full. */
async function storeChunk(deps: ImportRunnerDeps, jobId: string, state: JobState, chunk: EmbeddedChunk): Promise<void> {
  try {
    await writeChunk(deps, jobId, state, chunk);
  } catch (error) {
    if (!(error instanceof ReusedVectorChanged)) throw error;
    await writeChunk(deps, jobId, state, await embedChunk(deps, chunk.rows, false));
  }
}

async function writeChunk(deps: ImportRunnerDeps, jobId: string, state: JobState, chunk: EmbeddedChunk): Promise<void> {
  const { rows, good, vectors, modelKey } = chunk;
  const errors = [...chunk.errors];
  const next = { ...state, errors: [...state.errors], nextIndex: rows.at(-1)!.index + 1 };
  let inserted: string[] = [];
  await deps.prisma.$transaction(
    async (tx) => {
      await lockJob(tx, jobId, state.nextIndex);
      const outcomes = await deps.openings.upsertRows(tx, good.map((g) => g.prepared));
      const written = outcomes.map((_, i) => i).filter((i) => isStored(outcomes[i]!));
      if (modelKey !== null) {
        const fresh = written.filter((i) => vectors[i] !== undefined);
        const reused = written.filter((i) => vectors[i] === undefined);
        const reusedRows = reused.map((i) => ({ openingId: (outcomes[i] as UpsertedOpening).id, sentence: good[i]!.prepared.sentence }));
        if (!(await stillUnchanged(tx, reusedRows, modelKey))) throw new ReusedVectorChanged();
        await deps.openings.writeVectors(
          tx,
          fresh.map((i) => outcomes[i] as UpsertedOpening),
          fresh.map((i) => good[i]!.prepared),
          fresh.map((i) => vectors[i]!),
          modelKey,
        );
      }
      outcomes.forEach((o, i) => {
        const refused = refusal(o, good[i]!.index);
        if (refused) errors.push(refused);
        else if ((o as UpsertedOpening).inserted) next.created++;
        else next.updated++;
      });
      inserted = insertedIds(outcomes);
      await markNewMatchesOwed(tx, inserted);
      next.failed += errors.length;
      next.processed += rows.length;
      // The lowest indexes are kept: the upload's own errors (found while reading) and those of stored chunks.
      next.errors = [...next.errors, ...errors].sort((a, b) => a.index - b.index).slice(0, state.keepErrors);
      await tx.importJob.update({
        where: { id: jobId },
        data: {
          nextIndex: next.nextIndex,
          processed: next.processed,
          created: next.created,
          updated: next.updated,
          failed: next.failed,
          errors: next.errors as unknown as Prisma.InputJsonValue,
        },
      });
      await tx.importJobRow.deleteMany({ where: { jobId, index: { lt: next.nextIndex } } });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  Object.assign(state, next);
  if (inserted.length > 0) await deps.onInserted?.(inserted);
}

/** Every row stored: the job ends SUCCEEDED, or FAILED when reading the upload stopped early. */
async function finish(deps: ImportRunnerDeps, jobId: string, state: JobState, stopMessage: string | null): Promise<JobOutcome> {
  await deps.prisma.$transaction(async (tx) => {
    await lockJob(tx, jobId, state.nextIndex);
    await tx.importJob.update({
      where: { id: jobId },
      data: {
        status: stopMessage ? 'FAILED' : 'SUCCEEDED',
        finishedAt: new Date(),
        ...(stopMessage ? { errors: [...state.errors, { index: -1, field: 'file', message: stopMessage }] as unknown as Prisma.InputJsonValue } : {}),
      },
    });
    await tx.importJobRow.deleteMany({ where: { jobId } });
  });
  return 'done';
}

/**
 * All or nothing: nothing is stored when any row is bad or reading stopped early; otherwise every row is embedded
 * (outside the transaction) and then every row and vector is written in one transaction, which a capacity conflict
 * found under the row locks rolls back. A crash rolls it back too, and the next attempt starts again.
 */
async function runAtomic(deps: ImportRunnerDeps, jobId: string, state: JobState, stopMessage: string | null): Promise<JobOutcome> {
  const rows = await deps.prisma.importJobRow.findMany({ where: { jobId }, orderBy: { index: 'asc' } });
  const items = rows.map(prepared);
  const good = items.filter((i): i is { index: number; prepared: PreparedOpening } => 'prepared' in i);
  let errors = [...state.errors, ...items.filter((i): i is ImportErrorRow => !('prepared' in i))];
  let failed = state.failed + errors.length - state.errors.length;
  let created = 0;
  let updated = 0;
  if (failed === 0 && !stopMessage) {
    const vectors: Float32Array[] = [];
    let modelKey = 0;
    for (let i = 0; i < good.length; i += IMPORT_CHUNK) {
      const { vectors: part, model } = await deps.embedding.embed(good.slice(i, i + IMPORT_CHUNK).map((g) => g.prepared.sentence));
      vectors.push(...part);
      modelKey = model.modelKey;
    }
    const conflicts = new Error('rows refused');
    const outcomes: UpsertOutcome[] = [];
    try {
      await deps.prisma.$transaction(
        async (tx) => {
          await lockJob(tx, jobId, state.nextIndex);
          outcomes.length = 0;
          for (let i = 0; i < good.length; i += IMPORT_CHUNK)
            outcomes.push(...(await deps.openings.upsertRows(tx, good.slice(i, i + IMPORT_CHUNK).map((g) => g.prepared))));
          errors = outcomes.flatMap((o, i) => refusal(o, good[i]!.index) ?? []);
          failed = errors.length;
          if (failed > 0) throw conflicts;
          await deps.openings.writeVectors(tx, outcomes as UpsertedOpening[], good.map((g) => g.prepared), vectors, modelKey);
          await markNewMatchesOwed(tx, insertedIds(outcomes));
          created = outcomes.filter((o) => (o as UpsertedOpening).inserted).length;
          updated = outcomes.length - created;
          await tx.importJob.update({
            where: { id: jobId },
            data: { status: 'SUCCEEDED', nextIndex: state.total, processed: state.total, created, updated, finishedAt: new Date() },
          });
          await tx.importJobRow.deleteMany({ where: { jobId } });
        },
        { timeout: 600_000, maxWait: 30_000 },
      );
      const inserted = insertedIds(outcomes);
      for (let i = 0; i < inserted.length; i += IMPORT_CHUNK) await deps.onInserted?.(inserted.slice(i, i + IMPORT_CHUNK));
      return 'done';
    } catch (error) {
      if (error !== conflicts) throw error;
    }
  }
  const stored = errors.sort((a, b) => a.index - b.index).slice(0, state.keepErrors) as unknown[];
  if (stopMessage) stored.push({ index: -1, field: 'file', message: stopMessage });
  await deps.prisma.$transaction(async (tx) => {
    await lockJob(tx, jobId, state.nextIndex);
    await tx.importJob.update({
      where: { id: jobId },
      data: { status: 'FAILED', processed: state.total, failed, errors: stored as Prisma.InputJsonValue, finishedAt: new Date() },
    });
    await tx.importJobRow.deleteMany({ where: { jobId } });
  });
  return 'done';
}
