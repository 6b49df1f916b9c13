import type { Prisma, PrismaClient } from '@moim/db';
import { BadInputError } from '../../errors/domain-errors';
import { prepareOpening } from '../openings/service';
import { ErrorSample } from './error-sample';
import type { ImportLimits, ImportRow, ImportStop } from './import-types';

/** What import_job_rows.row holds: an input that passed the checks made while reading. */
export interface StoredRow {
  input: unknown;
}

/** Rows written per INSERT while an upload is read. */
const INTAKE_BATCH = 500;
/** While an upload is read its job is touched this often, so the stale-job sweep can tell a dead reader. */
export const INTAKE_HEARTBEAT_MS = 15_000;

export class StopIntake extends Error {
  constructor(readonly stop: ImportStop) {
    super(stop.message);
  }
}

/**
 * A row's verdict as the upload is read: the same checks the import applies (normalisation naming the field,
 * duplicate externalIds within the upload), so the limits that stop reading (MOSTLY_BAD) can be applied here.
 */
function verdict(row: ImportRow, seenExternal: Map<string, number>): StoredRow | { error: { field: string; message: string } } {
  if ('error' in row) return { error: row.error };
  let externalId: string | null;
  try {
    externalId = prepareOpening(row.input).opening.externalId;
  } catch (error) {
    if (!(error instanceof BadInputError)) throw error;
    return { error: { field: error.field, message: error.message } };
  }
  if (externalId !== null) {
    const first = seenExternal.get(externalId);
    if (first !== undefined) return { error: { field: 'externalId', message: `externalId: duplicate of row ${first} in this import` } };
    seenExternal.set(externalId, row.index);
  }
  return { input: row.input };
}

/**
 * Accepts an upload durably: creates its ImportJob, writes every good row to import_job_rows as it is read (bad
 * rows are only counted, their first errors kept), then marks the job accepted with those counts. From then on any replica can run the import, and resume it after a crash.
 * Limits that stop reading (too many rows, nearly all bad) are recorded on the job: the rows read so far are still
 * imported, then the job ends FAILED with that reason, as before. A failure while reading (malformed file, the
 * database away) leaves the job unaccepted: the caller records why.
 */
export async function acceptUpload(
  prisma: PrismaClient,
  rows: AsyncIterable<ImportRow>,
  options: { atomic: boolean; limits: ImportLimits; onJob?: (jobId: string) => void },
): Promise<{ jobId: string; total: number }> {
  const job = await prisma.importJob.create({ data: { total: 0, atomic: options.atomic, keepErrors: options.limits.keepErrors } });
  options.onJob?.(job.id);
  const { maxRows, giveUp } = options.limits;
  const seenExternal = new Map<string, number>();
  let batch: Prisma.ImportJobRowCreateManyInput[] = [];
  let total = 0;
  const bad = new ErrorSample(options.limits.keepErrors);
  const heartbeat = setInterval(() => {
    prisma.importJob.update({ where: { id: job.id }, data: { total } }).catch(() => {});
  }, INTAKE_HEARTBEAT_MS);
  heartbeat.unref();
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await prisma.importJobRow.createMany({ data: rows });
    await prisma.importJob.update({ where: { id: job.id }, data: { total } });
  };
  let stop: ImportStop | undefined;
  try {
    for await (const row of rows) {
      if (maxRows !== undefined && total >= maxRows) {
        stop = {
          reason: 'TOO_MANY_ROWS',
          message: `file: more than ${maxRows} rows in one upload; split the file (re-uploading rows with an externalId updates them)`,
        };
        total++;
        break;
      }
      total++;
      const stored = verdict(row, seenExternal);
      if ('error' in stored) bad.add({ index: row.index, ...stored.error });
      else batch.push({ jobId: job.id, index: row.index, row: stored as unknown as Prisma.InputJsonValue });
      if (batch.length >= INTAKE_BATCH) await flush();
      if (giveUp && total >= giveUp.afterRows && bad.count > giveUp.ratio * total) {
        stop = {
          reason: 'MOSTLY_BAD',
          message: `file: stopped after ${total} rows because ${bad.count} of them are bad (more than ${giveUp.ratio * 100}%); is this the right file and format?`,
        };
        break;
      }
    }
    await flush();
  } finally {
    clearInterval(heartbeat);
  }
  await prisma.importJob.update({
    where: { id: job.id },
    data: {
      total,
      acceptedAt: new Date(),
      processed: bad.count,
      failed: bad.count,
      errors: bad.first() as unknown as Prisma.InputJsonValue,
      ...(stop ? { stopReason: stop.reason, stopMessage: stop.message } : {}),
    },
  });
  return { jobId: job.id, total };
}
