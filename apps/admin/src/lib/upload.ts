// Streams a file to POST /admin/openings/import with XMLHttpRequest, because fetch() has no upload
// progress events. Resolves with the API's JSON answer (a job id, or an immediate report).
import { bearer } from './graphql';

export interface UploadProgress {
  loaded: number;
  total: number;
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
    xhr.onerror = () => reject(new Error('the upload failed: network error'));
    xhr.onabort = () => reject(new Error('the upload was cancelled'));
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

/** A readable message for a refused upload. */
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
  return `HTTP ${result.status}: ${result.text.slice(0, 300) || 'no body'}`;
}
