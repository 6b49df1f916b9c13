import type { PrismaClient } from '@moim/db';
import { JOB_LEASE_SECONDS, type JobQueue } from '../../jobs/queue';
import { INTAKE_HEARTBEAT_MS } from './intake';

/** An upload whose reader stopped touching its job this long ago was cut off (its process died). */
export const CUT_OFF_AFTER_MS = 3 * INTAKE_HEARTBEAT_MS;
/** An accepted import without progress this long is sent to the queue again (it may have been lost before sending). */
export const RESEND_AFTER_MS = 3 * JOB_LEASE_SECONDS * 1000;
/** An accepted import without progress this long is given up: it ends FAILED, saying what to re-upload. */
export const GIVE_UP_AFTER_MS = 15 * 60_000;

export const UPLOAD_CUT_OFF =
  'upload: the upload was cut off before the whole file was received (the API process reading it stopped); nothing from it was stored, re-upload the file';

const givenUp = (stored: number) =>
  `import: no progress for ${GIVE_UP_AFTER_MS / 60_000} minutes; the first ${stored} rows are stored, re-upload the file to finish (rows with an externalId are updated, never duplicated)`;

/**
 * Ends or restarts imports nobody is running, so none stays RUNNING forever: every replica runs this now and then
 * (each statement is idempotent). Jobs whose queue entry pg-boss still retries are left alone until they stop
 * making progress.
 */
export async function sweepStaleImports(
  prisma: PrismaClient,
  queue: JobQueue,
  /** When this process last sent each stalled job again: once per RESEND_AFTER_MS is enough. */
  resentAt: Map<string, number>,
  now = Date.now(),
): Promise<{ cutOff: number; resent: number; givenUp: number }> {
  const cutOff = await prisma.importJob.findMany({
    where: { status: 'RUNNING', acceptedAt: null, updatedAt: { lt: new Date(now - CUT_OFF_AFTER_MS) } },
    select: { id: true },
  });
  for (const { id } of cutOff) {
    await prisma.$transaction([
      prisma.importJob.updateMany({
        where: { id, status: 'RUNNING', acceptedAt: null },
        data: { status: 'FAILED', finishedAt: new Date(), errors: [{ index: -1, field: 'file', message: UPLOAD_CUT_OFF }] },
      }),
      prisma.importJobRow.deleteMany({ where: { jobId: id } }),
    ]);
  }
  const stalled = await prisma.importJob.findMany({
    where: { status: 'RUNNING', acceptedAt: { not: null }, updatedAt: { lt: new Date(now - RESEND_AFTER_MS) } },
    select: { id: true, updatedAt: true, nextIndex: true, created: true, updated: true, errors: true },
  });
  let resent = 0;
  let abandoned = 0;
  for (const job of stalled) {
    if (job.updatedAt.getTime() < now - GIVE_UP_AFTER_MS) {
      const errors = [...(Array.isArray(job.errors) ? job.errors : []), { index: -1, field: 'file', message: givenUp(job.created + job.updated) }];
      const { count } = await prisma.importJob.updateMany({
        where: { id: job.id, status: 'RUNNING', nextIndex: job.nextIndex },
        data: { status: 'FAILED', finishedAt: new Date(), errors },
      });
      if (count > 0) await prisma.importJobRow.deleteMany({ where: { jobId: job.id } });
      abandoned += count;
    } else if ((resentAt.get(job.id) ?? 0) < now - RESEND_AFTER_MS) {
      await queue.send('import', { importJobId: job.id });
      resentAt.set(job.id, now);
      resent++;
    }
  }
  for (const id of resentAt.keys()) if (!stalled.some((j) => j.id === id)) resentAt.delete(id);
  return { cutOff: cutOff.length, resent, givenUp: abandoned };
}
