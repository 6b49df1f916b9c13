// One upload of an openings file, start to finish, reported as snapshots for the import page.
//
// The API reads the body as it streams in and answers only when every row is processed, so the job id normally
// arrives with the answer. To show the job's progress while the file is still being read, the run looks for it
// early: from the x-import-job-id response header when the API flushes headers early, else as the newest import
// job that did not exist before this upload started (importJobs, newest first).
import {
  ImportJobDocument,
  RecentImportJobsDocument,
  type ImportJobFieldsFragment as ImportJob,
  type JobStatus,
} from '../generated/graphql';
import { ApiError, graphqlRequest } from '../lib/graphql';
import type { OpeningsFilePreview } from '../lib/openings-file';
import { isFailed } from '../lib/progress';
import { jobIdOf, uploadErrorMessage, uploadOpeningsFile, UploadTransportError } from '../lib/upload';

const POLL_MS = 300;

/** Why a run failed, as data: the import page words it (detail is the server's own text). */
export type ImportRunMessage =
  | { code: 'keyRefused'; detail: string }
  | { code: 'uploadRefused'; status: number; detail: string }
  | { code: 'noJobId'; detail: string }
  | { code: 'unknownJob'; jobId: string }
  | { code: 'importFailed' }
  | { code: 'importFailedWith'; detail: string }
  | { code: 'network' }
  | { code: 'aborted' }
  | { code: 'unexpected'; detail: string };

export interface ImportRunState {
  phase: 'uploading' | 'processing' | 'done' | 'failed';
  upload: { loaded: number; total: number };
  jobId: string | null;
  job: ImportJob | null;
  message: ImportRunMessage | null;
  /** The API refused the key (the page should sign out). */
  unauthorized: boolean;
}

export async function runImport(options: {
  file: File;
  preview: OpeningsFilePreview;
  adminKey: string;
  onUpdate: (state: ImportRunState) => void;
}): Promise<ImportRunState> {
  const { file, preview, adminKey } = options;
  const state: ImportRunState = {
    phase: 'uploading',
    upload: { loaded: 0, total: file.size },
    jobId: null,
    job: null,
    message: null,
    unauthorized: false,
  };
  const emit = () => options.onUpdate({ ...state, upload: { ...state.upload } });
  emit();

  // Without the list of jobs that existed before, an early guess could pick someone else's job: then wait.
  const knownJobs = await recentJobIds(adminKey, 20).catch(() => null);
  let polling = true;
  let inFlight = false;
  const tick = async () => {
    if (!polling || inFlight) return;
    inFlight = true;
    try {
      if (!state.jobId && knownJobs) {
        const recent = await recentJobIds(adminKey, 5);
        state.jobId = [...recent].find((id) => !knownJobs.has(id)) ?? null;
      }
      if (state.jobId) {
        const job = await fetchJob(state.jobId, adminKey);
        if (polling && job) {
          state.job = job;
          emit();
        }
      }
    } catch {
      // Progress is best effort while the upload runs; the final answer decides.
    } finally {
      inFlight = false;
    }
  };
  const timer = setInterval(() => void tick(), POLL_MS);

  let result;
  try {
    result = await uploadOpeningsFile({
      file,
      contentType: preview.contentType,
      adminKey,
      onProgress: ({ loaded, total }) => {
        state.upload = { loaded, total };
        if (loaded >= total) state.phase = 'processing';
        emit();
      },
      onHeaders: (header) => {
        state.jobId ??= header('x-import-job-id');
      },
    });
  } catch (error) {
    polling = false;
    clearInterval(timer);
    if (error instanceof UploadTransportError) return finish(state, emit, 'failed', { code: error.kind });
    return finish(state, emit, 'failed', { code: 'unexpected', detail: error instanceof Error ? error.message : String(error) });
  }
  polling = false;
  clearInterval(timer);

  if (result.status === 401 || result.status === 403) {
    state.unauthorized = result.status === 401;
    return finish(state, emit, 'failed', { code: 'keyRefused', detail: uploadErrorMessage(result) });
  }
  if (result.status < 200 || result.status >= 300) {
    return finish(state, emit, 'failed', { code: 'uploadRefused', status: result.status, detail: uploadErrorMessage(result) });
  }
  state.upload = { loaded: file.size, total: file.size };
  const jobId = jobIdOf(result.body) ?? state.jobId;
  if (!jobId) return finish(state, emit, 'failed', { code: 'noJobId', detail: result.text.slice(0, 300) });
  state.jobId = jobId;
  try {
    state.job = (await fetchJob(jobId, adminKey)) ?? jobFromAnswer(jobId, result.body);
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'unauthenticated') state.unauthorized = true;
    state.job = jobFromAnswer(jobId, result.body);
  }
  if (!state.job) return finish(state, emit, 'failed', { code: 'unknownJob', jobId });
  if (isFailed(state.job.status)) {
    const message: ImportRunMessage = state.job.error
      ? { code: 'importFailedWith', detail: state.job.error }
      : { code: 'importFailed' };
    return finish(state, emit, 'failed', message);
  }
  return finish(state, emit, 'done', null);
}

function finish(
  state: ImportRunState,
  emit: () => void,
  phase: 'done' | 'failed',
  message: ImportRunMessage | null,
): ImportRunState {
  state.phase = phase;
  state.message = message;
  emit();
  return state;
}

async function recentJobIds(adminKey: string, first: number): Promise<Set<string>> {
  const data = await graphqlRequest(RecentImportJobsDocument, { first }, adminKey);
  return new Set(data.importJobs.map((job) => job.id));
}

async function fetchJob(id: string, adminKey: string): Promise<ImportJob | null> {
  return (await graphqlRequest(ImportJobDocument, { id }, adminKey)).importJob;
}

const JOB_STATUSES: readonly JobStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED'];
const isJobStatus = (value: unknown): value is JobStatus => JOB_STATUSES.includes(value as JobStatus);

/** The upload answer as a job, for when importJob cannot be read. */
function jobFromAnswer(id: string, body: Record<string, unknown> | null): ImportJob | null {
  if (!body) return null;
  const errors = Array.isArray(body.errors) ? (body.errors as ImportJob['errors']) : [];
  const num = (value: unknown) => (typeof value === 'number' ? value : 0);
  const created = num(body.created);
  const updated = num(body.updated);
  const failed = typeof body.failed === 'number' ? body.failed : errors.length;
  return {
    id,
    status: isJobStatus(body.status) ? body.status : 'SUCCEEDED',
    total: created + updated + failed,
    processed: created + updated + failed,
    created,
    updated,
    failed,
    error: null,
    errors,
  };
}
