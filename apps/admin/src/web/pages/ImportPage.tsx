import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJobFieldsFragment as ImportJob } from '../../generated/graphql';
import { UPLOAD_COLUMNS } from '@moim/matching';
import {
  lineOfRow,
  previewOpeningsFile,
  type FileNotice,
  type OpeningsFilePreview,
} from '../../lib/openings-file';
import { openingsCsvTemplate, TEMPLATE_FILE_NAME } from '../../lib/openings-template';
import { jobPercent, percent, rate } from '../../lib/progress';
import { jobStatusLabel } from '../i18n/labels';
import { runImport, type ImportRunMessage, type ImportRunState } from '../import-run';
import { ProgressBar } from '../ProgressBar';

const MAX_ERROR_ROWS = 1000;

export function ImportPage(props: { adminKey: string; onUnauthorized: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<OpeningsFilePreview | null>(null);
  const [run, setRun] = useState<ImportRunState | null>(null);
  const [speed, setSpeed] = useState<{ perSecond: number; remainingSeconds: number | null } | null>(null);
  const firstSeen = useRef<{ at: number; processed: number } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

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
          if (perSecond > 0) setSpeed({ perSecond, remainingSeconds });
        }
      },
    });
    if (final.unauthorized) props.onUnauthorized();
  };

  const busy = run?.phase === 'uploading' || run?.phase === 'processing';
  const canUpload = !!file && !!preview && preview.problems.length === 0 && !busy;
  const job = run?.job ?? null;
  const finished = run?.phase === 'done' || run?.phase === 'failed';
  const speedText =
    speed && !finished
      ? ` · ${t('import.speed', { rows: Math.round(speed.perSecond) })}${
          speed.remainingSeconds !== null ? ` · ${t('import.remaining', { seconds: speed.remainingSeconds })}` : ''
        }`
      : '';

  return (
    <section>
      <h1>{t('import.heading')}</h1>
      <p className="muted">
        {t('import.introCsv')} <code>{UPLOAD_COLUMNS.join(',')}</code>
      </p>
      <p className="muted">{t('import.introRules')}</p>
      <p className="template">
        <span>{t('import.templateIntro')}</span>
        <TemplateLink label={t('import.templateLink')} />
      </p>

      <div className="card">
        <label htmlFor="openings-file">{t('import.fileLabel')}</label>
        {/* The browser words its own file button in its UI language, so the console shows its own button. */}
        <div className="file-picker">
          <input
            ref={fileInput}
            id="openings-file"
            className="visually-hidden"
            type="file"
            tabIndex={-1}
            accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
            disabled={busy}
            onChange={(event) => void choose(event.target.files?.[0] ?? null)}
          />
          <button type="button" className="secondary" disabled={busy} onClick={() => fileInput.current?.click()}>
            {t('import.chooseFile')}
          </button>
          <span className="muted" data-testid="chosen-file">
            {file?.name ?? t('import.noFileChosen')}
          </span>
        </div>
        {preview && file && <PreviewSummary file={file} preview={preview} />}
        <button type="button" disabled={!canUpload} onClick={() => void start()}>
          {busy ? t('import.importing') : t('import.upload')}
        </button>
      </div>

      {run && (
        <div className="card">
          <ProgressBar
            testId="upload-progress"
            label={t('import.uploadBar')}
            value={percent(run.upload.loaded, run.upload.total)}
            detail={t('import.bytesOf', { loaded: formatBytes(run.upload.loaded), total: formatBytes(run.upload.total) })}
          />
          <ProgressBar
            testId="import-progress"
            label={t('import.importBar')}
            value={job ? jobPercent(job, preview?.rowCount ?? 0) : 0}
            failed={run.phase === 'failed'}
            detail={
              job
                ? t('import.jobDetail', {
                    processed: job.processed,
                    total: Math.max(job.total, preview?.rowCount ?? 0),
                    status: jobStatusLabel(t, job.status),
                  }) + speedText
                : run.phase === 'failed'
                  ? t('import.notStarted')
                  : t('import.waiting')
            }
          />
          {run.message && (
            <p className="error" role="alert" data-testid="import-error">
              <RunMessage message={run.message} />
            </p>
          )}
          {job && finished && (
            <p className="summary" data-testid="import-summary">
              {t('import.summary', { created: job.created, updated: job.updated, failed: job.failed })}
            </p>
          )}
        </div>
      )}

      {job && job.errors.length > 0 && <RejectedRows job={job} preview={preview} />}
    </section>
  );
}

/** The CSV template as a download made in the page (a blob: URL), so it is always the current column list. */
function TemplateLink(props: { label: string }) {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([openingsCsvTemplate()], { type: 'text/csv;charset=utf-8' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, []);
  return href ? (
    <a href={href} download={TEMPLATE_FILE_NAME} data-testid="csv-template">
      {props.label}
    </a>
  ) : null;
}

function RunMessage(props: { message: ImportRunMessage }) {
  const { t } = useTranslation();
  return <>{t(`import.message.${props.message.code}`, props.message)}</>;
}

function Notice(props: { notice: FileNotice }) {
  const { t } = useTranslation();
  const { notice } = props;
  if (notice.code === 'csvSyntax') {
    return <>{t('import.notice.csvSyntax', { line: notice.line, reason: t(`import.csvReason.${notice.reason}`) })}</>;
  }
  return <>{t(`import.notice.${notice.code}`, notice)}</>;
}

function PreviewSummary(props: { file: File; preview: OpeningsFilePreview }) {
  const { t } = useTranslation();
  const { preview } = props;
  const columns = Array.from(new Set(preview.sample.flatMap((row) => Object.keys(row))));
  return (
    <div className="preview" data-testid="file-preview">
      <p>
        <strong>{props.file.name}</strong> · {formatBytes(props.file.size)} · {preview.format.toUpperCase()} ·{' '}
        <span data-testid="preview-rows">{preview.rowCount}</span> {t('import.preview.rows')}
      </p>
      {preview.problems.map((problem, i) => (
        <p key={i} className="error">
          <Notice notice={problem} />
        </p>
      ))}
      {preview.warnings.map((warning, i) => (
        <p key={i} className="warning">
          <Notice notice={warning} />
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
  const { t } = useTranslation();
  const rows = [...props.job.errors].sort((a, b) => a.index - b.index);
  const shown = rows.slice(0, MAX_ERROR_ROWS);
  return (
    <div className="card">
      <h2>{t('import.rejected.heading', { rows: rows.length })}</h2>
      <table data-testid="rejected-rows">
        <thead>
          <tr>
            <th className="nowrap">{t('import.rejected.row')}</th>
            <th className="nowrap">{t('import.rejected.line')}</th>
            <th>{t('import.rejected.externalId')}</th>
            <th>{t('import.rejected.field')}</th>
            <th>{t('import.rejected.reason')}</th>
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
      {rows.length > shown.length && (
        <p className="muted">{t('import.rejected.moreNotShown', { more: rows.length - shown.length })}</p>
      )}
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
