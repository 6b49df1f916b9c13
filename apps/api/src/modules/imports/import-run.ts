import type { OpeningInput } from '@moim/matching';
import type { Prisma } from '@moim/db';
import { BadInputError } from '../../errors/domain-errors';
import type { ServiceDeps } from '../service-deps';
import { isStored, prepareOpening, type OpeningsService, type PreparedOpening, type UpsertOutcome } from '../openings/service';
import { ErrorSample, storableText, type ImportErrorRow } from './error-sample';

/** One row of an upload: parsed input, or a parse error for that row. */
export type ImportRow =
  | { index: number; input: OpeningInput }
  | { index: number; error: { field: string; message: string } };

export interface ImportReport {
  jobId: string;
  created: number;
  updated: number;
  /** The row errors with the lowest indexes (all of them up to the run's `keepErrors`). */
  failed: ImportErrorRow[];
  /** Every row error, counted. */
  failedCount: number;
  status: 'SUCCEEDED' | 'FAILED';
  /** Set when the run stopped reading before the end of the input (see ImportLimits). */
  stopped?: ImportStop;
}

export interface ImportStop {
  reason: 'TOO_MANY_ROWS' | 'MOSTLY_BAD';
  message: string;
}

/** Bounds of one run; the upload door sets all of them, the GraphQL path (≤ 10,000 rows in memory) none. */
export interface ImportLimits {
  /** Row errors kept in memory, in the report and on the job; the rest are only counted. */
  keepErrors: number;
  /** More data rows than this stops the run (TOO_MANY_ROWS). */
  maxRows?: number;
  /** After `afterRows` rows, more than `ratio` of them bad stops the run (MOSTLY_BAD). */
  giveUp?: { afterRows: number; ratio: number };
}

const CHUNK = 500;
const STORE_PARALLELISM = 2;
/** Row errors written to the job row (importJob(id).errors); the GraphQL report may carry more. */
const MAX_STORED_ERRORS = 1000;

/** Thrown by ImportRun.add when the run must stop reading (ImportLimits). */
export class StopImport extends Error {
  constructor(readonly stop: ImportStop) {
    super(stop.message);
  }
}

function insertedIds(outcomes: UpsertOutcome[]): string[] {
  return outcomes.filter(isStored).filter((o) => o.inserted).map((o) => o.id);
}

/** A row the store refused, as a row error: a capacity conflict or an unknown lead. */
function refusal(o: UpsertOutcome): { field: string; message: string } | null {
  if ('conflict' in o) return { field: 'capacity', message: capacityMessage(o) };
  if ('unknownLead' in o) return { field: 'leadDiscordId', message: `leadDiscordId: no member has Discord id ${o.unknownLead}` };
  return null;
}

const capacityMessage = (o: Extract<UpsertOutcome, { conflict: unknown }>) =>
  `capacity: ${o.conflict.capacity} is below the ${o.conflict.accepted} members already accepted`;

export type ImportProgressListener = (job: {
  id: string;
  total: number;
  processed: number;
  failed: number;
}) => void;

/**
 * One import: validates rows (per-row errors with index and field), stores valid rows in chunks (or, when atomic,
 * all at the end in one transaction and only if no row failed), and keeps the ImportJob row up to date.
 */
