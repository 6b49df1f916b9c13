import type { OpeningInput } from '@moim/matching';
import type { ImportErrorRow } from './error-sample';

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

/** Bounds of one import; the upload door sets all of them, the GraphQL path (≤ 10,000 rows in memory) none. */
export interface ImportLimits {
  /** Row errors kept in memory, in the report and on the job; the rest are only counted. */
  keepErrors: number;
  /** More data rows than this stops the run (TOO_MANY_ROWS). */
  maxRows?: number;
  /** After `afterRows` rows, more than `ratio` of them bad stops the run (MOSTLY_BAD). */
  giveUp?: { afterRows: number; ratio: number };
}

export type ImportProgressListener = (job: {
  id: string;
  total: number;
  processed: number;
  failed: number;
}) => void;
