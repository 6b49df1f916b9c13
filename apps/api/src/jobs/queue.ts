/** The kinds of durable job. Each payload names the job's own row (its state lives there, not in the queue). */
export interface JobPayloads {
  import: { importJobId: string };
  reembed: { reembedJobId: string };
  'new-matches': { openingIds: string[] };
}

export type JobKind = keyof JobPayloads;
export const JOB_KINDS: JobKind[] = ['import', 'reembed', 'new-matches'];

/**
 * 'continue': the handler stopped at the end of its time slice (JOB_SLICE_MS) with work left, its progress
 * committed; the queue runs it again, on whichever process fetches it first.
 */
export type JobOutcome = 'done' | 'continue';

export type JobHandler<K extends JobKind> = (payload: JobPayloads[K]) => Promise<JobOutcome>;

/** A handler returns 'continue' after about this long, so a job never holds its lease near the end. */
export const JOB_SLICE_MS = 10_000;
/** A job whose process died is handed to another after this (pg-boss's expireInSeconds). */
export const JOB_LEASE_SECONDS = 30;

export interface JobQueue {
  /** 'postgres': pg-boss, shared by every replica; 'in-process': embedded PGlite, one process. */
  readonly kind: 'postgres' | 'in-process';
  work<K extends JobKind>(kind: K, handler: JobHandler<K>): Promise<void>;
  /** `leaseSeconds` for a job that cannot be cut into slices (an atomic import). */
  send<K extends JobKind>(kind: K, payload: JobPayloads[K], options?: { leaseSeconds?: number }): Promise<void>;
  /** Stops taking jobs and waits for the running slices (each ends within JOB_SLICE_MS). */
  stop(): Promise<void>;
}