export class ImportRun {
  private total = 0;
  private processed = 0;
  private created = 0;
  private updated = 0;
  private readonly errors: ErrorSample;
  private readonly pending: { index: number; prepared: PreparedOpening }[] = [];
  private readonly held: { index: number; prepared: PreparedOpening }[] = [];
  private readonly seenExternal = new Map<string, number>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly openings: OpeningsService,
    readonly jobId: string,
    private readonly atomic: boolean,
    private readonly onProgress: ImportProgressListener,
    private readonly expectedTotal: number,
    private readonly limits: ImportLimits,
    /** After each committed chunk: the openings it inserted (NEW_MATCH fan-out). */
    private readonly onInserted: (openingIds: string[]) => Promise<unknown> = async () => {},
  ) {
    this.errors = new ErrorSample(limits.keepErrors);
  }

  /** Rows known so far: the declared total (GraphQL input) or the rows read from an upload. */
  private get knownTotal(): number {
    return Math.max(this.total, this.expectedTotal);
  }

  private fail(index: number, field: string, message: string): void {
    this.errors.add({ index, field, message });
    this.processed++;
  }

  /** Throws StopImport when the input is over the row limit. */
  private checkRowLimit(): void {
    const { maxRows } = this.limits;
    if (maxRows !== undefined && this.total > maxRows) {
      throw new StopImport({
        reason: 'TOO_MANY_ROWS',
        message: `file: more than ${maxRows} rows in one upload; split the file (re-uploading rows with an externalId updates them)`,
      });
    }
  }

  /** Throws StopImport when nearly every row so far was bad. */
  private checkGiveUp(): void {
    const { giveUp } = this.limits;
    if (giveUp && this.total >= giveUp.afterRows && this.errors.count > giveUp.ratio * this.total) {
      throw new StopImport({
        reason: 'MOSTLY_BAD',
        message: `file: stopped after ${this.total} rows because ${this.errors.count} of them are bad (more than ${giveUp.ratio * 100}%); is this the right file and format?`,
      });
    }
  }

  async add(row: ImportRow): Promise<void> {
    this.total++;
    this.checkRowLimit();
    await this.addRow(row);
    this.checkGiveUp();
  }

  private async addRow(row: ImportRow): Promise<void> {
    if ('error' in row) return this.fail(row.index, row.error.field, row.error.message);
    let prepared: PreparedOpening;
    try {
      prepared = prepareOpening(row.input);
    } catch (error) {
      if (error instanceof BadInputError) return this.fail(row.index, error.field, error.message);
      throw error;
    }
    const ext = prepared.opening.externalId;
    if (ext !== null) {
      const first = this.seenExternal.get(ext);
      if (first !== undefined)
        return this.fail(
          row.index,
          'externalId',
          `externalId: duplicate of row ${first} in this import`,
        );
      this.seenExternal.set(ext, row.index);
    }
    (this.atomic ? this.held : this.pending).push({ index: row.index, prepared });
    if (this.pending.length >= CHUNK) await this.flush();
    else if (this.atomic && this.held.length % CHUNK === 0) await this.saveProgress();
  }

  /** Counts stored rows; a capacity conflict (checked under the opening's lock) is a row error like any other. */
  private count(rows: { index: number }[], outcomes: UpsertOutcome[]): void {
    outcomes.forEach((o, i) => {
      const refused = refusal(o);
      if (refused || !isStored(o)) return this.fail(rows[i]!.index, refused!.field, refused!.message);
      if (o.inserted) this.created++;
      else this.updated++;
      this.processed++;
    });
  }

  private async store(rows: { index: number; prepared: PreparedOpening }[]): Promise<void> {
    const outcomes = await this.openings.upsertPrepared(rows.map((r) => r.prepared));
    this.count(rows, outcomes);
    await this.saveProgress();
    await this.onInserted(insertedIds(outcomes));
  }

  private readonly inFlight: Promise<void>[] = [];

  /**
   * Stores the pending chunk without waiting for it: up to STORE_PARALLELISM chunks are embedded and written at
   * once (pgvector's HNSW inserts run in parallel backends) while the next rows are read and validated. A failure
   * surfaces at the next flush or at finish.
   */
  private async flush(): Promise<void> {
    const rows = this.pending.splice(0);
    while (this.inFlight.length >= STORE_PARALLELISM) await this.inFlight.shift();
    if (rows.length === 0) return;
    const work = this.store(rows);
    work.catch(() => {}); // handled here; the failure surfaces when the promise is awaited
    this.inFlight.push(work);
  }

  private async settle(): Promise<void> {
    while (this.inFlight.length > 0) await this.inFlight.shift();
  }

  async saveProgress(): Promise<void> {
    const heldCount = this.atomic ? this.held.length : 0;
    this.onProgress({
      id: this.jobId,
      total: this.knownTotal,
      processed: this.processed + heldCount,
      failed: this.errors.count,
    });
    await this.deps.db.prisma.importJob.update({
      where: { id: this.jobId },
      data: {
        total: this.knownTotal,
        processed: this.processed,
        created: this.created,
        updated: this.updated,
        failed: this.errors.count,
        errors: this.errors.first().slice(0, MAX_STORED_ERRORS) as unknown as Prisma.InputJsonValue,
      },
    });
  }

  /** Stores what is left and records the result; `stopped` (the run stopped reading early) makes it FAILED. */
  async finish(stopped?: ImportStop): Promise<ImportReport> {
    let status: 'SUCCEEDED' | 'FAILED' = stopped ? 'FAILED' : 'SUCCEEDED';
    if (this.atomic) {
      if (stopped || this.errors.count > 0) {
        status = 'FAILED';
        this.processed += this.held.length;
      } else if (!(await this.storeAll())) {
        status = 'FAILED';
      }
      this.held.length = 0;
    } else {
      await this.flush();
      await this.settle();
    }
    const errors = this.errors.first().slice(0, MAX_STORED_ERRORS);
    if (stopped) errors.push({ index: -1, field: 'file', message: stopped.message });
    await this.deps.db.prisma.importJob.update({
      where: { id: this.jobId },
      data: {
        status,
        total: this.total,
        processed: this.processed,
        created: this.created,
        updated: this.updated,
        failed: this.errors.count,
        errors: errors as unknown as Prisma.InputJsonValue,
        finishedAt: new Date(),
      },
    });
    this.onProgress({
      id: this.jobId,
      total: this.total,
      processed: this.processed,
      failed: this.errors.count,
    });
    return {
      jobId: this.jobId,
      created: this.created,
      updated: this.updated,
      failed: this.errors.first(),
      failedCount: this.errors.count,
      status,
      ...(stopped ? { stopped } : {}),
    };
  }

  /**
   * Atomic: embeds every held row (outside the transaction, with progress), then writes every row and its vector
   * in one transaction. A capacity conflict found under the row locks rolls it all back; false then.
   */
  private async storeAll(): Promise<boolean> {
    const prepared = this.held.map((r) => r.prepared);
    const vectors: Float32Array[] = [];
    const model = this.deps.embedding.serving;
    for (let i = 0; i < prepared.length; i += CHUNK) {
      const part = prepared.slice(i, i + CHUNK);
      vectors.push(...(await model.embedder.embed(part.map((r) => r.sentence))));
    }
    const conflicts = new Error('capacity conflicts');
    let outcomes: UpsertOutcome[] = [];
    try {
      await this.deps.db.prisma.$transaction(
        async (tx) => {
          for (let i = 0; i < prepared.length; i += CHUNK)
            outcomes.push(...(await this.openings.upsertRows(tx, prepared.slice(i, i + CHUNK))));
          if (outcomes.some((o) => !isStored(o))) throw conflicts;
          await this.openings.writeVectors(tx, outcomes as never, prepared, vectors, model.modelKey);
        },
        { timeout: 600_000, maxWait: 30_000 },
      );
    } catch (error) {
      if (error !== conflicts) throw error;
      outcomes.forEach((o, i) => {
        const refused = refusal(o);
        if (refused) this.fail(this.held[i]!.index, refused.field, refused.message);
        else this.processed++;
      });
      outcomes = [];
      return false;
    }
    this.count(this.held, outcomes);
    const inserted = insertedIds(outcomes);
    for (let i = 0; i < inserted.length; i += CHUNK) await this.onInserted(inserted.slice(i, i + CHUNK));
    return true;
  }

  /**
   * The job could not finish (database down, malformed file): record why; rows already stored stay. When the
   * database itself is down, the record is retried in the background until it is back (up to 10 minutes).
   */
  async abort(reason: string): Promise<void> {
    await Promise.allSettled(this.inFlight);
    const errors = [...this.errors.first().slice(0, MAX_STORED_ERRORS), { index: -1, field: 'file', message: storableText(reason.split('\n').find((l) => l.trim()) ?? reason) }];
    const data = {
      status: 'FAILED' as const,
      total: this.knownTotal,
      processed: this.processed,
      created: this.created,
      updated: this.updated,
      failed: this.errors.count,
      errors: errors as unknown as Prisma.InputJsonValue,
      finishedAt: new Date(),
    };
    const record = () => this.deps.db.prisma.importJob.update({ where: { id: this.jobId }, data });
    try {
      await record();
    } catch {
      const started = Date.now();
      const retry = () => {
        record().catch((error: unknown) => {
          if (Date.now() - started < 600_000) setTimeout(retry, 5000).unref();
          else this.deps.log.error({ err: error, jobId: this.jobId }, 'could not record import failure');
        });
      };
      setTimeout(retry, 5000).unref();
    }
  }
}
