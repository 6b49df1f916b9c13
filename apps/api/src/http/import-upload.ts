import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { InvalidApiKeyError, keyFromHeaders } from '../auth/api-keys';
import { IMPORT_INTERRUPTED, isDatabaseOutage } from '../database-errors';
import type { Viewer } from '../graphql/context';
import { csvRows, jsonLinesRows, uploadFormat, UploadFormatError } from '../imports/parse-upload';
import type { Services } from '../services/services';
import { sendGraphQLError, sendJson } from './respond';

/**
 * POST /admin/openings/import — the file as the body (text/csv or application/x-ndjson), ADMIN key required,
 * `?atomic=true` to store nothing when any row is bad. The body is parsed as it streams in; valid rows are stored
 * in chunks of 500 with progress on the ImportJob (poll `importJob(id)`; the id is also in the x-import-job-id
 * response header). Answers with the report when the file has been processed: the first row errors
 * (UPLOAD_LIMITS.keepErrors) and the count of all. More than UPLOAD_LIMITS.maxRows rows is a 413, nearly every row
 * bad after the first thousand a 400; both stop reading (rows stored until then stay, unless atomic).
 */
export async function handleImportUpload(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { services: Services; log: Logger; limited: (req: IncomingMessage, res: ServerResponse, viewer: Viewer) => boolean },
): Promise<void> {
  let viewer: Viewer;
  try {
    const key = keyFromHeaders({ get: (name) => req.headers[name] as string | undefined });
    if (key === undefined) return refuse(res, 401, 'Uploading openings needs an ADMIN API key', 'UNAUTHENTICATED');
    viewer = await deps.services.apiKeys.verifier.verify(key);
  } catch (error) {
    if (error instanceof InvalidApiKeyError) return refuse(res, 401, `Invalid API key: ${error.message}`, 'UNAUTHENTICATED');
    throw error;
  }
  if (viewer.role !== 'ADMIN') return refuse(res, 403, `Uploading openings needs an ADMIN API key; this key's role is ${viewer.role}`, 'FORBIDDEN');
  if (deps.limited(req, res, viewer)) return;
  const format = uploadFormat(req.headers['content-type']);
  if (!format) {
    return refuse(res, 415, 'Content-Type must be text/csv or application/x-ndjson (JSON Lines)', 'BAD_REQUEST');
  }
  const atomic = /^(1|true)$/i.test(new URL(req.url ?? '/', 'http://x').searchParams.get('atomic') ?? '');
  const rows = format === 'csv' ? csvRows(req) : jsonLinesRows(req);
  let jobId: string | undefined;
  try {
    const report = await deps.services.imports.importRows(rows, atomic, 0, (id) => {
      jobId = id;
      res.setHeader('x-import-job-id', id);
      deps.log.info({ jobId: id, format, atomic }, 'import upload started');
    });
    deps.log.info({ jobId, created: report.created, updated: report.updated, failed: report.failedCount, stopped: report.stopped?.reason }, 'import upload finished');
    const body = {
      jobId: report.jobId,
      status: report.status,
      created: report.created,
      updated: report.updated,
      failed: report.failedCount,
      errors: report.failed,
      errorsOmitted: report.failedCount - report.failed.length,
    };
    if (report.stopped) {
      // The rest of the body stays unread: close the connection so the client stops sending it.
      const status = report.stopped.reason === 'TOO_MANY_ROWS' ? 413 : 400;
      const code = report.stopped.reason === 'TOO_MANY_ROWS' ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT';
      return sendJson(res, status, {
        ...body,
        errors: [{ message: report.stopped.message, extensions: { code, field: 'file', reason: report.stopped.reason } }],
        rowErrors: report.failed,
      }, { connection: 'close' });
    }
    sendJson(res, 200, body);
  } catch (error) {
    if (isDatabaseOutage(error)) {
      deps.log.warn({ jobId, err: error }, 'import upload stopped: database unavailable');
      return sendJson(res, 503, {
        jobId,
        errors: [{ message: IMPORT_INTERRUPTED, extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      }, { 'retry-after': '5', connection: 'close' }); // the rest of the body stays unread: never reuse this connection
    }
    if (error instanceof UploadFormatError || (error as { code?: string }).code?.startsWith('CSV_')) {
      return sendJson(res, 400, {
        jobId,
        errors: [{ message: (error as Error).message, extensions: { code: 'BAD_USER_INPUT', field: 'file' } }],
      }, { connection: 'close' });
    }
    throw error;
  }
}

/** Refuses without reading the body; the connection is closed so the client stops uploading. */
function refuse(res: ServerResponse, status: number, message: string, code: string): void {
  sendGraphQLError(res, status, message, code, { connection: 'close' });
}
