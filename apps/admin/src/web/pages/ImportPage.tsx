import { useEffect, useRef, useState } from 'react';
import { ApiError, graphqlRequest } from '../../lib/graphql';
import { CSV_COLUMNS, lineOfRow, previewOpeningsFile, type OpeningsFilePreview } from '../../lib/openings-file';
import { isFailed, isFinished, jobPercent, percent, rate } from '../../lib/progress';
import { jobIdOf, uploadErrorMessage, uploadOpeningsFile } from '../../lib/upload';
import { IMPORT_JOB } from '../operations';
import { ProgressBar } from '../ProgressBar';
import type { ImportJob } from '../types';

const POLL_MS = 400;
const MAX_ERROR_ROWS = 1000;

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; loaded: number; total: number }
  | { kind: 'importing'; jobId: string }
  | { kind: 'done' }
  | { kind: 'error'; message: string };

export function ImportPage(props: { adminKey: string; onUnauthorized: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<OpeningsFilePreview | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [uploadPercent, setUploadPercent] = useState(0);
  const [job, setJob] = useState<ImportJob | null>(null);
  const firstSeen = useRef<{ at: number; processed: number } | null>(null);
  const onUnauthorized = useRef(props.onUnauthorized);
  onUnauthorized.current = props.onUnauthorized;
  const { adminKey } = props;
  const [speed, setSpeed] = useState<string | null>(null);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setJob(null);
    setUploadPercent(0);
    setPhase({ kind: 'idle' });
    if (chosen) setPreview(previewOpeningsFile(chosen.name, await chosen.text()));
  };

  const start = async () => {
    if (!file || !preview) return;
    setJob(null);
    setSpeed(null);
    firstSeen.current = null;
    setUploadPercent(0);
    setPhase({ kind: 'uploading', loaded: 0, total: file.size });
    try {
      const result = await uploadOpeningsFile({
        file,
        contentType: preview.contentType,
        adminKey: props.adminKey,
        onProgress: ({ loaded, total }) => {
          setUploadPercent(percent(loaded, total));
          setPhase({ kind: 'uploading', loaded, total });
        },
      });
      if (result.status === 401) {
        setPhase({ kind: 'error', message: `The API refused the key: ${uploadErrorMessage(result)}` });
        return;
      }
      if (result.status < 200 || result.status >= 300) {
        setPhase({ kind: 'error', message: `Upload refused: ${uploadErrorMessage(result)}` });
        return;
      }
      setUploadPercent(100);
      const jobId = jobIdOf(result.body);
      if (!jobId) {
        setPhase({ kind: 'error', message: `The API answered without a job id: ${result.text.slice(0, 300)}` });
        return;
      }
      setPhase({ kind: 'importing', jobId });
    } catch (error) {
      setPhase({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const jobId = phase.kind === 'importing' ? phase.jobId : null;
  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const data = await graphqlRequest<{ importJob: ImportJob | null }>(IMPORT_JOB, { id: jobId }, adminKey);
        if (stopped) return;
        const current = data.importJob;
        if (!current) throw new Error(`import job ${jobId} is unknown to the API`);
        setJob(current);
        const now = { at: Date.now(), processed: current.processed };
        firstSeen.current ??= now;
        const { perSecond, remainingSeconds } = rate(firstSeen.current, now, current.total);
        if (perSecond > 0)
          setSpeed(
            `${Math.round(perSecond)} rows/s${remainingSeconds !== null ? ` · about ${remainingSeconds}s left` : ''}`,
          );
        if (isFinished(current.status)) {
          setPhase(
            isFailed(current.status)
              ? {
                  kind: 'error',
                  message: `The import job failed after ${current.processed} row(s)${current.error ? `: ${current.error}` : '.'}`,
                }
              : { kind: 'done' },
          );
          return;
        }
        timer = setTimeout(poll, POLL_MS);
      } catch (error) {
        if (stopped) return;
        if (error instanceof ApiError && error.kind === 'unauthenticated') onUnauthorized.current();
        setPhase({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId, adminKey]);

  const busy = phase.kind === 'uploading' || phase.kind === 'importing';
  const canUpload = !!file && !!preview && preview.problems.length === 0 && !busy;
  const showProgress = phase.kind !== 'idle' || job !== null;

  return (
    <section>
      <h1>Import openings</h1>
      <p className="muted">
        CSV with the header <code>{CSV_COLUMNS.join(',')}</code> (stacks and tags separated by <code>;</code> or{' '}
        <code>|</code>), or JSON Lines with the same fields. Rows with an existing <code>externalId</code> are
        updated, never duplicated.
      </p>

      <div className="card">
        <label htmlFor="openings-file">File</label>
        <input
          id="openings-file"
          type="file"
          accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
          disabled={busy}
          onChange={(event) => void choose(event.target.files?.[0] ?? null)}
        />
        {preview && file && <PreviewSummary file={file} preview={preview} />}
        <button type="button" disabled={!canUpload} onClick={() => void start()}>
          {busy ? 'Importing…' : 'Upload and import'}
        </button>
      </div>

      {showProgress && (
        <div className="card">
          <ProgressBar
            testId="upload-progress"
            label="Upload"
            value={uploadPercent}
            detail={phase.kind === 'uploading' ? `${formatBytes(phase.loaded)} of ${formatBytes(phase.total)}` : undefined}
          />
          <ProgressBar
            testId="import-progress"
            label="Import"
            value={job ? jobPercent(job) : 0}
            failed={job ? isFailed(job.status) : false}
            detail={
              job
                ? `${job.processed} of ${job.total} rows · ${job.status}${speed && !isFinished(job.status) ? ` · ${speed}` : ''}`
                : 'waiting for the upload'
            }
          />
          {phase.kind === 'error' && (
            <p className="error" role="alert" data-testid="import-error">
              {phase.message}
            </p>
          )}
          {job && isFinished(job.status) && (
            <p className="summary" data-testid="import-summary">
              Created {job.created} · updated {job.updated} · rejected {job.failed}
            </p>
          )}
        </div>
      )}

      {job && job.errors.length > 0 && <RejectedRows job={job} preview={preview} />}
    </section>
  );
}

function PreviewSummary(props: { file: File; preview: OpeningsFilePreview }) {
  const { preview } = props;
  const columns = Array.from(new Set(preview.sample.flatMap((row) => Object.keys(row))));
  return (
    <div className="preview" data-testid="file-preview">
      <p>
        <strong>{props.file.name}</strong> · {formatBytes(props.file.size)} · {preview.format.toUpperCase()} ·{' '}
        <span data-testid="preview-rows">{preview.rowCount}</span> row(s)
      </p>
      {preview.problems.map((problem) => (
        <p key={problem} className="error">
          {problem}
        </p>
      ))}
      {preview.warnings.map((warning) => (
        <p key={warning} className="warning">
          {warning}
        </p>
      ))}
      {preview.sample.length > 0 && (
        <div className="table-wrap">
          <table className="compact">
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column}>{column}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((row, i) => (
                <tr key={i}>
                  {columns.map((column) => (
                    <td key={column}>{formatCell(row[column])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function RejectedRows(props: { job: ImportJob; preview: OpeningsFilePreview | null }) {
  const rows = [...props.job.errors].sort((a, b) => a.index - b.index);
  const shown = rows.slice(0, MAX_ERROR_ROWS);
  return (
    <div className="card">
      <h2>Rejected rows ({rows.length})</h2>
      <table data-testid="rejected-rows">
        <thead>
          <tr>
            <th>Row</th>
            <th>Line</th>
            <th>externalId</th>
            <th>Field</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((error, i) => (
            <tr key={`${error.index}-${error.field}-${i}`}>
              <td>{error.index + 1}</td>
              <td>{props.preview ? (lineOfRow(props.preview, error.index) ?? '—') : '—'}</td>
              <td>{props.preview?.rowIds[error.index] ?? '—'}</td>
              <td>
                <code>{error.field}</code>
              </td>
              <td>{error.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown.length && <p className="muted">{rows.length - shown.length} more not shown.</p>}
    </div>
  );
}

function formatCell(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
