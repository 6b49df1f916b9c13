import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ReembedJobDocument,
  StartReembedDocument,
  VocabularyDocument,
  type ReembedJobFieldsFragment,
  type VocabularyQuery,
} from '../../generated/graphql';
import { graphqlRequest } from '../../lib/graphql';
import { isFailed, isFinished, jobPercent } from '../../lib/progress';
import { jobStatusLabel } from '../i18n/labels';
import { ProgressBar } from '../ProgressBar';

const POLL_MS = 500;
const JOB_KEY = 'moim.admin.reembedJob';

/** What failed, and the API's own message. */
interface PageError {
  key: 'reembed.modelFailed' | 'reembed.pollFailed' | 'reembed.startFailed';
  detail: string;
}

const detailOf = (caught: unknown) => (caught instanceof Error ? caught.message : String(caught));

export function ReembedPage(props: { adminKey: string }) {
  const { adminKey } = props;
  const { t, i18n } = useTranslation();
  const [model, setModel] = useState<VocabularyQuery['embedder'] | null>(null);
  const [jobId, setJobId] = useState<string | null>(() => sessionStorage.getItem(JOB_KEY));
  const [job, setJob] = useState<ReembedJobFieldsFragment | null>(null);
  const [error, setError] = useState<PageError | null>(null);
  const [starting, setStarting] = useState(false);
  const [modelDir, setModelDir] = useState('');

  useEffect(() => {
    graphqlRequest(VocabularyDocument, {}, adminKey)
      .then((data) => setModel(data.embedder))
      .catch((caught: unknown) => setError({ key: 'reembed.modelFailed', detail: detailOf(caught) }));
  }, [adminKey, job?.status]);

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const data = await graphqlRequest(ReembedJobDocument, { id: jobId }, adminKey);
        if (stopped) return;
        if (!data.reembedJob) {
          sessionStorage.removeItem(JOB_KEY);
          setJobId(null);
          return;
        }
        setJob(data.reembedJob);
        if (!isFinished(data.reembedJob.status)) timer = setTimeout(poll, POLL_MS);
      } catch (caught) {
        if (!stopped) setError({ key: 'reembed.pollFailed', detail: detailOf(caught) });
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [adminKey, jobId]);

  const start = async () => {
    setStarting(true);
    setError(null);
    setJob(null);
    try {
      const data = await graphqlRequest(StartReembedDocument, { modelDir: modelDir.trim() || null }, adminKey);
      sessionStorage.setItem(JOB_KEY, data.startReembed.id);
      setJobId(data.startReembed.id);
    } catch (caught) {
      setError({ key: 'reembed.startFailed', detail: detailOf(caught) });
    } finally {
      setStarting(false);
    }
  };

  const running = !!job && !isFinished(job.status);

  return (
    <section>
      <h1>{t('reembed.heading')}</h1>
      <p className="muted">{t('reembed.intro')}</p>
      <div className="card">
        <p>
          {t('reembed.servingModel')}{' '}
          <code data-testid="model-id">
            {model ? t('reembed.model', { modelId: model.modelId, dimension: model.dimension }) : '…'}
          </code>
        </p>
        <label htmlFor="model-dir">{t('reembed.modelDirLabel')}</label>
        <input
          id="model-dir"
          type="text"
          value={modelDir}
          placeholder="/srv/moim/models/moim-ko-mini-v2"
          onChange={(event) => setModelDir(event.target.value)}
        />
        <p />
        <button type="button" disabled={starting || running} onClick={() => void start()}>
          {running ? t('reembed.running') : t('reembed.start')}
        </button>
        {job && (
          <ProgressBar
            testId="reembed-progress"
            label={t('reembed.bar', { from: job.previousModelId, to: job.modelId })}
            value={jobPercent(job)}
            failed={isFailed(job.status)}
            detail={
              t('reembed.detail', { processed: job.processed, total: job.total, status: jobStatusLabel(t, job.status) }) +
              (job.finishedAt ? t('reembed.finished', { at: formatTime(job.finishedAt, i18n.language) }) : '')
            }
          />
        )}
        {job?.error && <p className="error">{job.error}</p>}
        {error && (
          <p className="error" role="alert">
            {t(error.key, { detail: error.detail })}
          </p>
        )}
      </div>
    </section>
  );
}

/** The job's end time in the admin's language and time zone; an unreadable value is shown as it came. */
function formatTime(iso: string, language: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : time.toLocaleString(language === 'ko' ? 'ko-KR' : 'en-GB');
}
