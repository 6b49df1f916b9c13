import { useRef, useState } from 'react';
import { CSV_COLUMNS, lineOfRow, previewOpeningsFile, type OpeningsFilePreview } from '../../lib/openings-file';
import { jobPercent, percent, rate } from '../../lib/progress';
import { runImport, type ImportRunState } from '../import-run';
import { ProgressBar } from '../ProgressBar';
import type { ImportJob } from '../types';

const MAX_ERROR_ROWS = 1000;

export function ImportPage(props: { adminKey: string; onUnauthorized: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<OpeningsFilePreview | null>(null);
  const [run, setRun] = useState<ImportRunState | null>(null);
  const [speed, setSpeed] = useState<string | null>(null);
  const firstSeen = useRef<{ at: number; processed: number } | null>(null);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setRun(null);
    if (chosen) setPreview(previewOpeningsFile(chosen.name, await chosen.text()));
  };

  const start = async () => {
    if (!file || !preview) return;
    firstSeen.current = null;
    setSpeed(null);
    const final = await runImport({
      file,
      preview,
      adminKey: props.adminKey,
      onUpdate: (state) => {
        setRun(state);
        if (state.job) {
          const now = { at: Date.now(), processed: state.job.processed };
          firstSeen.current ??= now;
          const { perSecond, remainingSeconds } = rate(firstSeen.current, now, preview.rowCount);
          if (perSecond > 0) {
            setSpeed(`${Math.round(perSecond)} rows/s${remainingSeconds !== null ? ` · about ${remainingSeconds}s left` : ''}`);
          }
        }
      },
    });
    if (final.unauthorized) props.onUnauthorized();
  };

  const busy = run?.phase === 'uploading' || run?.phase === 'processing';
  const canUpload = !!file && !!preview && preview.problems.length === 0 && !busy;
  const job = run?.job ?? null;
  const finished = run?.phase === 'done' || run?.phase === 'failed';

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

      {run && (
        <div className="card">
          <ProgressBar
            testId="upload-progress"
            label="Upload"
            value={percent(run.upload.loaded, run.upload.total)}
            detail={`${formatBytes(run.upload.loaded)} of ${formatBytes(run.upload.total)}`}
          />
          <ProgressBar
            testId="import-progress"
            label="Import"
            value={job ? jobPercent(job, preview?.rowCount ?? 0) : 0}
            failed={run.phase === 'failed'}
            detail={
              job
                ? `${job.processed} of ${Math.max(job.total, preview?.rowCount ?? 0)} rows · ${job.status}${speed && !finished ? ` · ${speed}` : ''}`
                : run.phase === 'failed'
                  ? 'not started'
                  : 'waiting for the server'
            }
          />
          {run.message && (
            <p className="error" role="alert" data-testid="import-error">
              {run.message}
            </p>
          )}
          {job && finished && (
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
              <td className="nowrap">{props.preview?.rowIds[error.index] ?? '—'}</td>
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
