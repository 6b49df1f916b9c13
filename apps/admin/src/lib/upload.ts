// Streams a file to POST /admin/openings/import with XMLHttpRequest, because fetch() has no upload
// progress events. Resolves with the API's JSON answer (a job id, or an immediate report).
import { bearer } from './graphql';

export interface UploadProgress {
  loaded: number;
  total: number;
}

/** The request itself failed (no HTTP answer): the console words it by kind. */
export class UploadTransportError extends Error {
  constructor(readonly kind: 'network' | 'aborted') {
    super(kind === 'network' ? 'the upload failed: network error' : 'the upload was cancelled');
    this.name = 'UploadTransportError';
  }
}

export interface UploadResult {
  status: number;
  body: Record<string, unknown> | null;
  text: string;
}

export function uploadOpeningsFile(options: {
  file: Blob;
  contentType: string;
  adminKey: string;
  url?: string;
  onProgress: (progress: UploadProgress) => void;
  /** Called once the response headers arrive (they may carry the job id before the body is done). */
  onHeaders?: (header: (name: string) => string | null) => void;
  signal?: AbortSignal;
}): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', options.url ?? '/admin/openings/import');
    xhr.setRequestHeader('content-type', options.contentType);
    xhr.setRequestHeader('authorization', bearer(options.adminKey));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      options.onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : options.file.size });
    };
    xhr.upload.onload = () => options.onProgress({ loaded: options.file.size, total: options.file.size });
    xhr.onreadystatechange = () => {
      if (xhr.readyState === XMLHttpRequest.HEADERS_RECEIVED) options.onHeaders?.((name) => xhr.getResponseHeader(name));
    };
    xhr.onerror = () => reject(new UploadTransportError('network'));
    xhr.onabort = () => reject(new UploadTransportError('aborted'));
    xhr.onload = () => {
      let body: Record<string, unknown> | null = null;
      try {
        const parsed: unknown = JSON.parse(xhr.responseText);
        if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body, text: xhr.responseText });
    };
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(options.file);
  });
}

/** The job id in the API's answer: `{ jobId }`, `{ id }` or `{ job: { id } }`. */
export function jobIdOf(body: Record<string, unknown> | null): string | null {
  if (!body) return null;
  const job = body.job;
  const candidates = [body.jobId, body.id, typeof job === 'object' && job !== null ? (job as { id?: unknown }).id : null];
  for (const value of candidates) if (typeof value === 'string' || typeof value === 'number') return String(value);
  return null;
}

/** The server's own message for a refused upload, else its status and body. */
export function uploadErrorMessage(result: UploadResult): string {
  const body = result.body;
  const errors = body?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return errors
      .map((e) => (typeof e === 'object' && e !== null && 'message' in e ? String(e.message) : String(e)))
      .join('; ');
  }
  if (typeof body?.error === 'string') return body.error;
  if (typeof body?.message === 'string') return body.message;
  const text = result.text.slice(0, 300);
  return text ? `HTTP ${result.status}: ${text}` : `HTTP ${result.status}`;
}
