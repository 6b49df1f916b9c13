// Progress math shared by the upload and job bars. Percentages are integers 0..100 and never
// claim 100 before the work is really done (a 99.6% upload shows 99, not 100).

export function percent(done: number, total: number): number {
  if (!Number.isFinite(done) || !Number.isFinite(total) || total <= 0) return 0;
  if (done >= total) return 100;
  return Math.max(0, Math.floor((done / total) * 100));
}

export interface JobCounts {
  status: string;
  total: number | null;
  processed: number;
}

const FINISHED = new Set(['SUCCEEDED', 'COMPLETED', 'DONE', 'FAILED', 'CANCELLED', 'CANCELED']);

export function isFinished(status: string): boolean {
  return FINISHED.has(status.toUpperCase());
}

export function isFailed(status: string): boolean {
  return status.toUpperCase() === 'FAILED';
}

/**
 * Job percent; a finished job is complete, a running one stays below 100. `expectedTotal` is what the client
 * knows the job will reach (the rows in the file) while the server's total only counts rows read so far.
 */
export function jobPercent(job: JobCounts, expectedTotal = 0): number {
  if (isFinished(job.status) && !isFailed(job.status)) return 100;
  const total = Math.max(job.total ?? 0, expectedTotal);
  if (total === 0) return 0;
  return Math.min(percent(job.processed, total), 99);
}

/** Rows per second and a remaining-time estimate from two observations. */
export function rate(
  first: { at: number; processed: number },
  last: { at: number; processed: number },
  total: number | null,
): { perSecond: number; remainingSeconds: number | null } {
  const seconds = (last.at - first.at) / 1000;
  const perSecond = seconds > 0 ? Math.max(0, (last.processed - first.processed) / seconds) : 0;
  const remainingSeconds =
    total !== null && perSecond > 0 ? Math.max(0, Math.ceil((total - last.processed) / perSecond)) : null;
  return { perSecond, remainingSeconds };
}
