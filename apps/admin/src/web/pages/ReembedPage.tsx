import { useEffect, useState } from 'react';
import { graphqlRequest } from '../../lib/graphql';
import { isFailed, isFinished, jobPercent } from '../../lib/progress';
import { REEMBED_JOB, START_REEMBED, VOCABULARY } from '../operations';
import { ProgressBar } from '../ProgressBar';
import type { ReembedJob } from '../types';

const POLL_MS = 500;
const JOB_KEY = 'moim.admin.reembedJob';

export function ReembedPage(props: { adminKey: string }) {
  const { adminKey } = props;
  const [model, setModel] = useState<{ modelId: string; dimension: number } | null>(null);
  const [jobId, setJobId] = useState<string | null>(() => sessionStorage.getItem(JOB_KEY));
  const [job, setJob] = useState<ReembedJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [modelDir, setModelDir] = useState('');

  useEffect(() => {
    graphqlRequest<{ embedder: { modelId: string; dimension: number } }>(VOCABULARY, {}, adminKey)
      .then((data) => setModel(data.embedder))
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, [adminKey, job?.status]);

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const data = await graphqlRequest<{ reembedJob: ReembedJob | null }>(REEMBED_JOB, { id: jobId }, adminKey);
        if (stopped) return;
        if (!data.reembedJob) {
          sessionStorage.removeItem(JOB_KEY);
          setJobId(null);
          return;
        }
        setJob(data.reembedJob);
        if (!isFinished(data.reembedJob.status)) timer = setTimeout(poll, POLL_MS);
      } catch (caught) {
        if (!stopped) setError(caught instanceof Error ? caught.message : String(caught));
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
      const data = await graphqlRequest<{ startReembed: { id: string } }>(
        START_REEMBED,
        { modelDir: modelDir.trim() || null },
        adminKey,
      );
      sessionStorage.setItem(JOB_KEY, data.startReembed.id);
      setJobId(data.startReembed.id);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setStarting(false);
    }
  };

  const running = !!job && !isFinished(job.status);

  return (
    <section>
      <h1>Re-embed</h1>
      <p className="muted">
        After a model change, point the API at the new model directory: it writes vectors for every member and opening
        with the new model while the current one keeps serving recommendations, then switches to it.
      </p>
      <div className="card">
        <p>
          Serving model: <code data-testid="model-id">{model ? `${model.modelId} (${model.dimension} dims)` : '…'}</code>
        </p>
        <label htmlFor="model-dir">Model directory on the API server (empty: the configured MOIM_MODEL_DIR)</label>
        <input
          id="model-dir"
          type="text"
          value={modelDir}
          placeholder="/srv/moim/models/moim-ko-mini-v2"
          onChange={(event) => setModelDir(event.target.value)}
        />
        <p />
        <button type="button" disabled={starting || running} onClick={() => void start()}>
          {running ? 'Re-embedding…' : 'Start re-embed'}
        </button>
        {job && (
          <ProgressBar
            testId="reembed-progress"
            label={`Re-embed ${job.previousModelId} → ${job.modelId}`}
            value={jobPercent(job)}
            failed={isFailed(job.status)}
            detail={`${job.processed} of ${job.total} vectors · ${job.status}${job.finishedAt ? ` · finished ${job.finishedAt}` : ''}`}
          />
        )}
        {job?.error && <p className="error">{job.error}</p>}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
