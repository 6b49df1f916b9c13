import { MatchingInputError, type OpeningInput } from '@moim/matching';
import type { Prisma } from '@moim/db';
import type { ImportErrorRow, ImportJobParent } from '../graphql/mappers';
import { badInput } from '../graphql/errors';
import { IMPORT_INTERRUPTED, isDatabaseOutage } from '../database-errors';
import type { ServiceDeps } from './deps';
import { prepareOpening, type OpeningsService, type PreparedOpening } from './openings';

/** One row of an upload: parsed input, or a parse error for that row. */
export type ImportRow =
  | { index: number; input: OpeningInput }
  | { index: number; error: { field: string; message: string } };

export interface ImportReport {
  jobId: string;
  created: number;
  updated: number;
  failed: ImportErrorRow[];
  status: 'SUCCEEDED' | 'FAILED';
}

export const MAX_GRAPHQL_IMPORT_ROWS = 10_000;
const CHUNK = 500;
const STORE_PARALLELISM = 2;
const MAX_STORED_ERRORS = 1000;

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
class ImportRun {
  private total = 0;
  private processed = 0;
  private created = 0;
  private updated = 0;
  private readonly errors: ImportErrorRow[] = [];
  private readonly pending: { index: number; prepared: PreparedOpening }[] = [];
  private readonly held: { index: number; prepared: PreparedOpening }[] = [];
  private readonly seenExternal = new Map<string, number>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly openings: OpeningsService,
    readonly jobId: string,
    private readonly atomic: boolean,
    private readonly onProgress: ImportProgressListener,
    private readonly expectedTotal = 0,
  ) {}

  /** Rows known so far: the declared total (GraphQL input) or the rows read from an upload. */
  private get knownTotal(): number {
    return Math.max(this.total, this.expectedTotal);
  }

  private fail(index: number, field: string, message: string): void {
    this.errors.push({ index, field, message });
    this.processed++;
  }

  async add(row: ImportRow): Promise<void> {
    this.total++;
    if ('error' in row) return this.fail(row.index, row.error.field, row.error.message);
    let prepared: PreparedOpening;
    try {
      prepared = prepareOpening(row.input);
    } catch (error) {
      const cause = (error as { originalError?: unknown }).originalError ?? error;
      const ext = (error as { extensions?: { field?: string } }).extensions;
      if (cause instanceof MatchingInputError || ext?.field) {
        return this.fail(
          row.index,
          ext?.field ?? (cause as MatchingInputError).field,
          (error as Error).message,
        );
      }
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

  /** Capacity below the accepted count of an existing opening is a row error, like any other bad field. */
  private async capacityErrors(
    rows: { index: number; prepared: PreparedOpening }[],
  ): Promise<Set<number>> {
    const ids = rows
      .map((r) => r.prepared.opening.externalId)
      .filter((x): x is string => x !== null);
    if (ids.length === 0) return new Set();
    const existing = await this.deps.db.prisma.opening.findMany({
      where: { externalId: { in: ids } },
      select: {
        externalId: true,
        _count: { select: { applications: { where: { status: 'ACCEPTED' } } } },
      },
    });
    const accepted = new Map(existing.map((e) => [e.externalId!, e._count.applications]));
    const bad = new Set<number>();
    for (const r of rows) {
      const n =
        r.prepared.opening.externalId !== null
          ? (accepted.get(r.prepared.opening.externalId) ?? 0)
          : 0;
      if (r.prepared.opening.capacity < n) {
        bad.add(r.index);
        this.fail(
          r.index,
          'capacity',
          `capacity: ${r.prepared.opening.capacity} is below the ${n} members already accepted`,
        );
      }
    }
    return bad;
  }

  private async store(rows: { index: number; prepared: PreparedOpening }[]): Promise<void> {
    const stored = await this.openings.upsertPrepared(rows.map((r) => r.prepared));
    for (const s of stored) {
      if (s.inserted) this.created++;
      else this.updated++;
    }
    this.processed += rows.length;
    await this.saveProgress();
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
    const work = (async () => {
      const bad = await this.capacityErrors(rows);
      await this.store(rows.filter((r) => !bad.has(r.index)));
    })();
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
      failed: this.errors.length,
    });
    await this.deps.db.prisma.importJob.update({
      where: { id: this.jobId },
      data: {
        total: this.knownTotal,
        processed: this.processed,
        created: this.created,
        updated: this.updated,
        failed: this.errors.length,
        errors: this.errors.slice(0, MAX_STORED_ERRORS) as unknown as Prisma.InputJsonValue,
      },
    });
  }

  async finish(): Promise<ImportReport> {
    let status: 'SUCCEEDED' | 'FAILED' = 'SUCCEEDED';
    if (this.atomic) {
      const bad =
        this.errors.length === 0 ? await this.capacityErrors(this.held) : new Set<number>();
      if (this.errors.length > 0 || bad.size > 0) {
        status = 'FAILED';
        this.processed += this.held.length - bad.size;
      } else {
        // Embed first (outside the transaction, with progress), then every row and its vector in one transaction.
        const prepared = this.held.map((r) => r.prepared);
        const vectors: Float32Array[] = [];
        const model = this.deps.embedding.serving;
        for (let i = 0; i < prepared.length; i += CHUNK) {
          const part = prepared.slice(i, i + CHUNK);
          vectors.push(...(await model.embedder.embed(part.map((r) => r.sentence))));
        }
        const stored = await this.deps.db.prisma.$transaction(
          async (tx) => {
            const all = [];
            for (let i = 0; i < prepared.length; i += CHUNK)
              all.push(...(await this.openings.upsertRows(tx, prepared.slice(i, i + CHUNK))));
            await this.openings.writeVectors(tx, all, prepared, vectors, model.modelKey);
            return all;
          },
          { timeout: 600_000, maxWait: 30_000 },
        );
        for (const s of stored) {
          if (s.inserted) this.created++;
          else this.updated++;
        }
        this.processed += this.held.length;
      }
      this.held.length = 0;
    } else {
      await this.flush();
      await this.settle();
    }
    this.errors.sort((a, b) => a.index - b.index);
    await this.deps.db.prisma.importJob.update({
      where: { id: this.jobId },
      data: {
        status,
        total: this.total,
        processed: this.processed,
        created: this.created,
        updated: this.updated,
        failed: this.errors.length,
        errors: this.errors.slice(0, MAX_STORED_ERRORS) as unknown as Prisma.InputJsonValue,
        finishedAt: new Date(),
      },
    });
    this.onProgress({
      id: this.jobId,
      total: this.total,
      processed: this.processed,
      failed: this.errors.length,
    });
    return {
      jobId: this.jobId,
      created: this.created,
      updated: this.updated,
      failed: this.errors,
      status,
    };
  }

  /**
   * The job could not finish (database down, malformed file): record why; rows already stored stay. When the
   * database itself is down, the record is retried in the background until it is back (up to 10 minutes).
   */
  async abort(reason: string): Promise<void> {
    await Promise.allSettled(this.inFlight);
    this.errors.push({ index: -1, field: 'file', message: reason.split('\n').find((l) => l.trim()) ?? reason });
    const data = {
      status: 'FAILED' as const,
      total: this.knownTotal,
      processed: this.processed,
      created: this.created,
      updated: this.updated,
      failed: this.errors.length,
      errors: this.errors.slice(0, MAX_STORED_ERRORS) as unknown as Prisma.InputJsonValue,
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

export class ImportsService {
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly openings: OpeningsService,
    private readonly onProgress: ImportProgressListener = () => {},
  ) {}

  job(id: string): Promise<ImportJobParent | null> {
    return this.deps.db.prisma.importJob.findUnique({ where: { id } });
  }

  jobs(first: number): Promise<ImportJobParent[]> {
    return this.deps.db.prisma.importJob.findMany({ orderBy: { createdAt: 'desc' }, take: first });
  }

  /** Resolves when every import in flight has finished (graceful shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  async start(atomic: boolean, total = 0): Promise<ImportRun> {
    const job = await this.deps.db.prisma.importJob.create({ data: { total } });
    return new ImportRun(this.deps, this.openings, job.id, atomic, this.onProgress, total);
  }

  /** The GraphQL importOpenings path. */
  async importInputs(inputs: OpeningInput[], atomic: boolean): Promise<ImportReport> {
    if (inputs.length > MAX_GRAPHQL_IMPORT_ROWS) {
      throw badInput(
        'input',
        inputs.length,
        `input: at most ${MAX_GRAPHQL_IMPORT_ROWS} rows per request; use POST /admin/openings/import for larger files`,
      );
    }
    return this.importRows(
      (async function* () {
        for (const [index, input] of inputs.entries()) yield { index, input };
      })(),
      atomic,
      inputs.length,
    );
  }

  /** Streams rows through one import run (the upload path and the GraphQL path). */
  importRows(
    rows: AsyncIterable<ImportRow>,
    atomic: boolean,
    total = 0,
    onJob?: (jobId: string) => void,
  ): Promise<ImportReport> {
    const work = (async () => {
      const run = await this.start(atomic, total);
      onJob?.(run.jobId);
      try {
        for await (const row of rows) await run.add(row);
        return await run.finish();
      } catch (error) {
        await run.abort(isDatabaseOutage(error) ? IMPORT_INTERRUPTED : error instanceof Error ? error.message : String(error));
        throw error;
      }
    })();
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => {});
    return work;
  }
}
